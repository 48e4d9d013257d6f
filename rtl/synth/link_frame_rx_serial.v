`default_nettype none
// Synthesis-check wrapper for link_frame_rx: a few pins instead of about 450.
// A 37-bit shift register, filled one bit per clock while shift_in is high,
// holds the wire byte, the ring read word, the ring free request and the
// counter clears; strobes hand them to the receiver. A 128-bit register
// captures the outputs (XOR-folded pairwise so every output bit still
// matters) and shifts them out on serial_out.
module link_frame_rx_serial (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire byte_go,
    input  wire rd_go,
    input  wire free_go,
    input  wire desc_take,
    input  wire err_take,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire desc_valid,
    output wire err_valid
);
  localparam integer RING_ADDR_BITS = 10;

  reg  [ 36:0] in_bits;
  reg  [127:0] out_bits;

  wire [  7:0] desc_type, desc_tag, credit_tag, err_reason;
  wire [ 15:0] desc_length, desc_tail_bytes, credit_packets, err_count, err_dropped;
  wire [ 63:0] desc_fixed;
  wire [RING_ADDR_BITS-1:0] desc_tail_word;
  wire desc_no_credit, s_byte_tready;
  wire [31:0] ring_rd_data, credit_bytes;
  /* verilator lint_off UNUSEDSIGNAL */
  // The ring is inside here (RING_INSIDE = 1): its write port is only seen.
  wire ring_wr_en;
  wire [RING_ADDR_BITS-1:0] ring_wr_word;
  wire [31:0] ring_wr_data;
  /* verilator lint_on UNUSEDSIGNAL */
  wire [31:0] rx_frames, rx_crc_errors, rx_cobs_errors, rx_length_errors, rx_oversize_errors;
  wire [31:0] rx_unknown_type_errors, rx_overrun_errors;

  wire [31:0] counters_folded = rx_frames ^ rx_crc_errors ^ rx_cobs_errors ^ rx_length_errors ^
      rx_oversize_errors ^ rx_unknown_type_errors ^ rx_overrun_errors ^ credit_bytes;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[35:0], serial_in};
    if (capture)
      out_bits <= {
        desc_fixed ^ {ring_rd_data, counters_folded},
        {desc_type, desc_tag, desc_length, desc_tail_bytes, desc_no_credit, s_byte_tready,
         4'd0, desc_tail_word} ^ {credit_tag, err_reason, credit_packets, err_count, err_dropped}
      };
    else if (shift_out) out_bits <= {out_bits[126:0], 1'b0};
  end
  assign serial_out = out_bits[127];

  link_frame_rx #(
      .RING_ADDR_BITS(RING_ADDR_BITS)
  ) rx (
      .clk                   (clk),
      .rst                   (rst),
      .s_byte_tdata          (in_bits[7:0]),
      .s_byte_tvalid         (byte_go),
      .s_byte_tready         (s_byte_tready),
      .desc_valid            (desc_valid),
      .desc_ready            (desc_take),
      .desc_type             (desc_type),
      .desc_tag              (desc_tag),
      .desc_length           (desc_length),
      .desc_fixed            (desc_fixed),
      .desc_tail_bytes       (desc_tail_bytes),
      .desc_tail_word        (desc_tail_word),
      .desc_no_credit        (desc_no_credit),
      .ring_rd_en            (rd_go),
      .ring_rd_word          (in_bits[17:8]),
      .ring_rd_data          (ring_rd_data),
      .ring_wr_en            (ring_wr_en),
      .ring_wr_word          (ring_wr_word),
      .ring_wr_data          (ring_wr_data),
      .ring_free_valid       (free_go),
      .ring_free_words       (in_bits[28:18]),
      .ring_free_packet      (in_bits[29]),
      .credit_tag            (credit_tag),
      .credit_packets        (credit_packets),
      .credit_bytes          (credit_bytes),
      .rx_frames             (rx_frames),
      .rx_crc_errors         (rx_crc_errors),
      .rx_cobs_errors        (rx_cobs_errors),
      .rx_length_errors      (rx_length_errors),
      .rx_oversize_errors    (rx_oversize_errors),
      .rx_unknown_type_errors(rx_unknown_type_errors),
      .rx_overrun_errors     (rx_overrun_errors),
      .clear_counters        (in_bits[36:30]),
      .err_valid             (err_valid),
      .err_ready             (err_take),
      .err_reason            (err_reason),
      .err_count             (err_count),
      .err_dropped           (err_dropped)
  );
endmodule
`default_nettype wire
