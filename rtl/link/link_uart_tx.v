`default_nettype none
// UART transmitter of the host link (8N1): one byte per frame, idle high,
// start bit, 8 data bits LSB first, one stop bit; back-to-back frames leave
// no gap (the next byte is taken on the edge that ends the stop bit).
//
// Bit timing is a fractional accumulator: with P = CLOCK_HZ / BAUD = N / D
// (reduced by their gcd at elaboration), a phase steps down by D per clock
// and a bit ends whenever it reaches D or less, then it is raised by N. The
// k-th bit edge of a run of frames falls ceil(k*P) clocks after the first
// start bit: every bit is floor(P) or ceil(P) clocks, exact on average.
// The register holds phase - D - 1, so "bit ends" is its sign bit.
module link_uart_tx #(
    parameter integer CLOCK_HZ = 12000000,
    parameter integer BAUD     = 3000000
) (
    input  wire       clk,
    input  wire       rst,
    input  wire [7:0] s_axis_tdata,
    input  wire       s_axis_tvalid,
    output wire       s_axis_tready,
    output wire       uart_tx
);
`include "link_uart_divisor.vh"
  // Two's complement, one sign bit over the largest phase (N).
  localparam integer PHASE_BITS = $clog2(N + 1) + 1;
  localparam integer BIT_INT = N - D;
  localparam integer START_INT = N - D - 1;
  localparam [PHASE_BITS-1:0] STEP = D[PHASE_BITS-1:0];
  localparam [PHASE_BITS-1:0] BIT_MINUS_STEP = BIT_INT[PHASE_BITS-1:0];
  localparam [PHASE_BITS-1:0] ONE_BIT_START = START_INT[PHASE_BITS-1:0];

  generate
    if (CLOCK_HZ < BAUD) begin : g_ratio_check
      // Deliberately undefined: elaboration stops here with its name.
      link_uart_tx_needs_at_least_1_clock_per_bit ratio_too_low ();
    end
  endgenerate

  reg  [           8:0] shift;  // shift[0] drives the pin; ones shift in behind
  reg                   busy;
  reg  [           3:0] bit_index;  // 0 start, 1..8 data, 9 stop
  reg  [PHASE_BITS-1:0] phase;  // phase - D - 1: negative = the bit ends now

  wire                  bit_end = phase[PHASE_BITS-1];
  assign s_axis_tready = !busy || (bit_end && bit_index == 4'd9);
  assign uart_tx = shift[0];

  always @(posedge clk) begin
    if (rst) begin
      shift <= 9'h1FF;
      busy  <= 1'b0;
    end else if (s_axis_tvalid && s_axis_tready) begin
      shift     <= {s_axis_tdata, 1'b0};
      busy      <= 1'b1;
      bit_index <= 4'd0;
      // Back to back, the fraction left over carries into the next frame.
      phase     <= busy ? phase + BIT_MINUS_STEP : ONE_BIT_START;
    end else if (busy) begin
      if (bit_end) begin
        shift     <= {1'b1, shift[8:1]};
        bit_index <= bit_index + 4'd1;
        phase     <= phase + BIT_MINUS_STEP;
        if (bit_index == 4'd9) busy <= 1'b0;
      end else begin
        phase <= phase - STEP;
      end
    end
  end
endmodule
`default_nettype wire
