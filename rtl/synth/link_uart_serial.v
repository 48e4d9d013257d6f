`default_nettype none
// Synthesis-check wrapper for link_uart: the two UART pins stay pins; the
// byte to send is shifted in one bit per clock, and the received byte with
// the framing error count is captured and shifted out, so both directions'
// logic is kept with a handful of pins.
module link_uart_serial #(
    parameter integer CLOCK_HZ = 12000000,
    parameter integer BAUD     = 3000000
) (
    input  wire clk,
    input  wire rst,
    input  wire uart_rx,
    output wire uart_tx,
    input  wire serial_in,
    input  wire shift_in,
    input  wire send,
    output wire send_ready,
    output wire rx_valid,
    input  wire rx_take,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire framing_error,
    output wire overrun
);
  reg  [ 7:0] in_bits;
  reg  [23:0] out_bits;
  wire [ 7:0] rx_data;
  wire [15:0] framing_errors;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[6:0], serial_in};
    if (capture) out_bits <= {rx_data, framing_errors};
    else if (shift_out) out_bits <= {out_bits[22:0], 1'b0};
  end
  assign serial_out = out_bits[23];

  link_uart #(
      .CLOCK_HZ        (CLOCK_HZ),
      .BAUD            (BAUD),
      .ERROR_COUNT_BITS(16)
  ) uart (
      .clk           (clk),
      .rst           (rst),
      .uart_rx       (uart_rx),
      .uart_tx       (uart_tx),
      .m_axis_tdata  (rx_data),
      .m_axis_tvalid (rx_valid),
      .m_axis_tready (rx_take),
      .s_axis_tdata  (in_bits),
      .s_axis_tvalid (send),
      .s_axis_tready (send_ready),
      .framing_error (framing_error),
      .overrun       (overrun),
      .framing_errors(framing_errors)
  );
endmodule
`default_nettype wire
