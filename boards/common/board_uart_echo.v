`default_nettype none
// The link-test configuration of an FT2232H board: the host link's UART
// (link_uart, at the board's real divisor) with every byte it receives sent
// straight back through a 512-byte FIFO (one block RAM), and nothing else:
// no framing, no registers, no ESP engine. It brings up the FT2232H path
// (channel, pins, baud rate, the board's clock) before the engine fits the
// part; docs/boards.md says how to test it from the host. The FIFO absorbs
// the difference between the host's and the board's baud clocks (100 ppm:
// a 5 MB burst before it fills); a byte that arrives while it is full is
// dropped and lights the error LED, like a framing error.
module board_uart_echo #(
    parameter integer CLOCK_HZ   = 12000000,
    parameter integer BAUD       = 3000000,
    parameter integer RESET_BITS = 8
) (
    input  wire clk,
    input  wire button_n,    // reset button, active low (1 if none)
    input  wire uart_rx,     // from the FTDI's TXD
    output wire uart_tx,     // to the FTDI's RXD
    output wire led_link,    // a byte was echoed recently
    output wire led_error    // a framing error or a dropped byte recently
);
  wire rst;
  power_on_reset #(
      .COUNT_BITS(RESET_BITS)
  ) reset (
      .clk     (clk),
      .button_n(button_n),
      .rst     (rst)
  );

  wire [7:0] rx_tdata;
  wire rx_tvalid;
  wire [7:0] tx_tdata;
  wire tx_tvalid, tx_tready;
  wire framing_error, overrun;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [15:0] framing_errors;  // the LED shows errors; the count is for debugging
  /* verilator lint_on UNUSEDSIGNAL */

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
      .m_axis_tready (1'b1),
      .s_axis_tdata  (tx_tdata),
      .s_axis_tvalid (tx_tvalid),
      .s_axis_tready (tx_tready),
      .framing_error (framing_error),
      .overrun       (overrun),
      .framing_errors(framing_errors)
  );

  // 512 x 8 FIFO: one SB_RAM40_4K on iCE40 (registered read).
  reg [7:0] fifo[0:511];
  reg [8:0] wr_ptr, rd_ptr;
  reg [9:0] count;
  reg [7:0] out_data;
  reg out_valid;
  wire full = count == 10'd512;
  wire push = rx_tvalid && !full;
  wire dropped = rx_tvalid && full;
  // Read the next byte into the output register when it is empty or being taken.
  wire pop = count != 10'd0 && (!out_valid || tx_tready);

  always @(posedge clk) begin
    if (push) fifo[wr_ptr] <= rx_tdata;
    if (pop) out_data <= fifo[rd_ptr];
  end

  always @(posedge clk) begin
    if (rst) begin
      wr_ptr <= 9'd0;
      rd_ptr <= 9'd0;
      count <= 10'd0;
      out_valid <= 1'b0;
    end else begin
      if (push) wr_ptr <= wr_ptr + 9'd1;
      if (pop) rd_ptr <= rd_ptr + 9'd1;
      count <= count + {9'd0, push} - {9'd0, pop};
      if (pop) out_valid <= 1'b1;
      else if (tx_tready) out_valid <= 1'b0;
    end
  end

  assign tx_tdata  = out_data;
  assign tx_tvalid = out_valid;

  // 0.1 s: long enough to see one byte or one error.
  link_led_stretcher #(
      .CYCLES(CLOCK_HZ / 10)
  ) link_led (
      .clk  (clk),
      .rst  (rst),
      .pulse(rx_tvalid),
      .led  (led_link)
  );
  link_led_stretcher #(
      .CYCLES(CLOCK_HZ / 10)
  ) error_led (
      .clk  (clk),
      .rst  (rst),
      .pulse(framing_error || overrun || dropped),
      .led  (led_error)
  );
endmodule
`default_nettype wire
