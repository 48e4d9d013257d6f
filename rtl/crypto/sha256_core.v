`default_nettype none
// SHA-256 compression function (FIPS 180-4, 6.2.2), one round per clock.
//
// The core only compresses: padding and length are the caller's job. The
// chaining value H can be set to the FIPS IV (`init`) or to any value
// (`state_load`, e.g. a precomputed HMAC inner/outer state) and is read on
// `state_out` whenever the core is idle.
//
// Rounds 0..15 use W[t] = M[t], so the 16 message words are consumed one per
// round straight from the stream: a block takes 64 rounds + 1 cycle that adds
// the working variables into H, i.e. 65 cycles back to back. A missing word
// stalls the round. See docs/cores/sha256.md for the timing.
module sha256_core #(
    // 1: message schedule history in block RAM (4 EBR), 0: in flip-flops.
    parameter W_IN_EBR = 1
) (
    input  wire         clk,
    input  wire         rst,
    // Strobes, accepted only while `idle`; `init` wins over `state_load`.
    // Either one makes the core busy for one cycle, then idle again.
    input  wire         init,        // H <= FIPS 180-4 IV
    input  wire         state_load,  // H <= state_in
    input  wire [255:0] state_in,    // H0 in [255:224] ... H7 in [31:0]
    output wire [255:0] state_out,   // H, same layout; valid while `idle`
    // Message words, big-endian as in FIPS 180-4; 16 words per block.
    input  wire [31:0]  s_axis_tdata,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire         idle,        // no block in progress, state_out valid
    output reg          block_done   // one cycle: first idle cycle after a block
);
  localparam [255:0] IV = {
    32'h6a09e667, 32'hbb67ae85, 32'h3c6ef372, 32'ha54ff53a,
    32'h510e527f, 32'h9b05688c, 32'h1f83d9ab, 32'h5be0cd19
  };

  // ---------------------------------------------------------------- control
  // `round` is the round to run next. It is 0 while idle, so an idle core is
  // simply waiting for word 0 of the next block.
  reg  [5:0] round;
  reg        finishing;        // cycle that adds the working variables into H
  reg        finishing_block;  // ... after a block (not after a load)

  wire take_load   = idle && (init || state_load);
  wire word_rounds = (round[5:4] == 2'd0);  // rounds 0..15 take a stream word
  wire advance     = !finishing && (!word_rounds || (s_axis_tvalid && s_axis_tready));

  assign idle          = (round == 6'd0) && !finishing;
  assign s_axis_tready = word_rounds && !finishing && !take_load;

  always @(posedge clk) begin
    if (rst) begin
      round           <= 6'd0;
      finishing       <= 1'b0;
      finishing_block <= 1'b0;
      block_done      <= 1'b0;
    end else begin
      block_done <= finishing && finishing_block;
      finishing  <= (advance && round == 6'd63) || take_load;
      if (advance) begin
        round           <= round + 6'd1;  // wraps to 0 after round 63
        finishing_block <= 1'b1;
      end
      if (take_load) finishing_block <= 1'b0;
    end
  end

  // ------------------------------------------------------ message schedule
  wire [31:0] w_ahead;  // W[t] for rounds 16..63, computed one round early
  wire [31:0] w_t = word_rounds ? s_axis_tdata : w_ahead;
  wire [5:0]  next_round = advance ? round + 6'd1 : round;

  sha256_message_schedule #(
      .W_IN_EBR(W_IN_EBR)
  ) schedule (
      .clk(clk),
      .advance(advance),
      .round(round[3:0]),
      .next_round(next_round[3:0]),
      .w_t(w_t),
      .w_ahead(w_ahead)
  );

  // ---------------------------------------------------------- round constants
  // K[round] is read from a ROM (block RAM on iCE40) one cycle ahead.
  wire [31:0] k;
  sha256_k_rom k_rom (.clk(clk), .addr(next_round), .k(k));

  // ------------------------------------------------------------ round logic
  reg [31:0] a, b, c, d, e, f, g, h;
  reg [255:0] h_state;  // the chaining value H

  function [31:0] big_sigma0(input [31:0] x);
    big_sigma0 = {x[1:0], x[31:2]} ^ {x[12:0], x[31:13]} ^ {x[21:0], x[31:22]};
  endfunction
  function [31:0] big_sigma1(input [31:0] x);
    big_sigma1 = {x[5:0], x[31:6]} ^ {x[10:0], x[31:11]} ^ {x[24:0], x[31:25]};
  endfunction

  wire [31:0] ch  = (e & f) ^ (~e & g);
  wire [31:0] maj = (a & b) ^ (a & c) ^ (b & c);
  wire [31:0] t1  = (h + k + w_t) + (big_sigma1(e) + ch);
  wire [31:0] t2  = big_sigma0(a) + maj;

  // H + working variables: the end of a block, and the copy of a loaded H
  // into the (then zeroed) working variables.
  wire [255:0] sum = {
    h_state[255:224] + a, h_state[223:192] + b, h_state[191:160] + c, h_state[159:128] + d,
    h_state[127:96]  + e, h_state[95:64]   + f, h_state[63:32]   + g, h_state[31:0]    + h
  };

  always @(posedge clk) begin
    if (take_load) begin
      {a, b, c, d, e, f, g, h} <= 256'd0;
    end else if (finishing) begin
      {a, b, c, d, e, f, g, h} <= sum;
    end else if (advance) begin
      a <= t1 + t2;
      b <= a;
      c <= b;
      d <= c;
      e <= d + t1;
      f <= e;
      g <= f;
      h <= g;
    end
  end

  always @(posedge clk) begin
    if (take_load) h_state <= init ? IV : state_in;
    else if (finishing) h_state <= sum;
  end

  assign state_out = h_state;
endmodule
`default_nettype wire
