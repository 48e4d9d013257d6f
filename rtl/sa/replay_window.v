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
// Small on purpose: every read is issued back to back (H low, H high, stale,
// the word holding the number, and for an update the word holding H+1 unless
// it is the same word), and the classification is done on the fly as they
// arrive, from one 32-bit difference of the low halves plus the high half of
// seq - H reduced to three flags (0, -1, negative) by one 33-bit subtractor,
// which with ESN gives the inferred high half instead (H's plus -1, 0 or +1,
// chosen by the low-half flags). The writes (words, order, data) are those
// of the first version of this unit.
//
// Cycles with a memory that accepts every request and answers 2 cycles
// later (sa_table's engine port): check 7; update 6 + r + w, r = 1 when the
// words holding the number and H+1 differ (a fifth read), w = 5 writes when
// the window moves, 2 when a bit inside it is set, 1 (no write, one cycle)
// when refused. Each cycle the memory refuses a request adds one.
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

  localparam [1:0] S_IDLE = 2'd0, S_READ = 2'd1, S_WRITE = 2'd2;
  reg [1:0] state;

  // The command.
  reg        update;
  reg        esn_check;  // a check with ESN: the high half is inferred
  reg [63:0] seq;  // cmd_sequence (a check: high half 0), then the full number

  // What was read. Only the WORDS stale bits in use are kept. The bitmap
  // words are stored already modified, as they will be written (their stale
  // bit applied, the move's bits cleared, seq's set), and the stale word is
  // replaced by its new value at the first write: each register feeds the
  // write data directly.
  reg [63:0] highest;
  reg [WORDS-1:0] stale;
  reg [31:0] word_s_bits;  // bitmap word holding seq
  reg [31:0] word_a_bits;  // bitmap word holding highest + 1 (when it differs)
  assign res_sequence = seq;
  assign res_highest  = highest;

  // Request sequencing: requests issued and read answers received.
  reg [2:0] issued;
  reg [2:0] answered;

  // --- Ring positions: seq's and H+1's word and bit ---------------------
  wire [POS_BITS:0] next = highest[POS_BITS:0] + 1'b1;  // H + 1 (one more bit: wrap)
  wire [WORD_BITS-1:0] k_s = seq[POS_BITS-1:5];
  wire [WORD_BITS-1:0] k_a = next[POS_BITS-1:5];
  wire [4:0] b_s = seq[4:0];
  wire [4:0] b_a = next[4:0];
  wire same_word = k_s == k_a;
  // Moving from H to seq (0 < d < WINDOW) wraps past ring position 0.
  wire wrap = seq[POS_BITS] ^ next[POS_BITS];
  wire need_a = update && !same_word;  // the fifth read

  // --- H low arrives first: dl = seq_lo - H_lo -----------------------------
  wire [32:0] dl = {1'b0, seq[31:0]} - {1'b0, mem_rsp_rdata};
  wire dl_behind = &dl[31:POS_BITS] && |dl[POS_BITS-1:0];
  reg l_borrow;  // seq_lo < H_lo
  reg l_behind;  // dl in [2^32 - WINDOW + 1, 2^32 - 1]
  reg l_zero;  // dl == 0
  reg l_small;  // dl < WINDOW
  // ESN (A2.1): the number is H + e with e in [-(WINDOW-1), 2^32-WINDOW] and
  // e = dl mod 2^32, so its high half is H_hi + borrow - behind: +1, 0 or -1.
  wire esn_inc = l_borrow && !l_behind;
  wire esn_dec = !l_borrow && l_behind;

  // A2.1 case A (H_lo >= WINDOW-1): the high half is H_hi + 1 or H_hi;
  // case B: H_hi - 1 or H_hi. Known from H low alone (no carry chain).
  wire case_a = |mem_rsp_rdata[31:POS_BITS] || &mem_rsp_rdata[POS_BITS-1:0];
  reg  l_case_a;

  // --- Then H high: one subtractor, r = H_hi - seq_hi - r_in ---------------
  // Without ESN inference: r_in = !borrow, so r = ~(seq_hi - H_hi - borrow),
  // the one's complement of the high half of d = seq - H. A check with ESN
  // has seq_hi = all ones in case A (set as H low arrives), else 0, and r_in
  // = !inc (case A) or dec (case B): r = H_hi + 1, H_hi - 1 or H_hi, the
  // inferred high half; r's sign says whether it left 0..2^32-1.
  wire r_in = !esn_check ? !l_borrow : l_case_a ? !esn_inc : esn_dec;
  wire [32:0] r = {1'b0, mem_rsp_rdata} - {1'b0, seq[63:32]} - {32'd0, r_in};
  reg h_zero;  // d's high half is 0 (r all ones)
  reg h_minus_1;  // d's high half is -1 (r zero)
  reg h_negative;  // d < 0 (r >= 0)
  reg esn_invalid;
  // With ESN d's high half is -behind by construction.
  wire dh_zero = esn_check ? !l_behind : h_zero;
  wire dh_minus_1 = esn_check ? l_behind : h_minus_1;
  wire dh_negative = esn_check ? l_behind : h_negative;
  wire d_zero = dh_zero && l_zero;
  wire ahead = (!dh_negative && !dh_zero) || (dh_zero && !l_zero);
  wire inside_behind = dh_minus_1 && l_behind;  // -WINDOW < d < 0
  reg is_ahead;  // seq > H
  reg is_big;  // seq - H >= WINDOW
  reg is_old;  // left of the window, or ESN out of range
  reg is_zero;  // seq == 0
  reg seen;  // seq's bit is set

  wire refused = is_old || is_zero || (!is_ahead && seen);

  // --- The new words, during the writes -----------------------------------
  // Bit i of at_least(b): b >= i, from a 4 x 8 split of b (ordinary LUTs;
  // written as 32 comparisons yosys would give each its own carry chain).
  function [31:0] at_least;
    input [4:0] b;
    reg [7:0] low_le;  // bit m: m <= b[2:0]
    reg [3:0] high_le, high_eq;  // bit j: j <= b[4:3], j == b[4:3]
    integer j;
    begin
      low_le  = ~(8'hfe << b[2:0]);
      high_le = ~(4'he << b[4:3]);
      high_eq = 4'd1 << b[4:3];
      for (j = 0; j < 32; j = j + 1)
        at_least[j] = (high_le[j/8] && !high_eq[j/8]) || (high_eq[j/8] && low_le[j%8]);
    end
  endfunction
  // Bit masks within a word: seq's bit, bits up to it, bits from H+1's.
  reg [31:0] upto_s, from_a;
  // Stale bits: seq's word, H+1's, and the ring range of words between them.
  reg [WORDS-1:0] word_is_s, word_is_a, in_range;
  // Words: up to seq's (k <= k_s), from H+1's (k >= k_a).
  /* verilator lint_off UNUSEDSIGNAL */  // only WORDS of the 32 are words
  wire [31:0] s_at_least = at_least({{(5 - WORD_BITS) {1'b0}}, k_s});
  wire [31:0] a_at_least = at_least({{(5 - WORD_BITS) {1'b0}}, k_a});
  wire [31:0] a_at_most = ~(a_at_least >> 1);  // bit k: k >= k_a
  /* verilator lint_on UNUSEDSIGNAL */
  wire [WORDS-1:0] s_words_le = s_at_least[WORDS-1:0];
  wire [WORDS-1:0] a_words_ge = a_at_most[WORDS-1:0];
  always @(*) begin
    upto_s = at_least(b_s);
    from_a = ~(at_least(b_a) >> 1);  // bits >= b_a
    word_is_s = s_words_le & ~(s_words_le >> 1);
    word_is_a = a_words_ge & ~(a_words_ge << 1);
    in_range = wrap ? (a_words_ge | s_words_le) : (a_words_ge & s_words_le);
  end
  // Bits of seq's word cleared by the move: all for a jump of WINDOW or
  // more; else H+1..seq, which may start in this word (and wrap around it).
  // Per bit of seq's word: up to seq's bit (U) a bit is kept when kept_up,
  // above it when kept_above; seq's bit is set. Each is 1, 0 or "below H+1's
  // bit" (~from_a), by the case: a stale word or a jump of WINDOW or more
  // keep nothing; no move keeps all; a move from another word clears up to
  // seq; from H+1 in the same word clears H+1..seq, or outside seq..H+1
  // when it wraps.
  wire keep_none = stale[k_s] || (is_ahead && is_big);
  wire up_all = !keep_none && !is_ahead;
  wire up_below_a = !keep_none && is_ahead && same_word && !wrap;
  wire above_all = !keep_none && (!is_ahead || !same_word || !wrap);
  wire above_below_a = !keep_none && is_ahead && same_word && wrap;
  wire [31:0] kept_up = {32{up_all}} | ({32{up_below_a}} & ~from_a);
  wire [31:0] kept_above = {32{above_all}} | ({32{above_below_a}} & ~from_a);
  wire [31:0] new_s = (upto_s & ((mem_rsp_rdata & kept_up) | ~(upto_s >> 1))) |
                      (~upto_s & mem_rsp_rdata & kept_above);
  // H+1's word when it is not seq's (read only then): bits from H+1 cleared,
  // all of them for a jump of WINDOW or more. When it is seq's word, the
  // third write repeats seq's word.
  wire [31:0] new_a = mem_rsp_rdata & ~from_a;
  wire        new_a_zero = stale[k_a] || is_big;
  // Moving: every word in the range goes stale, except the two written
  // (seq's; H+1's unless the jump is WINDOW or more: it is written as 0).
  wire [WORDS-1:0] stale_set = !is_ahead ? {WORDS{1'b0}} : is_big ? {WORDS{1'b1}} : in_range;
  wire [WORDS-1:0] stale_clear = word_is_s | ((is_ahead && !is_big) ? word_is_a : {WORDS{1'b0}});
  wire [WORDS-1:0] new_stale = (stale | stale_set) & ~stale_clear;
  // The unused stale bits (WORDS..31) are written as the earlier version of
  // this unit wrote them, to keep the stored word bit-exact: ones after a
  // move that wraps past word 0 over more than one word boundary.
  wire stale_unused_ones = is_ahead && !is_big && wrap &&
      !(k_a == {WORD_BITS{1'b1}} && k_s == {WORD_BITS{1'b0}});
  wire [31:0] stale_wdata;
  generate
    if (WORDS == 32) begin : g_all_used
      assign stale_wdata = stale;
    end else begin : g_unused
      assign stale_wdata = {{(32 - WORDS) {stale_unused_ones}}, stale};
    end
  endgenerate
  wire [6:0] word_s = BITMAP + {{(7 - WORD_BITS) {1'b0}}, k_s};
  wire [6:0] word_a = BITMAP + {{(7 - WORD_BITS) {1'b0}}, k_a};

  // --- The word port -----------------------------------------------------
  // Reads: H low, H high, stale, seq's word, H+1's word (an update whose
  // words differ; its address needs H low).
  wire [2:0] reads = need_a ? 3'd5 : 3'd4;
  wire read_req = issued < 3'd4 || (issued == 3'd4 && need_a && answered != 3'd0);
  wire [2:0] writes = is_ahead ? 3'd5 : 3'd2;
  assign mem_req_valid = state == S_READ ? read_req
                       : state == S_WRITE && update && !refused && issued < writes;
  assign mem_req_write = state == S_WRITE;
  always @(*) begin
    mem_req_wdata = 32'd0;
    case (issued)  // writes: word of seq, stale, word after H, H high, H low
      3'd0: begin
        mem_req_word  = state == S_WRITE ? word_s : SEQ_LO;
        mem_req_wdata = word_s_bits;
      end
      3'd1: begin
        mem_req_word  = state == S_WRITE ? STALE : SEQ_HI;
        mem_req_wdata = stale_wdata;
      end
      3'd2: begin
        mem_req_word  = state == S_WRITE ? word_a : STALE;
        mem_req_wdata = same_word ? word_s_bits : word_a_bits;
      end
      3'd3: begin
        mem_req_word  = state == S_WRITE ? SEQ_HI : word_s;
        mem_req_wdata = seq[63:32];
      end
      default: begin
        mem_req_word  = state == S_WRITE ? SEQ_LO : word_a;
        mem_req_wdata = seq[31:0];
      end
    endcase
  end
  wire req_done = mem_req_valid && mem_req_ready;

  // seq's high half: the command's (0 for a check), then with ESN the
  // inferred one. Set to all ones on its own (a synchronous set, no extra
  // LUT) for ESN inference in case A.
  wire take_cmd = state == S_IDLE && cmd_valid;
  wire h_low_in = state == S_READ && mem_rsp_valid && answered == 3'd0;
  wire h_high_in = state == S_READ && mem_rsp_valid && answered == 3'd1;
  always @(posedge clk)
    if (h_low_in && esn_check && case_a) seq[63:32] <= 32'hffffffff;
    else if (take_cmd || (h_high_in && esn_check))
      seq[63:32] <= take_cmd ? (cmd_update ? cmd_sequence[63:32] : 32'd0) : r[31:0];

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
          update         <= cmd_update;
          esn_check      <= cmd_esn && !cmd_update;
          seq[31:0]      <= cmd_sequence[31:0];
          issued         <= 3'd0;
          answered       <= 3'd0;
          state          <= S_READ;
        end
        S_READ: begin
          if (mem_rsp_valid)
            case (answered)
              3'd0: begin
                highest[31:0] <= mem_rsp_rdata;
                l_borrow      <= dl[32];
                l_case_a      <= case_a;
                l_behind      <= dl_behind;
                l_zero        <= dl[31:0] == 32'd0;
                l_small       <= dl[31:POS_BITS] == {(32 - POS_BITS) {1'b0}};
              end
              3'd1: begin
                highest[63:32] <= mem_rsp_rdata;
                h_zero         <= &r;
                h_minus_1      <= r == 33'd0;
                h_negative     <= !r[32];
                esn_invalid    <= esn_check && (l_case_a ? !r[32] : r[32]);
              end
              3'd2: begin
                stale    <= mem_rsp_rdata[WORDS-1:0];
                is_ahead <= ahead;
                is_big   <= !(dh_zero && l_small);
                is_old   <= esn_invalid || (!ahead && !d_zero && !inside_behind);
              end
              3'd3: begin
                word_s_bits <= new_s;
                seen        <= !stale[k_s] && mem_rsp_rdata[b_s];
                is_zero     <= seq == 64'd0;
              end
              default: word_a_bits <= new_a_zero ? 32'd0 : new_a;
            endcase
          if (mem_rsp_valid && answered + 1'b1 == reads) begin
            issued <= 3'd0;
            state  <= S_WRITE;
          end
        end
        default: begin  // S_WRITE: a check or a refused update ends at once
          if (req_done && issued == 3'd0) stale <= new_stale;
          if (!update || refused || (req_done && issued + 1'b1 == writes)) begin
            res_valid  <= 1'b1;
            res_status <= (is_old || is_zero) ? TOO_OLD : (!is_ahead && seen) ? REPLAY : OK;
            if (update && !refused && is_ahead) highest <= seq;
            state <= S_IDLE;
          end
        end
      endcase
    end
  end
endmodule
`default_nettype wire
