`default_nettype none
// iCEBreaker link test: the same pins, clock and UART divisor as
// icebreaker_top, with board_uart_echo in place of the board core (every
// byte sent to channel B comes back). For FT2232H bring-up while the engine
// does not fit yet (README.md, docs/boards.md).
module icebreaker_linktest_top (
    input  wire CLK,     // 12 MHz
    input  wire BTN_N,   // user button, active low
    input  wire RX,      // from the FT2232H (channel B TXD)
    output wire TX,      // to the FT2232H (channel B RXD)
    output wire LEDR_N,  // red, active low: framing errors, dropped bytes
    output wire LEDG_N   // green, active low: bytes echoed
);
  wire led_link, led_error;

  board_uart_echo #(
      .CLOCK_HZ(12000000),
      .BAUD    (3000000)
  ) echo (
      .clk      (CLK),
      .button_n (BTN_N),
      .uart_rx  (RX),
      .uart_tx  (TX),
      .led_link (led_link),
      .led_error(led_error)
  );

  assign LEDG_N = !led_link;
  assign LEDR_N = !led_error;
endmodule
`default_nettype wire
