`default_nettype none
// The receiver's 32-bit frame and error counters with one incrementer for
// all of them: at most one counter counts per cycle (a frame is accepted or
// dropped for one reason), so the counting one is selected, incremented and
// written back. Each counter stays at all-ones and restarts on its clear
// strobe (an event in the clearing cycle counts: it happened after the
// register write).
module link_rx_counters #(
    parameter integer COUNTERS = 7
) (
    input  wire                     clk,
    input  wire                     rst,
    input  wire [     COUNTERS-1:0] events,  // one-hot or zero
    input  wire [     COUNTERS-1:0] clear,
    output reg  [32*COUNTERS-1:0] counts
);
  reg [31:0] selected;
  integer i;
  always @(*) begin
    selected = 32'd0;
    for (i = 0; i < COUNTERS; i = i + 1) selected = selected | (events[i] ? counts[32*i+:32] : 32'd0);
  end
  wire        full = &selected;
  wire [31:0] bumped = selected + 32'd1;

  integer k;
  always @(posedge clk) begin
    for (k = 0; k < COUNTERS; k = k + 1) begin
      if (rst) counts[32*k+:32] <= 32'd0;
      else if (clear[k]) counts[32*k+:32] <= {31'd0, events[k]};
      else if (events[k] && !full) counts[32*k+:32] <= bumped;
    end
  end
endmodule
`default_nettype wire
