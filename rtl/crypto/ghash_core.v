`default_nettype none
// GHASH for AES-GCM (NIST SP 800-38D section 6.4): Y_i = (Y_{i-1} XOR X_i) * H
// in GF(2^128), digit-serial: DIGIT_BITS multiplier bits per clock, so a block
// takes 128 / DIGIT_BITS clocks (DIGIT_BITS = 1, 2, 4, ..., 128). Ports,
// timing and resources: docs/cores/ghash.md.
//
// Byte 0 of a block or of H is the most significant byte of s_axis_tdata /
// h_in / y_out, as in aes_core; GCM's bit x^0 is bit 127.
//
// The caller feeds the AAD blocks, the ciphertext blocks (last ones
// zero-padded) and len(A) || len(C), then XORs E_K(J0) into y_out itself.
module ghash_core #(
    parameter integer DIGIT_BITS = 16
) (
    input  wire         clk,
    input  wire         rst,
    // Hash key H = E_K(0^128), and init (Y <= 0): strobes taken on an edge
    // where idle is high, ignored while a block is in progress. While either
    // is high, s_axis_tready is low.
    input  wire [127:0] h_in,
    input  wire         h_load,
    input  wire         init,
    // Blocks X_i. A block is taken whole when idle; 128 / DIGIT_BITS clocks
    // later (counting the edge that took it) idle is high again.
    input  wire [127:0] s_axis_tdata,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire [127:0] y_out,  // Y: valid while idle
    output wire         idle
);
  localparam integer STEPS = 128 / DIGIT_BITS;

  reg  [127:0] h;
  reg  [127:0] acc;  // Y while idle; the Horner partial product while busy
  reg          busy;

  assign idle = !busy;
  assign y_out = acc;
  assign s_axis_tready = !busy && !init && !h_load;
  wire accept = s_axis_tvalid && s_axis_tready;

  // The edge that takes a block already does its first step, on the
  // multiplier Y XOR X straight from the port; the rest of the multiplier
  // waits in `operand` and is shifted down a digit per clock.
  wire [127:0] multiplier_in = acc ^ s_axis_tdata;
  wire [DIGIT_BITS-1:0] digit;
  wire [127:0] product;

  ghash_digit_multiply #(
      .DIGIT_BITS(DIGIT_BITS)
  ) u_multiply (
      .acc    (busy ? acc : 128'd0),  // Horner starts from 0
      .h      (h),
      .digit  (digit),
      .product(product)
  );

  generate
    if (STEPS > 1) begin : g_serial
      localparam integer STEP_BITS = $clog2(STEPS);
      reg [STEP_BITS-1:0] step;  // the step running while busy (1 .. STEPS-1)
      reg [127-DIGIT_BITS:0] operand;  // the multiplier's digits still to do

      assign digit = busy ? operand[DIGIT_BITS-1:0] : multiplier_in[DIGIT_BITS-1:0];

      always @(posedge clk) begin
        if (rst) begin
          busy <= 1'b0;
          step <= {STEP_BITS{1'b0}};
        end else if (accept) begin
          busy <= 1'b1;
          step <= {{(STEP_BITS - 1) {1'b0}}, 1'b1};
        end else if (busy) begin
          busy <= step != STEPS[STEP_BITS-1:0] - 1'b1;
          step <= step + 1'b1;
        end
        if (accept) operand <= multiplier_in[127:DIGIT_BITS];
        else if (busy) operand <= operand >> DIGIT_BITS;
      end
    end else begin : g_parallel
      // DIGIT_BITS = 128: the whole product on the edge that takes the block.
      assign digit = multiplier_in;
      always @(posedge clk) busy <= 1'b0;
      wire unused_rst = rst;
    end
  endgenerate

  always @(posedge clk) begin
    if (accept || busy) acc <= product;
    else if (init) acc <= 128'd0;
    if (h_load && !busy) h <= h_in;
  end
endmodule
`default_nettype wire
