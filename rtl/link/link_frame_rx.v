`default_nettype none
`include "host_link.vh"
// The host link's receive side (docs/link/link_frame_rx.md): COBS-encoded
// wire bytes in, one per cycle, never stalled; checked frames out as
// descriptors (fixed payload bytes inline, the tail word-aligned in a payload
// ring the dispatcher reads and frees). One pass over the bytes: the last 4
// body bytes wait in a delay line (they are the CRC when the delimiter comes),
// the bytes before them are CRC'd, parsed and written to the ring as they
// leave it, and the delimiter decides, in the order of docs/host-link.md:
// oversize, cobs, length, crc, unknown type (or a board-side type), payload
// fits type; then overrun (no descriptor room). A dropped frame leaves no
// trace: the ring's write pointer goes back to where the frame started.
module link_frame_rx #(
    parameter integer RING_ADDR_BITS = 10,  // payload ring: 2^RING_ADDR_BITS 32-bit words (8..15)
    parameter integer PACKET_SLOTS   = 4,   // packet_submit frames that may wait in the ring
    parameter integer DESC_ADDR_BITS = 3,   // descriptor FIFO: 2^DESC_ADDR_BITS entries (at most 5)
    // 1: the ring is link_rx_ring, inside; 0: the ring is outside (the board
    // core's link_shared_ram), written through ring_wr_* and read there.
    parameter integer RING_INSIDE    = 1
) (
    input  wire                      clk,
    input  wire                      rst,
    input  wire [               7:0] s_byte_tdata,
    input  wire                      s_byte_tvalid,
    output wire                      s_byte_tready,
    output wire                      desc_valid,
    input  wire                      desc_ready,
    output wire [               7:0] desc_type,
    output wire [               7:0] desc_tag,
    output wire [              15:0] desc_length,
    output wire [              63:0] desc_fixed,
    output wire [              15:0] desc_tail_bytes,
    output wire [RING_ADDR_BITS-1:0] desc_tail_word,
    output wire                      desc_no_credit,
    input  wire                      ring_rd_en,
    input  wire [RING_ADDR_BITS-1:0] ring_rd_word,
    output wire [              31:0] ring_rd_data,
    output wire                      ring_wr_en,       // the ring's write port (RING_INSIDE = 0)
    output wire [RING_ADDR_BITS-1:0] ring_wr_word,
    output wire [              31:0] ring_wr_data,
    input  wire                      ring_free_valid,
    input  wire [  RING_ADDR_BITS:0] ring_free_words,
    input  wire                      ring_free_packet,
    output reg  [               7:0] credit_tag,
    output wire [              15:0] credit_packets,
    output wire [              31:0] credit_bytes,
    output wire [              31:0] rx_frames,
    output wire [              31:0] rx_crc_errors,
    output wire [              31:0] rx_cobs_errors,
    output wire [              31:0] rx_length_errors,
    output wire [              31:0] rx_oversize_errors,
    output wire [              31:0] rx_unknown_type_errors,
    output wire [              31:0] rx_overrun_errors,
    input  wire [               6:0] clear_counters,
    output reg                       err_valid,
    input  wire                      err_ready,
    output reg  [               7:0] err_reason,
    output reg  [              15:0] err_count,
    output reg  [              15:0] err_dropped
);
  localparam integer BODY_MAX = `HL_HEADER_BYTES + `HL_MAX_PAYLOAD + `HL_CRC_BYTES;
  localparam integer ENCODED_MAX = BODY_MAX + BODY_MAX / 254 + 1;  // COBS worst case
  localparam integer RING_WORDS = 1 << RING_ADDR_BITS;
  // Ring bytes kept for control frames beside the packets.
  localparam integer RESERVE_BYTES = `HL_CONTROL_RESERVE_BYTES;
  localparam integer PACKET_WORDS_MAX = RING_WORDS - RESERVE_BYTES / 4;
  localparam [15:0] PACKET_WORDS_LIMIT = PACKET_WORDS_MAX[15:0];
  localparam [15:0] ENCODED_LIMIT = ENCODED_MAX[15:0];
  localparam integer MAX_PAYLOAD = `HL_MAX_PAYLOAD;
  localparam [15:0] PAYLOAD_LIMIT = MAX_PAYLOAD[15:0];
  localparam [15:0] SLOTS = PACKET_SLOTS[15:0];
  localparam integer PW = RING_ADDR_BITS + 1;  // ring pointers: one extra bit tells full from empty

  assign s_byte_tready = 1'b1;

  // ---- COBS decoding ---------------------------------------------------------
  wire        body_valid;
  wire [ 7:0] body_byte;
  wire        frame_end;
  wire        frame_cobs_error;
  wire [15:0] frame_encoded_bytes;

  link_cobs_decoder cobs (
      .clk                (clk),
      .rst                (rst),
      .in_valid           (s_byte_tvalid),
      .in_byte            (s_byte_tdata),
      .out_valid          (body_valid),
      .out_byte           (body_byte),
      .frame_end          (frame_end),
      .frame_cobs_error   (frame_cobs_error),
      .frame_encoded_bytes(frame_encoded_bytes)
  );

  // ---- One pass over the body: delay line, CRC, header, fixed bytes ----------
  reg  [ 7:0] delay0, delay1, delay2, delay3;  // delay3 is the oldest
  reg  [ 2:0] delay_fill;
  reg  [11:0] covered;  // bytes that left the delay line (header and payload), saturating
  reg  [31:0] crc;
  reg  [ 7:0] frame_type, frame_tag;
  reg  [15:0] length_field;
  reg  [63:0] fixed_bytes_seen;
  reg  [23:0] tail_partial;  // tail bytes of the word being filled
  reg  [ 1:0] tail_lane;  // tail bytes in tail_partial

  wire        covered_valid = body_valid && delay_fill[2];
  wire [ 7:0] covered_byte = delay3;
  wire [31:0] crc_next;

  link_crc32_byte crc_step (
      .crc_in (crc),
      .data   (covered_byte),
      .crc_out(crc_next)
  );

  // What the type byte says about the payload (HL_ tables; tail units are 1
  // or 4), decoded as it leaves the delay line and kept with the frame.
  reg        host_type_now, host_type;
  reg [ 3:0] fixed_count_now, fixed_count;
  reg [ 2:0] tail_unit_now, tail_unit;  // tail length must be a multiple (a power of two)
  reg        has_tail_now, has_tail;
  always @* begin
    host_type_now = 1'b1;
    has_tail_now  = 1'b0;
    tail_unit_now = 3'd1;
    case (covered_byte)
      `HL_TYPE_REG_READ:       fixed_count_now = `HL_REG_READ_FIXED_BYTES;
      `HL_TYPE_REG_WRITE:      fixed_count_now = `HL_REG_WRITE_FIXED_BYTES;
      `HL_TYPE_SA_WRITE: begin
        fixed_count_now = `HL_SA_WRITE_FIXED_BYTES;
        has_tail_now    = 1'b1;
        tail_unit_now   = `HL_SA_WRITE_WORDS_UNIT;
      end
      `HL_TYPE_SA_READ:        fixed_count_now = `HL_SA_READ_FIXED_BYTES;
      `HL_TYPE_SA_ERASE:       fixed_count_now = `HL_SA_ERASE_FIXED_BYTES;
      `HL_TYPE_PACKET_SUBMIT: begin
        fixed_count_now = `HL_PACKET_SUBMIT_FIXED_BYTES;
        has_tail_now    = 1'b1;
        tail_unit_now   = `HL_PACKET_SUBMIT_BYTES_UNIT;
      end
      `HL_TYPE_CREDIT_REQUEST: fixed_count_now = `HL_CREDIT_REQUEST_FIXED_BYTES;
      `HL_TYPE_LINK_ERROR:     fixed_count_now = `HL_LINK_ERROR_FIXED_BYTES;
      default: begin  // board-side types (0x81..0x88) and unknown ones
        host_type_now   = 1'b0;
        fixed_count_now = 4'd0;
      end
    endcase
  end

  wire [15:0] length_now = {length_field[15:8], covered_byte};  // at covered == 3
  wire [15:0] tail_now = length_now - {12'd0, fixed_count};
  reg         length_over, fits_type;
  reg  [11:0] tail_bytes;  // payload after the fixed bytes, if the length field holds
  reg  [11:0] tail_words;
  wire [11:0] payload_index = covered - 12'd4;  // of the covered byte, when covered >= 4
  wire        in_payload = covered >= 12'd4;
  wire        in_fixed = in_payload && payload_index < {8'd0, fixed_count};
  wire        in_tail = in_payload && !in_fixed;

  // ---- Ring writes -----------------------------------------------------------
  reg  [PW-1:0] frame_start;  // committed write pointer: where this frame's tail begins
  reg  [PW-1:0] write_ptr;  // next word of this frame's tail
  reg  [PW-1:0] free_ptr;  // oldest word not yet freed by the dispatcher
  reg           free_valid;  // the dispatcher's free pulse, registered
  reg  [PW-1:0] free_words;
  reg           free_packet;
  reg           ring_blocked;  // a tail word found no room: the frame cannot be stored

  wire [PW-1:0] used_words = write_ptr - free_ptr;
  wire          ring_room = !used_words[PW-1];  // fewer than RING_WORDS words in use
  wire          word_done = covered_valid && in_tail && tail_lane == 2'd3;
  wire          flush_needed = frame_end && tail_lane != 2'd0;
  wire          ring_write = (word_done || flush_needed) && !ring_blocked && ring_room;
  reg  [  31:0] ring_write_data;
  always @* begin
    case ({
      flush_needed, tail_lane
    })
      3'b101:  ring_write_data = {tail_partial[7:0], 24'd0};
      3'b110:  ring_write_data = {tail_partial[15:0], 16'd0};
      3'b111:  ring_write_data = {tail_partial, 8'd0};
      default: ring_write_data = {tail_partial, covered_byte};
    endcase
  end

  assign ring_wr_en   = ring_write;
  assign ring_wr_word = write_ptr[RING_ADDR_BITS-1:0];
  assign ring_wr_data = ring_write_data;
  generate
    if (RING_INSIDE != 0) begin : g_ring
      link_rx_ring #(
          .ADDR_BITS(RING_ADDR_BITS)
      ) ring (
          .clk    (clk),
          .wr_en  (ring_write),
          .wr_addr(write_ptr[RING_ADDR_BITS-1:0]),
          .wr_data(ring_write_data),
          .rd_en  (ring_rd_en),
          .rd_addr(ring_rd_word),
          .rd_data(ring_rd_data)
      );
    end else begin : g_no_ring
      assign ring_rd_data = 32'd0;
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_ring_rd = &{1'b0, ring_rd_en, ring_rd_word};
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate

  // ---- The verdict, in two steps ------------------------------------------------
  // Step 1 (the delimiter's cycle): the frame checks, from the frame's
  // registers. Step 2 (next cycle): room and credit, then the descriptor, the
  // ring pointers, the counters and the error report. The next frame's first
  // body byte comes 2 cycles after the delimiter at the earliest (its code
  // byte first), and its header overwrites type, tag, length and fixed bytes
  // only when they leave the delay line, so step 2 still reads them.
  wire [11:0] payload_held = covered - 12'd4;
  wire        too_short = !(delay_fill[2] && covered >= 12'd4);  // body < header + CRC
  wire        length_wrong = length_field != {4'd0, payload_held};
  wire        crc_wrong = ~crc != {delay3, delay2, delay1, delay0};

  reg  [ 7:0] check;  // first failed check, 0: the frame is good
  always @* begin
    if (frame_encoded_bytes > ENCODED_LIMIT) check = `HL_LINK_ERROR_OVERSIZE;
    else if (frame_cobs_error) check = `HL_LINK_ERROR_COBS;
    else if (too_short || length_wrong) check = `HL_LINK_ERROR_LENGTH;
    else if (length_over) check = `HL_LINK_ERROR_OVERSIZE;
    else if (crc_wrong) check = `HL_LINK_ERROR_CRC;
    else if (!host_type) check = `HL_LINK_ERROR_UNKNOWN_TYPE;
    else if (!fits_type) check = `HL_LINK_ERROR_LENGTH;
    else check = 8'd0;
  end

  reg        judged;  // step 2 this cycle
  reg [ 7:0] judged_check;
  reg        judged_ring_ok;  // every tail word found room
  reg        judged_packet;
  reg [11:0] judged_tail_bytes;
  reg [15:0] judged_tail_words;
  always @(posedge clk) begin
    judged_check      <= check;
    judged_ring_ok    <= !ring_blocked && (!flush_needed || ring_room);
    judged_packet     <= frame_type == `HL_TYPE_PACKET_SUBMIT;
    judged_tail_bytes <= tail_bytes[11:0];
    judged_tail_words <= {4'd0, tail_words};
  end

  // Credits: slots and words held by stored packets.
  reg  [15:0] packets_held;
  reg  [15:0] packet_words_free;
  wire        desc_full;
  wire [ 7:0] reason = judged_check != 8'd0 ? judged_check :
      desc_full ? `HL_LINK_ERROR_OVERRUN : 8'd0;
  wire        credit_ok = packets_held < SLOTS && judged_tail_words <= packet_words_free;
  wire        accept = judged && reason == 8'd0;
  wire        store = accept && judged_ring_ok && (!judged_packet || credit_ok);
  wire        drop = judged && reason != 8'd0;

  assign credit_packets = SLOTS - packets_held;
  assign credit_bytes   = {14'd0, packet_words_free, 2'd0};

  always @(posedge clk) begin
    if (body_valid) begin
      {delay3, delay2, delay1, delay0} <= {delay2, delay1, delay0, body_byte};
    end
    if (covered_valid) begin
      if (covered == 12'd0) frame_type <= covered_byte;
      if (covered == 12'd1) frame_tag <= covered_byte;
      if (covered == 12'd2) length_field[15:8] <= covered_byte;
      if (covered == 12'd3) length_field[7:0] <= covered_byte;
      if (covered == 12'd0) begin
        host_type   <= host_type_now;
        fixed_count <= fixed_count_now;
        tail_unit   <= tail_unit_now;
        has_tail    <= has_tail_now;
      end
      // What the length field implies, worked out as it completes.
      if (covered == 12'd3) begin
        length_over <= length_now > PAYLOAD_LIMIT;
        fits_type   <= length_now >= {12'd0, fixed_count} &&
            (has_tail ? (tail_now[2:0] & (tail_unit - 3'd1)) == 3'd0 : tail_now == 16'd0);
        tail_bytes  <= tail_now[11:0];
        tail_words  <= tail_now[13:2] + {11'd0, tail_now[1:0] != 2'd0};
      end
      if (in_tail) tail_partial <= {tail_partial[15:0], covered_byte};
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      delay_fill        <= 3'd0;
      covered           <= 12'd0;
      crc               <= 32'hFFFF_FFFF;
      fixed_bytes_seen  <= 64'd0;
      tail_lane         <= 2'd0;
      ring_blocked      <= 1'b0;
      frame_start       <= {PW{1'b0}};
      write_ptr         <= {PW{1'b0}};
      free_ptr          <= {PW{1'b0}};
      judged            <= 1'b0;
      free_valid        <= 1'b0;
      packets_held      <= 16'd0;
      packet_words_free <= PACKET_WORDS_LIMIT;
      credit_tag        <= 8'd0;
      err_valid         <= 1'b0;
      err_count         <= 16'd0;
    end else begin
      judged <= frame_end;
      if (frame_end) begin
        delay_fill   <= 3'd0;
        covered      <= 12'd0;
        crc          <= 32'hFFFF_FFFF;
        tail_lane    <= 2'd0;
        ring_blocked <= 1'b0;
        if (ring_write) write_ptr <= write_ptr + 1'b1;  // the last, partial word
      end else if (body_valid) begin
        if (!delay_fill[2]) delay_fill <= delay_fill + 3'd1;
        if (covered_valid) begin
          if (covered != 12'hFFF) covered <= covered + 12'd1;
          crc <= crc_next;
          if (covered == 12'd0) fixed_bytes_seen <= 64'd0;
          if (in_fixed) fixed_bytes_seen[8*(7-payload_index[2:0])+:8] <= covered_byte;
          if (in_tail) tail_lane <= tail_lane + 2'd1;
          if (word_done) begin
            if (ring_write) write_ptr <= write_ptr + 1'b1;
            else ring_blocked <= 1'b1;
          end
        end
      end
      // Keep a stored tail; otherwise rewind to where the frame began.
      if (judged) begin
        if (store) frame_start <= write_ptr;
        else write_ptr <= frame_start;
      end

      // Ring accounting: a stored packet takes a slot and its words; the
      // dispatcher's frees give them back (registered first: they count one
      // cycle after the pulse, which keeps the verdict's paths short).
      free_valid <= ring_free_valid;
      if (ring_free_valid) begin
        free_words  <= ring_free_words;
        free_packet <= ring_free_packet;
      end
      if (free_valid) free_ptr <= free_ptr + free_words;
      packets_held <= packets_held + {15'd0, store && judged_packet} -
          {15'd0, free_valid && free_packet};
      packet_words_free <= packet_words_free -
          (store && judged_packet ? judged_tail_words : 16'd0) +
          (free_valid && free_packet ? {{(16 - PW) {1'b0}}, free_words} : 16'd0);
      if (accept && judged_packet) credit_tag <= frame_tag;

      // Error report: the last drop's reason and size, and drops since the last report taken.
      if (drop) begin
        err_valid <= 1'b1;
        if (err_valid && err_ready) err_count <= 16'd1;
        else if (err_count != 16'hFFFF) err_count <= err_count + 16'd1;
      end else if (err_valid && err_ready) begin
        err_valid <= 1'b0;
        err_count <= 16'd0;
      end
    end
  end

  always @(posedge clk) begin
    if (drop) begin
      err_reason  <= reason;
      err_dropped <= frame_encoded_bytes;
    end
  end

  // ---- Descriptors -------------------------------------------------------------
  // Record: type, tag | fixed (4 halfwords) | length | no_credit, tail bytes | tail word.
  wire [ 15:0] start_word = {{(16 - RING_ADDR_BITS) {1'b0}}, frame_start[RING_ADDR_BITS-1:0]};
  wire [127:0] record_in = {
    frame_type,
    frame_tag,
    fixed_bytes_seen,
    length_field,
    !store,
    3'd0,
    judged_tail_bytes,
    start_word
  };
  wire [127:0] record_out;

  link_rx_desc_fifo #(
      .ADDR_BITS(DESC_ADDR_BITS)
  ) descriptors (
      .clk        (clk),
      .rst        (rst),
      .full       (desc_full),
      .push       (accept),
      .push_record(record_in),
      .out_valid  (desc_valid),
      .out_ready  (desc_ready),
      .out_record (record_out)
  );

  assign desc_type       = record_out[127:120];
  assign desc_tag        = record_out[119:112];
  assign desc_fixed      = record_out[111:48];
  assign desc_length     = record_out[47:32];
  assign desc_no_credit  = record_out[31];
  assign desc_tail_bytes = {4'd0, record_out[27:16]};
  assign desc_tail_word  = record_out[RING_ADDR_BITS-1:0];
  /* verilator lint_off UNUSED */
  // Spare record bits (zero) and the tail word's zero extension.
  wire unused_record = &{1'b0, record_out[30:28], record_out[15:RING_ADDR_BITS], tail_now[15:14]};
  /* verilator lint_on UNUSED */

  // ---- Counters ----------------------------------------------------------------
  wire [6:0] counted = {
    drop && reason == `HL_LINK_ERROR_OVERRUN,
    drop && reason == `HL_LINK_ERROR_UNKNOWN_TYPE,
    drop && reason == `HL_LINK_ERROR_OVERSIZE,
    drop && reason == `HL_LINK_ERROR_LENGTH,
    drop && reason == `HL_LINK_ERROR_COBS,
    drop && reason == `HL_LINK_ERROR_CRC,
    accept
  };
  wire [32*7-1:0] counts;
  link_rx_counters #(
      .COUNTERS(7)
  ) counters (
      .clk   (clk),
      .rst   (rst),
      .events(counted),
      .clear (clear_counters),
      .counts(counts)
  );
  assign {rx_overrun_errors, rx_unknown_type_errors, rx_oversize_errors, rx_length_errors,
          rx_cobs_errors, rx_crc_errors, rx_frames} = counts;
endmodule
`default_nettype wire
