`default_nettype none
// HX8K breakout link test: the same pins, clock and UART divisor as
// hx8k_breakout_top, with board_uart_echo in place of the board core (every
// byte sent to channel B comes back). For FT2232H bring-up while the engine
// does not fit yet (README.md, docs/boards.md).
module hx8k_breakout_linktest_top (
    input  wire       clk12m,
    input  wire       rx,   // from the FT2232H (channel B TXD)
    output wire       tx,   // to the FT2232H (channel B RXD)
    output wire [7:0] led   // active high: D2 bytes echoed, D4 errors
);
  wire led_link, led_error;

  board_uart_echo #(
      .CLOCK_HZ(12000000),
      .BAUD    (3000000)
  ) echo (
      .clk      (clk12m),
      .button_n (1'b1),
      .uart_rx  (rx),
      .uart_tx  (tx),
      .led_link (led_link),
      .led_error(led_error)
  );

  assign led = {5'b0, led_error, 1'b0, led_link};
endmodule
`default_nettype wire
