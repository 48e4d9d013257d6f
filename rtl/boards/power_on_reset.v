`default_nettype none
// Synchronous reset for boards without a reset pin: held for 2^COUNT_BITS
// clocks after configuration (iCE40 flip-flops start at zero, so the counter
// needs no reset of its own), and again for as long as `button_n` is low.
// The button goes through two flip-flops first: it is asynchronous.
module power_on_reset #(
    parameter integer COUNT_BITS = 8
) (
    input  wire clk,
    input  wire button_n,  // active low; tie to 1 when the board has none
    output wire rst
);
  reg [COUNT_BITS-1:0] count = {COUNT_BITS{1'b0}};
  reg [1:0] button_sync = 2'b11;
  wire done = &count;

  always @(posedge clk) begin
    button_sync <= {button_sync[0], button_n};
    if (!button_sync[1]) count <= {COUNT_BITS{1'b0}};
    else if (!done) count <= count + 1'b1;
  end

  assign rst = !done;
endmodule
`default_nettype wire
