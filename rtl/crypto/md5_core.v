`default_nettype none
// MD5 compression function (RFC 1321), one step per clock, with a loadable
// and readable chaining state so HMAC-MD5's inner and outer states can be
// computed once per SA and reused for every packet. Padding is the caller's.
//
// Words: every 32-bit value is the number RFC 1321 calls a word. Message
// word M[i] = bytes 4i..4i+3 of the block read little-endian (byte 4i in
// bits 7:0). state_in/state_out = {A, B, C, D}, A in bits 127:96; the digest
// bytes are A, B, C, D each written little-endian (A[7:0] first).
//
// Timing (see docs/cores/md5.md): the word of step i is taken while step i-1
// runs, so a block is 65 cycles from word 0 to block_done, and blocks follow
// each other every 64 cycles when word 0 of the next block is offered during
// the last step of the current one.
module md5_core #(
    parameter K_IN_EBR   = 1,  // step constants: 1 = two EBRs, 0 = ~240 LUTs
    parameter MSG_IN_EBR = 1   // message words: 1 = two EBRs, 0 = 512 FFs
) (
    input  wire         clk,
    input  wire         rst,
    // Chaining state: init loads the RFC 1321 IV, state_load loads state_in.
    // Both are accepted only while idle; init wins if both are high. While
    // either is high, s_axis_tready is low.
    input  wire         init,
    input  wire         state_load,
    input  wire [127:0] state_in,
    output wire [127:0] state_out,  // valid while idle and from block_done on
    // Message words M[0..15] of each block, in order.
    input  wire [31:0]  s_axis_tdata,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire         busy,
    output wire         idle,
    output reg          block_done   // one cycle, when state_out is the new state
);
  localparam [127:0] MD5_IV = {32'h67452301, 32'hefcdab89, 32'h98badcfe, 32'h10325476};

  // Control ------------------------------------------------------------------
  // `step` is the step executing this cycle (while `running`). Each cycle
  // also makes T (see Datapath) of step `sum_index` (step + 1, or 0 when
  // idle: word 0 of a block is taken while idle or during step 63 of the
  // previous block), which needs message word sum_index.
  reg        running;
  reg  [5:0] step;
  reg  [5:0] sum_index;
  reg        last_step;  // running step 63; a register as b_base needs it early
  wire       sum_from_stream = (sum_index[5:4] == 2'd0);  // steps 0..15 take M[i] in order
  wire       load_request = (init || state_load) && !running;

  assign s_axis_tready = sum_from_stream && !load_request;
  wire word_taken = s_axis_tvalid && s_axis_tready;
  // The next sum can be made: its word arrived, or it comes from memory.
  wire sum_enable = word_taken || !sum_from_stream;
  // Steps 0..14 wait for the next word; the last step never waits.
  wire advance = running && (sum_enable || last_step);

  wire       running_next = running ? (!last_step || word_taken) : word_taken;
  wire [5:0] step_next = advance ? step + 6'd1 : step;  // 63 wraps to 0
  wire [5:0] sum_index_next = !running_next ? 6'd0 : (sum_enable ? sum_index + 6'd1 : sum_index);

  always @(posedge clk) begin
    if (rst) begin
      running <= 1'b0;
      step <= 6'd0;
      sum_index <= 6'd0;
      last_step <= 1'b0;
      block_done <= 1'b0;
    end else begin
      running <= running_next;
      step <= step_next;
      sum_index <= sum_index_next;
      last_step <= running_next && (step_next == 6'd63);
      block_done <= last_step;
    end
  end

  assign busy = running;
  assign idle = !running;

  // Message words and constants: registered reads (EBR), so the address is
  // the one of the next cycle's sum. For K that is sum_index_next: the
  // stream may stall the sum. Stored words are only read for sums 16..63,
  // which never stall, so their address is simply g(sum_index + 1), which
  // depends on registers only.
  function [3:0] message_index;  // g(i) of RFC 1321 for step i
    input [5:0] i;
    case (i[5:4])
      2'd0: message_index = i[3:0];
      2'd1: message_index = 4'd5 * i[3:0] + 4'd1;
      2'd2: message_index = 4'd3 * i[3:0] + 4'd5;
      default: message_index = 4'd7 * i[3:0];
    endcase
  endfunction

  wire [31:0] stored_word;
  wire [31:0] k_value;

  md5_msg_ram #(
      .USE_EBR(MSG_IN_EBR)
  ) message_words (
      .clk    (clk),
      .wr_en  (word_taken),
      .wr_addr(sum_index[3:0]),
      .wr_data(s_axis_tdata),
      .rd_addr(message_index(sum_index + 6'd1)),
      .rd_data(stored_word)
  );

  md5_k_rom #(
      .USE_EBR(K_IN_EBR)
  ) step_constants (
      .clk (clk),
      .addr(sum_index_next),
      .data(k_value)
  );

  // Datapath -----------------------------------------------------------------
  // Working variables a..d; h_a..h_d hold the chaining value the block
  // started from. Every write of h also writes a..d, so a..d == h while idle.
  //
  // Step i is new_b = b + rotl(T[i], s[i]) with T[i] = A + F(b, c, d) + K[i]
  // + M[g(i)]. The register sits on T, not on b: the cycle of step i makes
  // b[i+1] and then T[i+1] = (A + K + M) + F(b[i+1], b[i], c[i]) at once.
  // Bit j of F needs only bit j of b[i+1], so the second carry chain ripples
  // right behind the first one instead of after it: the critical path is
  // rotate (3 LUTs) + one 32-bit carry chain + F + a few carries.
  reg [31:0] a, b, c, d;
  reg [31:0] h_a, h_b, h_c, h_d;
  reg [31:0] t;  // T of the step running next

  assign state_out = {h_a, h_b, h_c, h_d};

  // The last step also adds the chaining value (feed-forward). Its results
  // are also the state that step 0 of a next block starts from.
  wire [31:0] fed_a = h_a + d;
  wire [31:0] fed_c = h_c + b;
  wire [31:0] fed_d = h_d + c;

  wire [127:0] load_value = init ? MD5_IV : state_in;
  wire         state_enable = load_request || advance;
  reg  [31:0]  a_next, c_next, d_next;
  always @* begin
    if (load_request) {a_next, c_next, d_next} = {load_value[127:96], load_value[63:0]};
    else if (last_step) {a_next, c_next, d_next} = {fed_a, fed_c, fed_d};
    else {a_next, c_next, d_next} = {d, b, c};
  end

  // One-hot rotation amount of the step running next; all zero when idle,
  // which makes new_b below = b_base.
  reg [15:0] rotate_select;
  always @(posedge clk) begin
    if (rst || !running_next) rotate_select <= 16'd0;
    else rotate_select <= 16'd1 << {step_next[5:4], step_next[1:0]};
  end

  wire [31:0] rotated;
  md5_rotate rotate (
      .select (rotate_select),
      .value  (t),
      .rotated(rotated)
  );

  // A load goes through the same adder (b_base = the loaded value, rotated
  // is 0 while idle), so no mux sits after the carry chain.
  wire [31:0] b_base = load_request ? load_value[95:64] : (last_step ? h_b + b : b);
  wire [31:0] new_b = b_base + rotated;

  always @(posedge clk) begin
    if (state_enable) {a, b, c, d} <= {a_next, new_b, c_next, d_next};
    if (load_request || last_step) {h_a, h_b, h_c, h_d} <= {a_next, new_b, c_next, d_next};
  end

  // T of step sum_index: its A, c and d are those after the step running
  // now (or the state itself while idle), its b is new_b.
  function [31:0] md5_f;  // RFC 1321's F, G, H, I for round 0..3
    input [1:0] round;
    input [31:0] x, y, z;
    case (round)
      2'd0: md5_f = (x & y) | (~x & z);
      2'd1: md5_f = (x & z) | (y & ~z);
      2'd2: md5_f = x ^ y ^ z;
      default: md5_f = y ^ (x | ~z);
    endcase
  endfunction

  wire [31:0] sum_a = !running ? a : a_next;
  wire [31:0] sum_c = !running ? c : c_next;
  wire [31:0] sum_d = !running ? d : d_next;
  wire [31:0] sum_word = sum_from_stream ? s_axis_tdata : stored_word;
  // `keep` holds this structure against ABC: F is one LUT choosing by new_b
  // between two halves that settle early, and it is added last, after the
  // chains of A + K + M.
  (* keep *) wire [31:0] f_if_b_set = md5_f(sum_index[5:4], 32'hffffffff, sum_c, sum_d);
  (* keep *) wire [31:0] f_if_b_clear = md5_f(sum_index[5:4], 32'h00000000, sum_c, sum_d);
  (* keep *) wire [31:0] f = (new_b & f_if_b_set) | (~new_b & f_if_b_clear);
  (* keep *) wire [31:0] sum_akm = sum_a + k_value + sum_word;
  wire [31:0] t_next;
  md5_add32 add_f (
      .x  (sum_akm),
      .y  (f),
      .sum(t_next)
  );

  always @(posedge clk) begin
    if (sum_enable) t <= t_next;
  end
endmodule
`default_nettype wire
