`default_nettype none
// The host link's UART physical layer: the pins on one side, the board
// core's byte streams on the other (m_axis_* = bytes from the host, into
// ipsec_fpga_core's s_byte_*; s_axis_* = bytes to the host, from its
// m_byte_*). 8N1, CLOCK_HZ / BAUD >= 4 (see docs/link/link_uart.md).
module link_uart #(
    parameter integer CLOCK_HZ         = 12000000,
    parameter integer BAUD             = 3000000,
    parameter integer ERROR_COUNT_BITS = 16
) (
    input  wire                        clk,
    input  wire                        rst,
    // Pins (FT2232H channel B on the iCEBreaker: its TXD drives uart_rx).
    input  wire                        uart_rx,
    output wire                        uart_tx,
    // Host -> board bytes.
    output wire [                 7:0] m_axis_tdata,
    output wire                        m_axis_tvalid,
    input  wire                        m_axis_tready,
    // Board -> host bytes.
    input  wire [                 7:0] s_axis_tdata,
    input  wire                        s_axis_tvalid,
    output wire                        s_axis_tready,
    // Receiver status: one-cycle pulses and the saturating error count.
    output wire                        framing_error,
    output wire                        overrun,
    output wire [ERROR_COUNT_BITS-1:0] framing_errors
);
  link_uart_rx #(
      .CLOCK_HZ        (CLOCK_HZ),
      .BAUD            (BAUD),
      .ERROR_COUNT_BITS(ERROR_COUNT_BITS)
  ) rx (
      .clk           (clk),
      .rst           (rst),
      .uart_rx       (uart_rx),
      .m_axis_tdata  (m_axis_tdata),
      .m_axis_tvalid (m_axis_tvalid),
      .m_axis_tready (m_axis_tready),
      .framing_error (framing_error),
      .overrun       (overrun),
      .framing_errors(framing_errors)
  );

  link_uart_tx #(
      .CLOCK_HZ(CLOCK_HZ),
      .BAUD    (BAUD)
  ) tx (
      .clk          (clk),
      .rst          (rst),
      .s_axis_tdata (s_axis_tdata),
      .s_axis_tvalid(s_axis_tvalid),
      .s_axis_tready(s_axis_tready),
      .uart_tx      (uart_tx)
  );
endmodule
`default_nettype wire
