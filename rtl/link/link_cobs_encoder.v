`default_nettype none
// COBS encoder of the host link's transmit side: frame bodies in (one byte
// per beat, s_tlast on a body's last byte, at least one byte per body), the
// COBS-encoded bytes and a 0x00 delimiter per body out. Right after reset it
// sends one 0x00 first (ends any partial frame at the host).
//
// A block's code byte comes BEFORE its bytes and says how many follow, so the
// encoder must look up to 254 bytes ahead. It writes the encoded stream into
// a 512-byte ring (one EBR) the way software COBS does: each block reserves a
// slot for its code, its non-zero bytes follow, and the code is written into
// the slot when the block ends (a 0x00, 254 non-zero bytes, or the body's
// end). Everything before the open block's slot is final and is read out in
// order. One ring write per cycle: a 0x00 costs no extra write (its position
// becomes the next block's slot), a full block and a body's end take one
// extra cycle each, the delimiter one more, so the writer spends exactly one
// cycle per encoded byte.
//
// The reader starts a body once it is complete or 256 ring bytes ahead of
// it. A block is at most 255 bytes long, so from then on the code of every
// block is known when the reader reaches it and the output runs at one byte
// per cycle without gaps (unless m_tready holds it). Without back-pressure,
// a body whose encoding is E bytes (E = body + full 254-byte blocks + 1) and
// that arrives one byte per cycle leaves with its delimiter
// min(E, 255) + E + 1 cycles after its first byte was taken
// (docs/link/link_frame_tx.md). The writer may run a whole ring ahead of the
// reader, so the next body is taken while this one still drains.
module link_cobs_encoder (
    input wire clk,
    input wire rst,

    input  wire [7:0] s_tdata,
    input  wire       s_tvalid,
    input  wire       s_tlast,
    output wire       s_tready,

    output wire [7:0] m_tdata,
    output reg        m_tvalid,
    input  wire       m_tready,

    output reg frame_sent  // the cycle after a body's delimiter was taken
);
`include "host_link.vh"

  localparam integer ADDR_BITS = 9;  // 512-byte ring: one SB_RAM40_4K as 512x8
  localparam integer PTR_BITS = ADDR_BITS + 1;  // one wrap bit: full and empty differ
  localparam [PTR_BITS-1:0] RING_BYTES = 1 << ADDR_BITS;
  localparam [7:0] DELIMITER = `HL_DELIMITER;
  localparam [7:0] FULL_CODE = 8'hFF;  // 254 non-zero bytes, no 0x00 implied

  localparam [2:0] W_INIT = 3'd0;  // write the 0x00 sent after reset
  localparam [2:0] W_DATA = 3'd1;  // take body bytes
  localparam [2:0] W_FULL = 3'd2;  // a block of 254 bytes ended: its code, new slot
  localparam [2:0] W_CLOSE = 3'd3;  // the body ended: code of its last block
  localparam [2:0] W_DELIM = 3'd4;  // the delimiter

  (* ram_style = "block" *)
  reg  [         7:0] ring          [0:RING_BYTES-1];

  // Writer: positions below `frontier` are used; `slot` is the open block's
  // code position, `code` its code so far (1 + its bytes), `frame_base` the
  // open body's first position.
  reg  [         2:0] wstate;
  reg  [PTR_BITS-1:0] frontier;
  reg  [PTR_BITS-1:0] slot;
  reg  [PTR_BITS-1:0] frame_base;
  reg  [         7:0] code;
  reg                 open;  // a body is being written
  reg                 last_taken;  // its last byte was taken (W_FULL goes on to W_CLOSE)

  // Reader: `read_at` is the next position to read.
  reg  [PTR_BITS-1:0] read_at;
  reg                 reset_zero;  // the 0x00 after reset is still to be sent (no frame_sent)

  // Ring bytes written and not yet read (0..512). The writer needs room for
  // up to two bytes a cycle; `room` is registered (s_tready then comes from
  // registers only) and so judged a cycle early: pending <= 507 then means
  // <= 509 now, as the writer advances by at most two a cycle.
  wire [PTR_BITS-1:0] pending = frontier - read_at;
  reg                 room;

  // The first byte of a body opens its first block at `frontier`.
  wire [PTR_BITS-1:0] block_slot = open ? slot : frontier;
  wire [PTR_BITS-1:0] next_free = open ? frontier : frontier + 1'b1;
  wire [         7:0] block_code = open ? code : 8'd1;
  wire                data_zero = s_tdata == 8'd0;

  assign s_tready = wstate == W_DATA && room;
  wire take = s_tvalid && s_tready;

  reg                wr_en;
  reg [PTR_BITS-1:0] wr_pos;
  reg [         7:0] wr_byte;
  always @(*) begin
    wr_en   = 1'b0;
    wr_pos  = frontier;
    wr_byte = DELIMITER;
    case (wstate)
      W_INIT:  wr_en = 1'b1;
      W_DATA: begin
        wr_en   = take;
        wr_pos  = data_zero ? block_slot : next_free;
        wr_byte = data_zero ? block_code : s_tdata;
      end
      W_FULL: begin
        wr_en   = room;
        wr_pos  = slot;
        wr_byte = FULL_CODE;
      end
      W_CLOSE: begin
        wr_en   = 1'b1;
        wr_pos  = slot;
        wr_byte = code;
      end
      W_DELIM: wr_en = room;
      default: ;
    endcase
  end

  wire [ADDR_BITS-1:0] wr_addr = wr_pos[ADDR_BITS-1:0];
  wire [ADDR_BITS-1:0] rd_addr = read_at[ADDR_BITS-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_wrap_bit = wr_pos[PTR_BITS-1];  // the ring index is the low bits
  /* verilator lint_on UNUSEDSIGNAL */
  always @(posedge clk) begin
    if (wr_en) ring[wr_addr] <= wr_byte;
  end

  always @(posedge clk) begin
    if (rst) begin
      wstate   <= W_INIT;
      frontier <= {PTR_BITS{1'b0}};
      open     <= 1'b0;
      room     <= 1'b1;
    end else begin
      room <= pending <= RING_BYTES - 5;
      case (wstate)
        W_INIT: begin
          frontier <= frontier + 1'b1;
          wstate   <= W_DATA;
        end
        W_DATA:
        if (take) begin
          if (!open) frame_base <= frontier;
          open       <= 1'b1;
          last_taken <= s_tlast;
          frontier   <= next_free + 1'b1;
          if (data_zero) begin
            slot <= next_free;
            code <= 8'd1;
          end else begin
            slot <= block_slot;
            code <= block_code + 1'b1;
          end
          if (!data_zero && block_code == FULL_CODE - 1'b1) wstate <= W_FULL;
          else if (s_tlast) wstate <= W_CLOSE;
        end
        W_FULL:
        if (room) begin
          slot     <= frontier;
          frontier <= frontier + 1'b1;
          code     <= 8'd1;
          wstate   <= last_taken ? W_CLOSE : W_DATA;
        end
        W_CLOSE: begin
          open   <= 1'b0;
          wstate <= W_DELIM;
        end
        W_DELIM:
        if (room) begin
          frontier <= frontier + 1'b1;
          wstate   <= W_DATA;
        end
        default: wstate <= W_INIT;
      endcase
    end
  end

  // Readable: every position below the open block's slot (below `frontier`
  // when no body is open). A body is started only when complete (the reader
  // is before the open body, or none is open) or 256 bytes behind the writer.
  wire [PTR_BITS-1:0] readable_end = open ? slot : frontier;
  wire [PTR_BITS-1:0] to_base = frame_base - read_at;  // >= 512 once read_at passed it
  wire                body_complete = !open || (to_base != 0 && !to_base[PTR_BITS-1]);
  wire                far_behind = pending[PTR_BITS-1] || pending[PTR_BITS-2];  // >= 256
  wire                can_read = readable_end != read_at && (body_complete || far_behind);
  wire                read_en = can_read && (!m_tvalid || m_tready);

  // The ring's read register is the output register: it only loads when the
  // byte it holds was taken, so it holds its byte under back-pressure.
  reg  [         7:0] read_byte;
  always @(posedge clk) begin
    if (read_en) read_byte <= ring[rd_addr];
  end
  assign m_tdata = read_byte;

  wire delimiter_taken = m_tvalid && m_tready && read_byte == DELIMITER;
  always @(posedge clk) begin
    if (rst) begin
      read_at    <= {PTR_BITS{1'b0}};
      m_tvalid   <= 1'b0;
      reset_zero <= 1'b1;
      frame_sent <= 1'b0;
    end else begin
      if (read_en) read_at <= read_at + 1'b1;
      if (read_en) m_tvalid <= 1'b1;
      else if (m_tready) m_tvalid <= 1'b0;
      if (delimiter_taken) reset_zero <= 1'b0;
      frame_sent <= delimiter_taken && !reset_zero;
    end
  end
endmodule
`default_nettype wire
