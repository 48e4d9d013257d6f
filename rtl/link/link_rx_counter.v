`default_nettype none
// One 32-bit error/frame counter of the receiver: counts events, stays at
// all-ones, and restarts on a clear strobe (an event in the clearing cycle
// counts, it happened after the register write).
module link_rx_counter (
    input  wire        clk,
    input  wire        rst,
    input  wire        event_pulse,
    input  wire        clear,
    output reg  [31:0] count
);
  always @(posedge clk) begin
    if (rst) count <= 32'd0;
    else if (clear) count <= {31'd0, event_pulse};
    else if (event_pulse && count != 32'hFFFF_FFFF) count <= count + 32'd1;
  end
endmodule
`default_nettype wire
