`default_nettype none
// Synthesis check wrapper for tdes_core: a few pins, shift registers for the
// wide ports, so the core's logic is kept and the design fits the SG48 package.
//
// `shift_in` shifts `serial_in` (MSB first) into a 192-bit register that is
// both the key input (K1 || K2 || K3) and, in its low 64 bits, the block
// input. `capture` is the output ready: it loads the result into a 64-bit
// register that `shift_out` shifts out on `serial_out` (MSB first). Every
// control pin is registered once so that pad delays stay out of the core's
// timing paths.
module tdes_core_serial (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire key_load,
    input  wire triple,
    input  wire block_valid,
    input  wire decrypt,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire block_ready,
    output wire result_valid,
    output wire key_ready
);
  reg serial_in_q, shift_in_q, key_load_q, triple_q, block_valid_q, decrypt_q;
  reg capture_q, shift_out_q;
  always @(posedge clk) begin
    serial_in_q   <= serial_in;
    shift_in_q    <= shift_in;
    key_load_q    <= key_load;
    triple_q      <= triple;
    block_valid_q <= block_valid;
    decrypt_q     <= decrypt;
    capture_q     <= capture;
    shift_out_q   <= shift_out;
  end

  reg [191:0] in_shift;
  always @(posedge clk) begin
    if (shift_in_q) in_shift <= {in_shift[190:0], serial_in_q};
  end

  wire [63:0] result;
  wire        result_valid_w;
  tdes_core core (
      .clk          (clk),
      .rst          (rst),
      .key_in       (in_shift),
      .triple       (triple_q),
      .key_load     (key_load_q),
      .key_ready    (key_ready),
      .s_axis_tdata (in_shift[63:0]),
      .s_axis_tuser (decrypt_q),
      .s_axis_tvalid(block_valid_q),
      .s_axis_tready(block_ready),
      .m_axis_tdata (result),
      .m_axis_tvalid(result_valid_w),
      .m_axis_tready(capture_q)
  );
  assign result_valid = result_valid_w;

  reg [63:0] out_shift;
  always @(posedge clk) begin
    if (capture_q && result_valid_w) out_shift <= result;
    else if (shift_out_q) out_shift <= {out_shift[62:0], 1'b0};
  end
  assign serial_out = out_shift[63];
endmodule
`default_nettype wire
