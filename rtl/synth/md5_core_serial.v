`default_nettype none
// Synthesis-check wrapper for md5_core: a few pins instead of 300, so the
// core fits the iCE40 packages and none of its logic is optimised away.
// A 128-bit shift register, filled one bit per clock while shift_in is high,
// gives state_in and (its low 32 bits) the message word; a second one
// captures state_out at block_done (or on capture) and shifts it out.
module md5_core_serial (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire init,
    input  wire state_load,
    input  wire word_valid,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire word_ready,
    output wire busy,
    output wire block_done
);
  reg  [127:0] in_bits;
  reg  [127:0] out_bits;
  wire [127:0] state_out;
  wire         idle;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[126:0], serial_in};
    if (block_done || capture) out_bits <= state_out;
    else if (shift_out) out_bits <= {out_bits[126:0], 1'b0};
  end
  assign serial_out = out_bits[127];

  md5_core core (
      .clk          (clk),
      .rst          (rst),
      .init         (init),
      .state_load   (state_load),
      .state_in     (in_bits),
      .state_out    (state_out),
      .s_axis_tdata (in_bits[31:0]),
      .s_axis_tvalid(word_valid),
      .s_axis_tready(word_ready),
      .busy         (busy),
      .idle         (idle),
      .block_done   (block_done)
  );

  // idle is !busy; only busy is brought out to save a pin.
  wire unused = idle;
endmodule
`default_nettype wire
