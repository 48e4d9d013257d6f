`default_nettype none
// The 16-word blocks one hash "part" of HMAC feeds a compression core: the
// message (inner part, from the byte stream) or the inner digest (outer part,
// from the digest register), followed by the padding this module makes on
// the fly: 0x80, zeros and the bit length in the last two words.
//
// Words go out through one register (m_word/m_valid), so the cores see a
// flip-flop on their round path, and the register refills on the same edge
// the core takes a word: no bubble between words or between blocks.
//
// Byte order: the stream is in network order (byte 0 in s_axis_tdata[31:24]).
// For MD5 (`md5` high) message and padding words are byte-swapped into RFC
// 1321's little-endian words and the bit length goes in word 14 (low half);
// for SHA it goes in word 15. Digest words are numbers for either hash and
// pass unswapped.
module hmac_word_source (
    input  wire        clk,
    input  wire        rst,
    // Starts a part. Sampled on an edge where `start` is high.
    input  wire        start,
    input  wire [13:0] start_words,        // full data words (message: length / 4)
    input  wire [1:0]  start_tail,         // bytes in the last, partial data word (length % 4)
    input  wire [19:0] start_bitlen,       // the padding's bit length
    input  wire        start_from_stream,  // 1: data from s_axis, 0: from digest_word
    input  wire        md5,                // held for the whole part
    // Message bytes, network order; tkeep/tlast only checked (framing_error).
    input  wire [31:0] s_axis_tdata,
    input  wire [3:0]  s_axis_tkeep,
    input  wire        s_axis_tlast,
    input  wire        s_axis_tvalid,
    output wire        s_axis_tready,
    // Inner digest, one word at a time (first word here; pulse to advance).
    input  wire [31:0] digest_word,
    output wire        digest_next,
    // Words to the compression core.
    output reg  [31:0] m_word,
    output reg         m_valid,
    input  wire        m_ready,
    output reg         busy,           // words of the part still to produce
    output reg         framing_error   // tlast/tkeep disagreed with the length (sticky per message)
);
  reg [13:0] data_left;  // full data words not yet produced
  reg [1:0]  tail;
  reg [19:0] bitlen;
  reg        from_stream;
  reg        pad_done;   // the word holding 0x80 has been produced
  reg        len_block;  // this block ends with the length
  reg [3:0]  word_in_block;

  wire no_full_words = (data_left == 14'd0);
  wire data_word     = !pad_done && !no_full_words;
  wire pad_word      = !pad_done && no_full_words;  // 0x80 after `tail` message bytes
  wire needs_stream  = from_stream && (data_word || (pad_word && tail != 2'd0));
  wire slot_free     = !m_valid || m_ready;
  wire word_ready    = busy && (!needs_stream || s_axis_tvalid);
  wire take          = word_ready && slot_free;

  assign s_axis_tready = busy && needs_stream && slot_free;
  assign digest_next   = take && data_word && !from_stream;

  // ------------------------------------------------------------ word values
  reg [31:0] keep_mask, pad_byte;
  always @(*) begin
    case (tail)
      2'd0:    begin keep_mask = 32'h00000000; pad_byte = 32'h80000000; end
      2'd1:    begin keep_mask = 32'hff000000; pad_byte = 32'h00800000; end
      2'd2:    begin keep_mask = 32'hffff0000; pad_byte = 32'h00008000; end
      default: begin keep_mask = 32'hffffff00; pad_byte = 32'h00000080; end
    endcase
  end

  wire [31:0] network_word = data_word ? (from_stream ? s_axis_tdata : digest_word)
                                       : ((s_axis_tdata & keep_mask) | pad_byte);
  wire        swap = md5 && !(data_word && !from_stream);
  wire [31:0] ordered_word = swap ? {network_word[7:0], network_word[15:8], network_word[23:16],
                                     network_word[31:24]}
                                  : network_word;
  // SHA: length in word 15 (big-endian 64-bit, high half 0); MD5: in word 14.
  wire length_slot = len_block && (word_in_block[3:1] == 3'b111) && (word_in_block[0] ^ md5);
  wire [31:0] word = pad_done ? (length_slot ? {12'd0, bitlen} : 32'd0) : ordered_word;

  // --------------------------------------------------------------- control
  always @(posedge clk) begin
    if (rst) begin
      busy    <= 1'b0;
      m_valid <= 1'b0;
    end else begin
      if (start) busy <= 1'b1;
      else if (take && word_in_block == 4'd15 && len_block) busy <= 1'b0;
      if (take) m_valid <= 1'b1;
      else if (m_ready) m_valid <= 1'b0;
    end
  end

  always @(posedge clk) begin
    if (take) m_word <= word;
  end

  always @(posedge clk) begin
    if (start) begin
      data_left     <= start_words;
      tail          <= start_tail;
      bitlen        <= start_bitlen;
      from_stream   <= start_from_stream;
      pad_done      <= 1'b0;
      len_block     <= 1'b0;
      word_in_block <= 4'd0;
    end else if (take) begin
      word_in_block <= word_in_block + 4'd1;
      if (data_word) data_left <= data_left - 14'd1;
      if (pad_word) begin
        pad_done <= 1'b1;
        // 0x80 in words 0..13 leaves room for the length in this block.
        if (word_in_block < 4'd14) len_block <= 1'b1;
      end
      // 0x80 in word 14 or 15 (or earlier in this block): length in the next.
      if (word_in_block == 4'd15 && !len_block && (pad_done || pad_word)) len_block <= 1'b1;
    end
  end

  // The beat carrying the last message byte must be the only one with tlast,
  // and only it may have tkeep other than 1111 (docs/esp-engine.md).
  wire       expect_last = pad_word || (data_left == 14'd1 && tail == 2'd0);
  reg  [3:0] expect_keep;
  always @(*) begin
    if (!pad_word) expect_keep = 4'b1111;
    else begin
      case (tail)
        2'd1:    expect_keep = 4'b1000;
        2'd2:    expect_keep = 4'b1100;
        default: expect_keep = 4'b1110;
      endcase
    end
  end

  always @(posedge clk) begin
    if (rst || (start && start_from_stream)) framing_error <= 1'b0;
    else if (s_axis_tvalid && s_axis_tready &&
             (s_axis_tlast != expect_last || s_axis_tkeep != expect_keep))
      framing_error <= 1'b1;
  end
endmodule
`default_nettype wire
