`default_nettype none
// SHA-1 compression function (FIPS 180-4, 6.1.2), one round per clock.
//
// Same shape as sha256_core (see there and docs/cores/sha1.md): the core only
// compresses; H is set with `init` (FIPS IV) or `state_load` (e.g. a
// precomputed HMAC state) and read on `state_out` while idle. Rounds 0..15
// take W[t] = M[t] straight from the stream, so a block takes 80 rounds + 1
// cycle that adds the working variables into H: 81 cycles back to back.
//
// SERIAL_FINISH = 1 (the smallest boards) adds H and the working variables
// one word per clock through the round adder instead of with five adders of
// their own: 85 cycles per block, 6 per load (the load zeroes a..e and runs
// the same five steps, which copy H into a..e). Same ports and rules.
module sha1_core #(
    // 1: message schedule history in block RAM (4 EBR), 0: in flip-flops.
    parameter W_IN_EBR = 1,
    // 1: H + a..e in five clocks through the round adder (about 220 LUT4 and
    // 160 carries fewer, 4 clocks more per block and per load).
    parameter SERIAL_FINISH = 0
) (
    input  wire         clk,
    input  wire         rst,
    // Strobes, accepted only while `idle`; `init` wins over `state_load`.
    // Either one makes the core busy for one cycle, then idle again.
    input  wire         init,        // H <= FIPS 180-4 IV
    input  wire         state_load,  // H <= state_in
    input  wire [159:0] state_in,    // H0 in [159:128] ... H4 in [31:0]
    output wire [159:0] state_out,   // H, same layout; valid while `idle`
    // Message words, big-endian as in FIPS 180-4; 16 words per block.
    input  wire [31:0]  s_axis_tdata,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire         idle,        // no block in progress, state_out valid
    output reg          block_done   // one cycle: first idle cycle after a block
);
  localparam [159:0] IV = {32'h67452301, 32'hefcdab89, 32'h98badcfe, 32'h10325476, 32'hc3d2e1f0};

  // ---------------------------------------------------------------- control
  // `round` is the round to run next; 0 while idle, so an idle core is simply
  // waiting for word 0 of the next block. `stage` = round / 20 selects f and K.
  reg  [6:0] round;
  reg  [1:0] stage;
  reg        finishing;        // cycle(s) that add the working variables into H
  reg        finishing_block;  // ... after a block (not after a load)
  reg  [2:0] finish_left;      // SERIAL_FINISH: finishing clocks after this one
  wire       finish_last = (SERIAL_FINISH == 0) || (finish_left == 3'd0);

  wire take_load   = idle && (init || state_load);
  wire word_rounds = (round[6:4] == 3'd0);  // rounds 0..15 take a stream word
  wire advance     = !finishing && (!word_rounds || (s_axis_tvalid && s_axis_tready));
  wire last_of_stage = (round == 7'd19) || (round == 7'd39) || (round == 7'd59) ||
                       (round == 7'd79);

  assign idle          = (round == 7'd0) && !finishing;
  assign s_axis_tready = word_rounds && !finishing && !take_load;

  always @(posedge clk) begin
    if ((advance && round == 7'd79) || take_load) finish_left <= 3'd4;
    else if (finishing) finish_left <= finish_left - 3'd1;
  end

  always @(posedge clk) begin
    if (rst) begin
      round           <= 7'd0;
      stage           <= 2'd0;
      finishing       <= 1'b0;
      finishing_block <= 1'b0;
      block_done      <= 1'b0;
    end else begin
      block_done <= finishing && finish_last && finishing_block;
      finishing  <= (advance && round == 7'd79) || take_load || (finishing && !finish_last);
      if (advance) begin
        round           <= (round == 7'd79) ? 7'd0 : round + 7'd1;
        finishing_block <= 1'b1;
        if (last_of_stage) stage <= stage + 2'd1;  // wraps to 0 after round 79
      end
      if (take_load) finishing_block <= 1'b0;
    end
  end

  // ------------------------------------------------------ message schedule
  wire [31:0] w_ahead;  // W[t] for rounds 16..79, computed one round early
  wire [31:0] w_t = word_rounds ? s_axis_tdata : w_ahead;
  // Only t mod 16 is needed (80 is a multiple of 16, so it wraps with round).
  wire [3:0]  next_round = advance ? round[3:0] + 4'd1 : round[3:0];

  sha1_message_schedule #(
      .W_IN_EBR(W_IN_EBR)
  ) schedule (
      .clk(clk),
      .advance(advance),
      .round(round[3:0]),
      .next_round(next_round),
      .w_t(w_t),
      .w_ahead(w_ahead)
  );

  // ------------------------------------------------------------ round logic
  reg [31:0] a, b, c, d, e;
  reg [159:0] h_state;  // the chaining value H

  reg [31:0] f, k;
  always @(*) begin
    case (stage)
      2'd0:    begin f = (b & c) | (~b & d);          k = 32'h5a827999; end
      2'd2:    begin f = (b & c) | (b & d) | (c & d); k = 32'h8f1bbcdc; end
      2'd1:    begin f = b ^ c ^ d;                   k = 32'h6ed9eba1; end
      default: begin f = b ^ c ^ d;                   k = 32'hca62c1d6; end
    endcase
  end

  generate
    if (SERIAL_FINISH == 0) begin : g_parallel_finish
      wire [31:0] temp = ({a[26:0], a[31:27]} + f) + (e + k + w_t);

      // H + working variables: the end of a block, and the copy of a loaded H
      // into the (then zeroed) working variables.
      wire [159:0] sum = {
        h_state[159:128] + a, h_state[127:96] + b, h_state[95:64] + c, h_state[63:32] + d,
        h_state[31:0] + e
      };

      always @(posedge clk) begin
        if (take_load) begin
          {a, b, c, d, e} <= 160'd0;
        end else if (finishing) begin
          {a, b, c, d, e} <= sum;
        end else if (advance) begin
          a <= temp;
          b <= a;
          c <= {b[1:0], b[31:2]};
          d <= c;
          e <= d;
        end
      end

      always @(posedge clk) begin
        if (take_load) h_state <= init ? IV : state_in;
        else if (finishing) h_state <= sum;
      end
    end else begin : g_serial_finish
      // Finishing step j (0..4) adds H[4-j] (the low word of h_state, which
      // rotates right) to e, which holds e, d, c, b, a in turn because a..e
      // shift unrotated meanwhile; the sum enters both a and the top of
      // h_state. After five steps a..e = h_state = the new H. A load zeroes
      // a..e first, so the same five steps copy the loaded H into a..e.
      // During finishing ROTL5(a) + f and K become 0 and W becomes the H word.
      wire [31:0] a_term = finishing ? 32'd0 : ({a[26:0], a[31:27]} + f);
      wire [31:0] k_term = finishing ? 32'd0 : k;
      wire [31:0] w_term = finishing ? h_state[31:0] : w_t;
      wire [31:0] temp = a_term + (e + k_term + w_term);

      always @(posedge clk) begin
        if (take_load) begin
          {a, b, c, d, e} <= 160'd0;
        end else if (finishing || advance) begin
          a <= temp;
          b <= a;
          c <= finishing ? b : {b[1:0], b[31:2]};
          d <= c;
          e <= d;
        end
      end

      always @(posedge clk) begin
        if (take_load) h_state <= init ? IV : state_in;
        else if (finishing) h_state <= {temp, h_state[159:32]};
      end
    end
  endgenerate

  assign state_out = h_state;
endmodule
`default_nettype wire
