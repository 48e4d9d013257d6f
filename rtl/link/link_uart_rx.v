`default_nettype none
// UART receiver of the host link (8N1): pin -> one byte per frame.
//
// Bit timing is a fractional accumulator: with P = CLOCK_HZ / BAUD = N / D
// (reduced by their gcd at elaboration), a phase steps down by 2D per clock
// and a bit is sampled whenever it reaches 2D or less, then it is raised by 2N
// (one bit). Loaded with N at the start edge, the samples fall on the first
// clock at or after P/2 + k*P: mid-bit, exact on average for any ratio.
// The register holds phase - 2D - 1, so "sample now" is its sign bit: no
// comparator after the adder (it was the critical path at 48 MHz).
// Each sample is the majority of three consecutive pin samples centred there.
// P < 4 is refused at elaboration (too few clocks to find the middle of a bit).
module link_uart_rx #(
    parameter integer CLOCK_HZ         = 12000000,
    parameter integer BAUD             = 3000000,
    parameter integer ERROR_COUNT_BITS = 16
) (
    input  wire                        clk,
    input  wire                        rst,
    input  wire                        uart_rx,
    output reg  [                 7:0] m_axis_tdata,
    output reg                         m_axis_tvalid,
    input  wire                        m_axis_tready,
    output reg                         framing_error,
    output reg                         overrun,
    output reg  [ERROR_COUNT_BITS-1:0] framing_errors
);
`include "link_uart_divisor.vh"
  // Two's complement, one sign bit over the largest phase (2N).
  localparam integer PHASE_BITS = $clog2(2 * N + 1) + 1;
  localparam integer STEP_INT = 2 * D;
  localparam integer BIT_INT = 2 * N - 2 * D;
  localparam integer START_INT = N - 2 * D - 1;
  localparam [PHASE_BITS-1:0] STEP = STEP_INT[PHASE_BITS-1:0];
  localparam [PHASE_BITS-1:0] BIT_MINUS_STEP = BIT_INT[PHASE_BITS-1:0];
  localparam [PHASE_BITS-1:0] HALF_BIT_START = START_INT[PHASE_BITS-1:0];

  generate
    if (CLOCK_HZ < 4 * BAUD) begin : g_ratio_check
      // Deliberately undefined: elaboration stops here with its name.
      link_uart_rx_needs_at_least_4_clocks_per_bit ratio_too_low ();
    end
  endgenerate

  // Two flops against metastability, then two more for the 3-sample vote.
  // Reset low with wait_high set: a line held low from reset is no frame.
  reg pin_meta, pin_sync, pin_d1, pin_d2;
  always @(posedge clk) begin
    if (rst) {pin_meta, pin_sync, pin_d1, pin_d2} <= 4'b0000;
    else {pin_meta, pin_sync, pin_d1, pin_d2} <= {uart_rx, pin_meta, pin_sync, pin_d1};
  end
  // pin_d1 is the reference: the vote looks one sample either side of it.
  wire vote = (pin_d2 & pin_d1) | (pin_d2 & pin_sync) | (pin_d1 & pin_sync);

  reg                  busy;  // between a start edge and the stop sample
  reg                  wait_high;  // after a framing error/break: until the line idles
  reg [           3:0] bit_index;  // 0 start, 1..8 data, 9 stop
  reg [PHASE_BITS-1:0] phase;  // phase - 2D - 1: negative = sample now
  reg [           7:0] shift;

  wire sample = busy && phase[PHASE_BITS-1];

  always @(posedge clk) begin
    if (rst) begin
      busy           <= 1'b0;
      wait_high      <= 1'b1;
      m_axis_tvalid  <= 1'b0;
      framing_error  <= 1'b0;
      overrun        <= 1'b0;
      framing_errors <= {ERROR_COUNT_BITS{1'b0}};
    end else begin
      framing_error <= 1'b0;
      overrun       <= 1'b0;
      if (m_axis_tvalid && m_axis_tready) m_axis_tvalid <= 1'b0;
      if (!busy) begin
        if (wait_high) begin
          if (pin_d1) wait_high <= 1'b0;
        end else if (!pin_d1) begin
          busy      <= 1'b1;
          bit_index <= 4'd0;
          phase     <= HALF_BIT_START;
        end
      end else if (sample) begin
        phase     <= phase + BIT_MINUS_STEP;
        bit_index <= bit_index + 4'd1;
        if (bit_index == 4'd0) begin
          if (vote) busy <= 1'b0;  // the start bit did not last: a glitch
        end else if (bit_index != 4'd9) begin
          shift <= {vote, shift[7:1]};  // LSB first
        end else begin
          busy <= 1'b0;
          if (vote) begin
            // A byte nobody took for a whole frame is replaced: overrun.
            if (m_axis_tvalid && !m_axis_tready) overrun <= 1'b1;
            m_axis_tdata  <= shift;
            m_axis_tvalid <= 1'b1;
          end else begin
            framing_error <= 1'b1;
            wait_high     <= 1'b1;
            if (framing_errors != {ERROR_COUNT_BITS{1'b1}})
              framing_errors <= framing_errors + {{ERROR_COUNT_BITS - 1{1'b0}}, 1'b1};
          end
        end
      end else begin
        phase <= phase - STEP;
      end
    end
  end
endmodule
`default_nettype wire
