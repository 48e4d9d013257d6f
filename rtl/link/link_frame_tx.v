`default_nettype none
// The host link's transmit side: frame requests in, wire bytes out
// (docs/link/link_frame_tx.md). link_tx_body turns a request into the frame's
// body (header, fixed bytes, tail bytes read from the caller's memory,
// CRC-32); link_cobs_encoder encodes it and appends the 0x00 delimiter, and
// sends one 0x00 after reset. The encoder buffers up to 512 encoded bytes, so
// the next request is read while the previous frame still goes out.
module link_frame_tx #(
    parameter integer FIXED_BYTES_MAX = 32
) (
    input wire clk,
    input wire rst,

    input  wire                         req_valid,
    output wire                         req_ready,        // pulse: the whole frame was read
    input  wire [                  7:0] req_type,
    input  wire [                  7:0] req_tag,
    input  wire [8*FIXED_BYTES_MAX-1:0] req_fixed,        // byte 0 in the top 8 bits
    input  wire [                  5:0] req_fixed_bytes,
    input  wire [                 15:0] req_tail_bytes,   // payload = fixed + tail bytes

    output wire        tail_rd_en,
    output wire [ 9:0] tail_rd_word,
    input  wire [31:0] tail_rd_data,  // byte 0 in [31:24], the cycle after tail_rd_en
    input  wire        tail_rd_miss,  // the word did not come: link_tx_body asks again

    output wire fixed_read,  // pulse: the request's fixed bytes were read (they may change now)
    output wire frame_sent,  // pulse per frame, the cycle after its delimiter was taken

    output wire [7:0] m_byte_tdata,
    output wire       m_byte_tvalid,
    input  wire       m_byte_tready
);
  wire [7:0] body_tdata;
  wire body_tvalid, body_tlast, body_tready;

  link_tx_body #(
      .FIXED_BYTES_MAX(FIXED_BYTES_MAX)
  ) body (
      .clk            (clk),
      .rst            (rst),
      .req_valid      (req_valid),
      .req_ready      (req_ready),
      .req_type       (req_type),
      .req_tag        (req_tag),
      .req_fixed      (req_fixed),
      .req_fixed_bytes(req_fixed_bytes),
      .req_tail_bytes (req_tail_bytes),
      .tail_rd_en     (tail_rd_en),
      .tail_rd_word   (tail_rd_word),
      .tail_rd_data   (tail_rd_data),
      .tail_rd_miss   (tail_rd_miss),
      .fixed_read     (fixed_read),
      .m_tdata        (body_tdata),
      .m_tvalid       (body_tvalid),
      .m_tlast        (body_tlast),
      .m_tready       (body_tready)
  );

  link_cobs_encoder encoder (
      .clk       (clk),
      .rst       (rst),
      .s_tdata   (body_tdata),
      .s_tvalid  (body_tvalid),
      .s_tlast   (body_tlast),
      .s_tready  (body_tready),
      .m_tdata   (m_byte_tdata),
      .m_tvalid  (m_byte_tvalid),
      .m_tready  (m_byte_tready),
      .frame_sent(frame_sent)
  );
endmodule
`default_nettype wire
