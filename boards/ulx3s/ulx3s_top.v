`default_nettype none
// ULX3S (ECP5 LFE5U-85F-6BG381C): 25 MHz oscillator used directly, the
// FT231X USB-serial as a 3 Mbaud UART (its TXD on M1, RXD on L4), FIRE1 as
// reset, LEDs 0..2 for frames, packets and errors.
// Configuration: the whole engine (every suite: AES-CBC 128/192/256 with the
// round-per-clock aes_core, AES-GCM, DES/3DES-CBC, HMAC-MD5/SHA-1/SHA-256)
// with 512 SAs in block RAM: 1024 SAs of 128 words are 4 Mbit, more than the
// part's 3.7 Mbit of EBR (README.md). Not placed here: nextpnr-ecp5 is not
// in Debian 12 (README.md says what was run).
module ulx3s_top #(
    parameter [31:0] BUILD_ID = 32'h0
) (
    input  wire       clk_25mhz,
    input  wire [1:0] btn,         // btn[1] FIRE1, active high; btn[0] PWRn (unused)
    input  wire       ftdi_txd,    // from the FT231X
    output wire       ftdi_rxd,    // to the FT231X
    output wire [7:0] led,         // active high
    output wire       wifi_gpio0   // high: keeps the ESP32 from resetting the FPGA
);
  wire led_link, led_packet, led_error;

  ipsec_fpga_uart_top #(
      .ENTRY_BITS (9),
      .USE_SPRAM  (0),
      .HAS_AES    (1),
      .HAS_TDES   (1),
      .HAS_GCM    (1),
      .HAS_MD5    (1),
      .HAS_SHA1   (1),
      .HAS_SHA256 (1),
      .AES_COMPACT(0),
      .BUILD_ID   (BUILD_ID),
      .CLOCK_HZ   (25000000),
      .BAUD       (3000000)
  ) board (
      .clk       (clk_25mhz),
      .button_n  (!btn[1]),
      .uart_rx   (ftdi_txd),
      .uart_tx   (ftdi_rxd),
      .led_link  (led_link),
      .led_packet(led_packet),
      .led_error (led_error)
  );

  wire unused_btn0 = btn[0];
  assign led = {5'b0, led_error, led_packet, led_link};
  assign wifi_gpio0 = 1'b1;
endmodule
`default_nettype wire
