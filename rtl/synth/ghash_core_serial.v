`default_nettype none
// Synthesis-check wrapper for ghash_core: a few pins instead of 400, so the
// core fits the iCE40 packages and none of its logic is optimised away.
// A 128-bit shift register, filled one bit per clock while shift_in is high,
// gives both h_in and the block; a second one captures y_out (on capture)
// and shifts it out.
module ghash_core_serial #(
    parameter integer DIGIT_BITS = 16
) (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire h_load,
    input  wire init,
    input  wire block_valid,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire block_ready,
    output wire idle
);
  reg  [127:0] in_bits;
  reg  [127:0] out_bits;
  wire [127:0] y_out;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[126:0], serial_in};
    if (capture) out_bits <= y_out;
    else if (shift_out) out_bits <= {out_bits[126:0], 1'b0};
  end
  assign serial_out = out_bits[127];

  ghash_core #(
      .DIGIT_BITS(DIGIT_BITS)
  ) core (
      .clk          (clk),
      .rst          (rst),
      .h_in         (in_bits),
      .h_load       (h_load),
      .init         (init),
      .s_axis_tdata (in_bits),
      .s_axis_tvalid(block_valid),
      .s_axis_tready(block_ready),
      .y_out        (y_out),
      .idle         (idle)
  );
endmodule
`default_nettype wire
