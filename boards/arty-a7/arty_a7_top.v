`default_nettype none
// Digilent Arty A7-100T (XC7A100T-1CSG324C): 100 MHz oscillator used
// directly, the FT2232HQ's channel B as a 3 Mbaud UART (uart_txd_in on A9,
// uart_rxd_out on D10), the RESET button (ck_rst, active low) as reset,
// LD4..LD6 for frames, packets and errors.
// Configuration: the whole engine (every suite, the round-per-clock
// aes_core) with 1024 SAs in block RAM. Not implemented here: Vivado is not
// in Debian 12 (README.md says what was run).
module arty_a7_top #(
    parameter [31:0] BUILD_ID = 32'h0
) (
    input  wire       CLK100MHZ,
    input  wire       ck_rst,        // RESET button, active low
    input  wire       uart_txd_in,   // from the FT2232HQ channel B
    output wire       uart_rxd_out,  // to the FT2232HQ channel B
    output wire [3:0] led            // LD4..LD7, active high
);
  wire led_link, led_packet, led_error;

  ipsec_fpga_uart_top #(
      .ENTRY_BITS (10),
      .USE_SPRAM  (0),
      .HAS_AES    (1),
      .HAS_TDES   (1),
      .HAS_GCM    (1),
      .HAS_MD5    (1),
      .HAS_SHA1   (1),
      .HAS_SHA256 (1),
      .AES_COMPACT(0),
      .BUILD_ID   (BUILD_ID),
      .CLOCK_HZ   (100000000),
      .BAUD       (3000000)
  ) board (
      .clk       (CLK100MHZ),
      .button_n  (ck_rst),
      .uart_rx   (uart_txd_in),
      .uart_tx   (uart_rxd_out),
      .led_link  (led_link),
      .led_packet(led_packet),
      .led_error (led_error)
  );

  assign led = {1'b0, led_error, led_packet, led_link};
endmodule
`default_nettype wire
