`default_nettype none
// Frame request -> the frame's body, one byte per beat: header (type, tag,
// payload length = fixed + tail bytes, big-endian), the fixed bytes, the
// tail bytes read word by word from the caller's memory, and the CRC-32 of
// all of them (most significant byte first); m_tlast on the CRC's last byte.
//
// The request is read in place, not copied (no 256-bit register): its fields
// and the tail memory must hold until req_ready, which pulses the cycle after
// the last payload byte was taken. The tail word holding the byte to offer
// next is read every cycle of the tail (tail_rd_en with the next cycle's word,
// so a stalled byte is simply read again): the offered byte comes straight
// from tail_rd_data, the cycle after tail_rd_en, as the contract says, and no
// word buffer is needed. Without back-pressure a body of B bytes takes B
// cycles, back to back with the next request's header. A memory shared with
// other users may not deliver the word (tail_rd_miss the cycle after): the
// byte is then not offered and its word is asked for again. The fixed bytes
// are needed only until fixed_read pulses (the cycle after the last of them
// was taken, or after the header when there are none), the other fields
// until req_ready.
module link_tx_body #(
    parameter integer FIXED_BYTES_MAX = 32
) (
    input wire clk,
    input wire rst,

    input  wire                         req_valid,
    output reg                          req_ready,
    input  wire [                  7:0] req_type,
    input  wire [                  7:0] req_tag,
    input  wire [8*FIXED_BYTES_MAX-1:0] req_fixed,        // byte 0 in the top 8 bits
    input  wire [                  5:0] req_fixed_bytes,  // <= FIXED_BYTES_MAX
    input  wire [                 15:0] req_tail_bytes,

    output wire        tail_rd_en,
    output wire [ 9:0] tail_rd_word,
    input  wire [31:0] tail_rd_data,  // byte 0 in [31:24], the cycle after tail_rd_en
    input  wire        tail_rd_miss,  // 1: tail_rd_data is not the word asked for (ask again)

    output reg        fixed_read,  // pulse: the request's fixed bytes were all read

    output reg  [7:0] m_tdata,
    output wire       m_tvalid,
    output wire       m_tlast,
    input  wire       m_tready
);
`include "host_link.vh"

  localparam [1:0] HEADER = 2'd0;  // type, tag, length
  localparam [1:0] FIXED = 2'd1;
  localparam [1:0] TAIL = 2'd2;
  localparam [1:0] CRC = 2'd3;
  localparam integer FIXED_TOP = 8 * FIXED_BYTES_MAX - 1;
  localparam [15:0] HEADER_LAST = `HL_HEADER_BYTES - 1;
  localparam [15:0] CRC_LAST = `HL_CRC_BYTES - 1;
  localparam integer FIXED_INDEX_BITS = FIXED_BYTES_MAX > 1 ? $clog2(FIXED_BYTES_MAX) : 1;

  reg  [ 1:0] part;
  reg  [15:0] index;  // byte within the part
  reg  [31:0] crc;  // running CRC-32 of the body so far

  // The length goes out in the header's bytes 2 and 3; summed a cycle ahead
  // (the fields hold while req_valid is high), the adder stays out of the
  // path through the byte multiplexer and the CRC step.
  reg  [15:0] payload_bytes;
  wire [15:0] index_next = index + 1'b1;
  wire        header_done = index == HEADER_LAST;
  wire        crc_done = index == CRC_LAST;
  wire        fixed_done = index_next[5:0] == req_fixed_bytes;
  wire        tail_done = index_next == req_tail_bytes;
  wire        has_fixed = req_fixed_bytes != 6'd0;
  wire        has_tail = req_tail_bytes != 16'd0;

  wire [FIXED_INDEX_BITS-1:0] fixed_index = index[FIXED_INDEX_BITS-1:0];
  wire [ 7:0] fixed_byte = req_fixed[FIXED_TOP-8*fixed_index-:8];
  wire [31:0] crc_final = ~crc;

  always @(*) begin
    case (part)
      HEADER:
      case (index[1:0])
        2'd0: m_tdata = req_type;
        2'd1: m_tdata = req_tag;
        2'd2: m_tdata = payload_bytes[15:8];
        default: m_tdata = payload_bytes[7:0];
      endcase
      FIXED: m_tdata = fixed_byte;
      TAIL:
      case (index[1:0])
        2'd0: m_tdata = tail_rd_data[31:24];
        2'd1: m_tdata = tail_rd_data[23:16];
        2'd2: m_tdata = tail_rd_data[15:8];
        default: m_tdata = tail_rd_data[7:0];
      endcase
      default:
      case (index[1:0])
        2'd0: m_tdata = crc_final[31:24];
        2'd1: m_tdata = crc_final[23:16];
        2'd2: m_tdata = crc_final[15:8];
        default: m_tdata = crc_final[7:0];
      endcase
    endcase
  end

  // Only the header's first byte waits for a request; req_valid stays high
  // until req_ready, so the rest of the body is always ready.
  assign m_tvalid = part == HEADER ? req_valid : part != TAIL || !tail_rd_miss;
  assign m_tlast  = part == CRC && crc_done;
  wire take = m_tvalid && m_tready;

  reg [1:0] part_next;
  reg [15:0] index_next_state;
  always @(*) begin
    part_next = part;
    index_next_state = index;
    if (take) begin
      index_next_state = index_next;
      case (part)
        HEADER:
        if (header_done) begin
          index_next_state = 16'd0;
          part_next = has_fixed ? FIXED : has_tail ? TAIL : CRC;
        end
        FIXED:
        if (fixed_done) begin
          index_next_state = 16'd0;
          part_next = has_tail ? TAIL : CRC;
        end
        TAIL:
        if (tail_done) begin
          index_next_state = 16'd0;
          part_next = CRC;
        end
        default:
        if (crc_done) begin
          index_next_state = 16'd0;
          part_next = HEADER;
        end
      endcase
    end
  end

  // The word of the byte offered next cycle.
  assign tail_rd_en   = part_next == TAIL;
  assign tail_rd_word = index_next_state[11:2];

  wire [31:0] crc_stepped;
  link_crc32_byte crc_step (
      .crc_in (crc),
      .data   (m_tdata),
      .crc_out(crc_stepped)
  );

  always @(posedge clk) payload_bytes <= {10'd0, req_fixed_bytes} + req_tail_bytes;

  always @(posedge clk) begin
    if (rst) begin
      part      <= HEADER;
      index     <= 16'd0;
      crc       <= 32'hFFFFFFFF;
      req_ready <= 1'b0;
      fixed_read <= 1'b0;
    end else begin
      fixed_read <= take && (part == HEADER || part == FIXED) && (part_next == TAIL || part_next == CRC);
      part      <= part_next;
      index     <= index_next_state;
      req_ready <= take && part != CRC && part_next == CRC;
      if (take && part != CRC) crc <= crc_stepped;
      else if (take && m_tlast) crc <= 32'hFFFFFFFF;
    end
  end
endmodule
`default_nettype wire
