`default_nettype none
// Lattice iCE40-HX8K breakout board (iCE40HX8K-CT256): 12 MHz oscillator,
// FT2232H channel B as a 3 Mbaud UART (rx on B10, tx on B12), no button
// (reset at configuration only), LEDs D2..D4 for frames, packets and errors.
// Configuration: AES-CBC, 3DES-CBC, HMAC-SHA1-96 and HMAC-SHA-256-128,
// 64 SAs (see README.md for what fits).
module hx8k_breakout_top #(
    parameter [31:0] BUILD_ID = 32'h0
) (
    input  wire       clk12m,
    input  wire       rx,   // from the FT2232H (channel B TXD)
    output wire       tx,   // to the FT2232H (channel B RXD)
    output wire [7:0] led   // active high
);
  wire led_link, led_packet, led_error;

  ipsec_fpga_uart_top #(
      .ENTRY_BITS(6),
      .USE_SPRAM (0),
      .HAS_AES   (1),
      .HAS_TDES  (1),
      .HAS_GCM   (0),
      .HAS_MD5   (0),
      .HAS_SHA1  (1),
      .HAS_SHA256(1),
      .BUILD_ID  (BUILD_ID),
      .CLOCK_HZ  (12000000),
      .BAUD      (3000000)
  ) board (
      .clk       (clk12m),
      .button_n  (1'b1),
      .uart_rx   (rx),
      .uart_tx   (tx),
      .led_link  (led_link),
      .led_packet(led_packet),
      .led_error (led_error)
  );

  assign led = {5'b0, led_error, led_packet, led_link};
endmodule
`default_nettype wire
