`default_nettype none
// Stretches one-cycle activity pulses to a visible LED time: the LED stays
// on for CYCLES clocks after the last pulse.
module link_led_stretcher #(
    parameter integer CYCLES = 1200000
) (
    input  wire clk,
    input  wire rst,
    input  wire pulse,
    output wire led
);
  localparam integer BITS = $clog2(CYCLES + 1);
  localparam [BITS-1:0] START = CYCLES[BITS-1:0];

  reg [BITS-1:0] remaining;
  always @(posedge clk) begin
    if (rst) remaining <= {BITS{1'b0}};
    else if (pulse) remaining <= START;
    else if (remaining != {BITS{1'b0}}) remaining <= remaining - 1'b1;
  end
  assign led = remaining != {BITS{1'b0}};
endmodule
`default_nettype wire
