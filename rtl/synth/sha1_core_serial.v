`default_nettype none
// Synthesis-check wrapper for sha1_core: a few pins only. The wide inputs
// (state_in and one message word) are shifted in serially; state_out is read
// one bit at a time through a bit-select counter, so every bit of the core
// stays observable and nothing is optimised away.
module sha1_core_serial (
    input  wire clk,
    input  wire rst,
    input  wire sdi,         // serial data, shifted in while `shift_in`
    input  wire shift_in,    // {state_in, word} <= {.., sdi} (MSB first)
    input  wire init,        // -> sha1_core.init
    input  wire state_load,  // -> sha1_core.state_load
    input  wire word_valid,  // -> s_axis_tvalid (the shifted-in word)
    input  wire next_bit,    // select the next bit of state_out for `sdo`
    output reg  sdo,
    output wire word_ready,
    output wire idle,
    output wire block_done
);
  reg [191:0] shift_reg;  // {state_in, tdata}
  reg         init_q, state_load_q, word_valid_q;
  reg [7:0]   out_bit;  // counts past 159 too; those selects are don't-care
  wire [159:0] state_out;
  wire         tready;

  always @(posedge clk) begin
    if (shift_in) shift_reg <= {shift_reg[190:0], sdi};
    init_q       <= init;
    state_load_q <= state_load;
    word_valid_q <= word_valid;
    if (rst) out_bit <= 8'd0;
    else if (next_bit) out_bit <= out_bit + 8'd1;
    sdo <= state_out[out_bit];
  end

  sha1_core core (
      .clk(clk),
      .rst(rst),
      .init(init_q),
      .state_load(state_load_q),
      .state_in(shift_reg[191:32]),
      .state_out(state_out),
      .s_axis_tdata(shift_reg[31:0]),
      .s_axis_tvalid(word_valid_q),
      .s_axis_tready(tready),
      .idle(idle),
      .block_done(block_done)
  );

  assign word_ready = tready;
endmodule
`default_nettype wire
