`default_nettype none
// The board core behind a UART: what every FT2232H board (iCEBreaker, the
// HX8K breakout) instantiates between its pins and ipsec_fpga_core. The
// board's own top only names pins and picks parameters, so the simulated
// board (verif/) and the real one run this same module at the same divisor.
module ipsec_fpga_uart_top #(
    // Engine and link configuration: see ipsec_fpga_core.
    parameter integer ENTRY_BITS       = 6,
    parameter integer USE_SPRAM        = 0,
    parameter integer HAS_AES          = 1,
    parameter integer HAS_TDES         = 1,
    parameter integer HAS_GCM          = 1,
    parameter integer HAS_MD5          = 1,
    parameter integer HAS_SHA1         = 1,
    parameter integer HAS_SHA256       = 1,
    parameter integer AES_COMPACT      = 0,
    parameter integer WINDOW           = 64,
    parameter integer BUFFER_BYTES     = 2048,
    parameter integer RING_ADDR_BITS   = 10,
    parameter integer PACKET_SLOTS     = 4,
    parameter integer MAX_PACKET_BYTES = 1920,
    parameter [31:0]  BUILD_ID         = 32'h0,
    // Clock and UART.
    parameter integer CLOCK_HZ         = 12000000,
    parameter integer BAUD             = 3000000,
    parameter integer RESET_BITS       = 8
) (
    input  wire clk,
    input  wire button_n,    // reset button, active low (1 if none)
    input  wire uart_rx,     // from the FTDI's TXD
    output wire uart_tx,     // to the FTDI's RXD
    output wire led_link,    // a frame was received recently
    output wire led_packet,  // a packet was processed recently
    output wire led_error    // a UART framing error was seen recently
);
  wire rst;
  power_on_reset #(
      .COUNT_BITS(RESET_BITS)
  ) reset (
      .clk     (clk),
      .button_n(button_n),
      .rst     (rst)
  );

  wire [7:0] rx_tdata, tx_tdata;
  wire rx_tvalid, rx_tready, tx_tvalid, tx_tready;
  wire framing_error;
  /* verilator lint_off PINCONNECTEMPTY */
  // The overrun pulse and error count are not used here: the core takes a
  // byte every clock, so the UART cannot overrun, and the count is for
  // debugging wrappers that expose it.
  link_uart #(
      .CLOCK_HZ(CLOCK_HZ),
      .BAUD    (BAUD)
  ) uart (
      .clk           (clk),
      .rst           (rst),
      .uart_rx       (uart_rx),
      .uart_tx       (uart_tx),
      .m_axis_tdata  (rx_tdata),
      .m_axis_tvalid (rx_tvalid),
      .m_axis_tready (rx_tready),
      .s_axis_tdata  (tx_tdata),
      .s_axis_tvalid (tx_tvalid),
      .s_axis_tready (tx_tready),
      .framing_error (framing_error),
      .overrun       (),
      .framing_errors()
  );
  /* verilator lint_on PINCONNECTEMPTY */

  ipsec_fpga_core #(
      .ENTRY_BITS      (ENTRY_BITS),
      .USE_SPRAM       (USE_SPRAM),
      .HAS_AES         (HAS_AES),
      .HAS_TDES        (HAS_TDES),
      .HAS_GCM         (HAS_GCM),
      .HAS_MD5         (HAS_MD5),
      .HAS_SHA1        (HAS_SHA1),
      .HAS_SHA256      (HAS_SHA256),
      .AES_COMPACT     (AES_COMPACT),
      .WINDOW          (WINDOW),
      .BUFFER_BYTES    (BUFFER_BYTES),
      .CLOCK_HZ        (CLOCK_HZ),
      .BUILD_ID        (BUILD_ID),
      .RING_ADDR_BITS  (RING_ADDR_BITS),
      .PACKET_SLOTS    (PACKET_SLOTS),
      .MAX_PACKET_BYTES(MAX_PACKET_BYTES)
  ) core (
      .clk          (clk),
      .rst          (rst),
      .s_byte_tdata (rx_tdata),
      .s_byte_tvalid(rx_tvalid),
      .s_byte_tready(rx_tready),
      .m_byte_tdata (tx_tdata),
      .m_byte_tvalid(tx_tvalid),
      .m_byte_tready(tx_tready),
      .led_link     (led_link),
      .led_packet   (led_packet)
  );

  // 0.1 s: long enough to see one error.
  link_led_stretcher #(
      .CYCLES(CLOCK_HZ / 10)
  ) error_led (
      .clk  (clk),
      .rst  (rst),
      .pulse(framing_error),
      .led  (led_error)
  );
endmodule
`default_nettype wire
