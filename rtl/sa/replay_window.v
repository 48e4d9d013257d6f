`default_nettype none
// RFC 4303 section 3.4.3 anti-replay window of WINDOW packets (64..1024, a
// power of two), with ESN inference (RFC 4303 appendix A2.1), working in
// place on one SA's state in its SA table entry through a word port (the
// engine adds the SA index and connects it to sa_table's engine port).
//
// State (words of the entry, see sa_layout.def): `sequence` = H, the
// highest authenticated number; `replay_bitmap` = a ring of WINDOW bits,
// number n at ring bit n mod WINDOW (no shifting: the base pointer is H
// itself); `replay_stale` = one bit per bitmap word, set when the word is
// to be read as zero. Moving the window clears the bits it skips: the two
// partial words at the ends by read-modify-write, every whole word between
// them by setting its stale bit, all in one write of the stale word. So an
// update costs the same few cycles whatever the jump.
//
// Commands (cmd_valid/cmd_ready; one at a time, res_valid pulses at the end,
// results held until the next command):
//   check  (cmd_update = 0): the 64-bit number of cmd_sequence[31:0] (ESN
//          inferred when cmd_esn) and ok / replay / too_old; no writes.
//   update (cmd_update = 1): after the ICV verified, record cmd_sequence (the
//          64-bit number check gave): move the window if it is ahead, else
//          set its bit. Reports replay / too_old (and writes nothing) when
//          the number was recorded or fell out meanwhile.
// too_old covers: left of the window, 0 (never sent), and an ESN number
// whose inferred high half would be below 0 or above 2^32-1.
//
// Cycles with a memory that accepts every request and answers 2 cycles
// later (sa_table's engine port): check 12; update 13 + writes, writes = 5
// when the window moves, 2 when a bit inside it is set, 0 when refused.
// Each cycle the memory refuses a request adds one.
module replay_window #(
    parameter WINDOW = 64
) (
    input wire clk,
    input wire rst,

    input  wire        cmd_valid,
    output wire        cmd_ready,
    input  wire        cmd_update,
    input  wire        cmd_esn,
    input  wire [63:0] cmd_sequence,

    output reg         res_valid,
    output reg  [ 1:0] res_status,    // 0 ok, 1 replay, 2 too_old
    output wire [63:0] res_sequence,
    output wire [63:0] res_highest,   // H after the command

    output wire        mem_req_valid,
    input  wire        mem_req_ready,
    output wire        mem_req_write,
    output reg  [ 6:0] mem_req_word,
    output reg  [31:0] mem_req_wdata,
    input  wire        mem_rsp_valid,
    input  wire [31:0] mem_rsp_rdata
);
`include "sa_layout.vh"

  localparam POS_BITS = $clog2(WINDOW);  // ring position
  localparam WORD_BITS = POS_BITS - 5;  // bitmap word index
  localparam WORDS = WINDOW / 32;
  localparam [1:0] OK = 2'd0, REPLAY = 2'd1, TOO_OLD = 2'd2;
  localparam [6:0] SEQ_HI = `SA_SEQUENCE_WORD, SEQ_LO = `SA_SEQUENCE_WORD + 1;
  localparam [6:0] STALE = `SA_REPLAY_STALE_WORD, BITMAP = `SA_REPLAY_BITMAP_WORD;
  localparam [31:0] WINDOW_MINUS_1 = WINDOW - 1;
  localparam [WORD_BITS:0] SPAN_ALL = {1'b1, {WORD_BITS{1'b0}}};  // WORDS

  localparam [3:0] S_IDLE = 4'd0, S_READ_STATE = 4'd1, S_INFER = 4'd2, S_CLASSIFY = 4'd3,
      S_READ_BITS = 4'd4, S_DECIDE = 4'd5, S_WRITE = 4'd6, S_DIFF = 4'd7;
  reg [3:0] state;

  // The command.
  reg        update;
  reg        esn;
  reg [63:0] seq;  // cmd_sequence, then the full number
  reg        seq_invalid;  // ESN inference out of range

  // What was read (the bitmap words and the stale word are replaced by
  // their new values in S_DECIDE, for the writes).
  reg [63:0] highest;
  reg [31:0] stale;
  reg [31:0] old_s;  // bitmap word holding seq
  reg [31:0] old_a;  // bitmap word holding highest + 1
  reg [31:0] bottom;  // left edge of the window, low half (A2.1)
  reg        case_a;  // the window lies within one 2^32 block
  assign res_sequence = seq;
  assign res_highest  = highest;

  // Request sequencing within a phase: issued and answered counts.
  reg [2:0] issued;
  reg [2:0] answered;
  reg [2:0] to_issue;
  reg [2:0] to_write;

  // --- ESN inference (RFC 4303 A2.1), registered in S_INFER --------------
  wire [31:0] top_high = highest[63:32];
  wire [31:0] seq_low = seq[31:0];
  wire [31:0] top_high_plus_1 = top_high + 1'b1;
  wire [31:0] top_high_minus_1 = top_high - 1'b1;
  reg  [31:0] high;
  reg         high_invalid;
  always @(*) begin
    high = top_high;
    high_invalid = 1'b0;
    if (case_a) begin
      if (seq_low < bottom) begin
        high = top_high_plus_1;
        high_invalid = &top_high;
      end
    end else if (seq_low >= bottom) begin
      high = top_high_minus_1;
      high_invalid = top_high == 32'd0;
    end
  end

  // --- Classification: d = seq - H as two 33-bit halves, registered in
  // S_DIFF (two short carry chains instead of one of 65 bits), then tested
  // bit-wise in S_CLASSIFY. d = (diff_high - borrow) * 2^32 + diff_low.
  reg  [32:0] diff_low;  // seq_lo - H_lo, borrow in bit 32
  reg  [32:0] diff_high;  // seq_hi - H_hi, two's complement
  wire        borrow = diff_low[32];
  wire [31:0] dl = diff_low[31:0];
  wire        high_zero = diff_high == 33'd0;
  wire d_high_zero = (high_zero && !borrow) || (diff_high == 33'd1 && borrow);
  wire d_high_minus_1 = (&diff_high && !borrow) || (high_zero && borrow);
  wire d_negative = diff_high[32] || (high_zero && borrow);
  wire d_zero = d_high_zero && dl == 32'd0;
  wire ahead = !d_negative && !d_zero;
  wire big_jump = !(d_high_zero && dl[31:POS_BITS] == {(32 - POS_BITS) {1'b0}});  // d >= WINDOW
  // -WINDOW < d < 0: high half -1, low half in [2^32 - WINDOW + 1, 2^32 - 1].
  wire just_behind = d_high_minus_1 && &dl[31:POS_BITS] && |dl[POS_BITS-1:0];
  wire behind_out = !d_zero && !just_behind;  // with !ahead: H - seq >= WINDOW
  wire [POS_BITS:0] next = highest[POS_BITS:0] + 1'b1;  // ring position of H + 1
  reg is_ahead, is_old, is_big;
  reg [WORD_BITS-1:0] k_s, k_a;
  reg [4:0] b_s, b_a;
  reg [WORD_BITS:0] span;  // bitmap words from the one after H to seq's: 0..WORDS

  // --- The decision, registered in S_DECIDE ------------------------------
  wire [31:0] stale_words = stale & ((WORDS == 32) ? 32'hffffffff : ((32'd1 << WORDS) - 1));
  wire s_stale = |(stale_words & (32'd1 << k_s));
  wire a_stale = |(stale_words & (32'd1 << k_a));
  // The bitmap words are stored with their stale bit applied, and whether
  // seq was received is registered as its word arrives: DECIDE only
  // computes the new words.
  wire [31:0] cur_s = old_s;
  wire [31:0] cur_a = old_a;
  reg         seen;
  wire [31:0] bit_s = 32'd1 << b_s;
  wire [31:0] from_a = ~((32'd1 << b_a) - 1);  // bits >= b_a
  wire [31:0] upto_s = 32'hffffffff >> (5'd31 - b_s);  // bits <= b_s
  // Bitmap words strictly between k_a and k_s in ring order (span >= 2):
  // above k_a and below k_s, or, wrapping, above k_a or below k_s.
  reg [31:0] above_a, below_s;
  integer w;
  always @(*)
    for (w = 0; w < 32; w = w + 1) begin
      /* verilator lint_off WIDTH */  // w is a constant after unrolling
      above_a[w] = w > k_a;
      below_s[w] = w < k_s;
      /* verilator lint_on WIDTH */
    end
  wire [31:0] interior = span < 2 ? 32'd0 : k_a < k_s ? (above_a & below_s) : (above_a | below_s);
  reg [31:0] new_s, new_a, new_stale;
  always @(*) begin
    new_s = cur_s | bit_s;
    new_a = cur_a;
    new_stale = stale_words & ~(32'd1 << k_s);
    if (is_ahead) begin
      if (is_big) begin
        new_s = bit_s;
        new_a = (k_a == k_s) ? bit_s : 32'd0;
        new_stale = ((WORDS == 32) ? 32'hffffffff : ((32'd1 << WORDS) - 1)) & ~(32'd1 << k_s);
      end else begin
        if (span == 0) new_s = (cur_s & ~(from_a & upto_s)) | bit_s;
        else if (span == SPAN_ALL) new_s = (cur_s & ~(from_a | upto_s)) | bit_s;
        else new_s = (cur_s & ~upto_s) | bit_s;
        new_a = (k_a == k_s) ? new_s : (cur_a & ~from_a);
        new_stale = (stale_words | interior) & ~(32'd1 << k_s) & ~(32'd1 << k_a);
      end
    end
  end
  wire [6:0] word_s = BITMAP + {{(7 - WORD_BITS) {1'b0}}, k_s};
  wire [6:0] word_a = BITMAP + {{(7 - WORD_BITS) {1'b0}}, k_a};

  // --- The word port -----------------------------------------------------
  wire reading = state == S_READ_STATE || state == S_READ_BITS;
  assign mem_req_valid = (reading && issued < to_issue) || (state == S_WRITE && issued < to_write);
  assign mem_req_write = state == S_WRITE;
  always @(*) begin
    mem_req_word  = SEQ_HI;
    mem_req_wdata = 32'd0;
    case (state)
      S_READ_STATE: mem_req_word = issued == 3'd0 ? SEQ_HI : issued == 3'd1 ? SEQ_LO : STALE;
      S_READ_BITS:  mem_req_word = issued == 3'd0 ? word_s : word_a;
      default: begin  // S_WRITE: word of seq, stale, word after H, H high, H low
        case (issued)
          3'd0: begin
            mem_req_word  = word_s;
            mem_req_wdata = old_s;
          end
          3'd1: begin
            mem_req_word  = STALE;
            mem_req_wdata = stale;
          end
          3'd2: begin
            mem_req_word  = word_a;
            mem_req_wdata = old_a;
          end
          3'd3: begin
            mem_req_word  = SEQ_HI;
            mem_req_wdata = seq[63:32];
          end
          default: begin
            mem_req_word  = SEQ_LO;
            mem_req_wdata = seq[31:0];
          end
        endcase
      end
    endcase
  end
  wire req_done = mem_req_valid && mem_req_ready;

  assign cmd_ready = state == S_IDLE;

  always @(posedge clk) begin
    if (rst) begin
      state     <= S_IDLE;
      res_valid <= 1'b0;
    end else begin
      res_valid <= 1'b0;
      if (req_done) issued <= issued + 1'b1;
      if (mem_rsp_valid) answered <= answered + 1'b1;
      case (state)
        S_IDLE:
        if (cmd_valid) begin
          update   <= cmd_update;
          esn      <= cmd_esn;
          seq      <= cmd_sequence;
          issued   <= 3'd0;
          answered <= 3'd0;
          to_issue <= 3'd3;
          state    <= S_READ_STATE;
        end
        S_READ_STATE: begin
          if (mem_rsp_valid)
            case (answered)
              3'd0: highest[63:32] <= mem_rsp_rdata;
              3'd1: begin
                highest[31:0] <= mem_rsp_rdata;
                bottom        <= mem_rsp_rdata - WINDOW_MINUS_1;
                case_a        <= mem_rsp_rdata >= WINDOW_MINUS_1;
              end
              default: stale <= mem_rsp_rdata;
            endcase
          if (mem_rsp_valid && answered == 3'd2) state <= S_INFER;
        end
        S_INFER: begin
          // A check takes the low half from the packet; an update gets the
          // full number check returned.
          seq_invalid <= 1'b0;
          if (!update && esn) begin
            seq[63:32]  <= high;
            seq_invalid <= high_invalid;
          end else if (!update) seq[63:32] <= 32'd0;
          state <= S_DIFF;
        end
        S_DIFF: begin
          diff_low  <= {1'b0, seq[31:0]} - {1'b0, highest[31:0]};
          diff_high <= {1'b0, seq[63:32]} - {1'b0, highest[63:32]};
          state     <= S_CLASSIFY;
        end
        S_CLASSIFY: begin
          is_ahead <= ahead;
          is_old   <= seq_invalid || seq == 64'd0 || (!ahead && behind_out);
          is_big   <= big_jump;
          k_s      <= seq[POS_BITS-1:5];
          b_s      <= seq[4:0];
          k_a      <= next[POS_BITS-1:5];
          b_a      <= next[4:0];
          span     <= seq[POS_BITS:5] - next[POS_BITS:5];
          issued   <= 3'd0;
          answered <= 3'd0;
          to_issue <= update ? 3'd2 : 3'd1;
          state    <= S_READ_BITS;
        end
        S_READ_BITS: begin
          if (mem_rsp_valid) begin
            if (answered == 3'd0) begin
              old_s <= s_stale ? 32'd0 : mem_rsp_rdata;
              seen  <= !s_stale && |(mem_rsp_rdata & bit_s);
            end else old_a <= a_stale ? 32'd0 : mem_rsp_rdata;
          end
          if (mem_rsp_valid && answered + 1'b1 == to_issue) state <= S_DECIDE;
        end
        S_DECIDE: begin
          old_s        <= new_s;
          old_a        <= new_a;
          stale        <= new_stale;
          issued       <= 3'd0;
          to_write     <= is_ahead ? 3'd5 : 3'd2;
          // A check, or a refused update, ends here; an update writes.
          res_valid    <= !update || is_old || (!is_ahead && seen);
          state        <= (!update || is_old || (!is_ahead && seen)) ? S_IDLE : S_WRITE;
          if (is_old) res_status <= TOO_OLD;
          else if (!is_ahead && seen) res_status <= REPLAY;
          else begin
            res_status <= OK;
            if (update && is_ahead) highest <= seq;
          end
        end
        default:  // S_WRITE: done on the edge that takes the last write
        if (req_done && issued + 1'b1 == to_write) begin
          res_valid <= 1'b1;
          state     <= S_IDLE;
        end
      endcase
    end
  end
endmodule
`default_nettype wire
