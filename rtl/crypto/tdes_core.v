`default_nettype none
// DES and Triple-DES (TDEA EDE3, FIPS 46-3 / SP 800-67) block core, one round
// per clock: 16 cycles per block in DES mode, 48 in 3DES mode, back to back.
//
// Keys: `key_in` = K1 || K2 || K3 (K1 in [191:128], byte 0 of each key its
// most significant byte, parity bits ignored) and `triple` are sampled on a
// rising edge with `key_load` && `key_ready`; `key_ready` is high while no
// block is being processed (a key change waits for the engine to drain; a
// result waiting in the output register is not affected). A key_load while
// key_ready is low is ignored. `triple` = 0: single DES with K1 (K2, K3
// unused); `triple` = 1: EDE3 with K1, K2, K3 (keying option 1; K1 = K2 = K3
// is keying option 3 and gives single DES in 48 cycles).
//
// Blocks: AXI-Stream. `s_axis_tdata` (byte 0 = [63:56]) and `s_axis_tuser`
// (1 = decrypt) are taken on an edge with tvalid && tready. `s_axis_tready` is
// low while `key_load` is high, so a block never races a key change. The
// result appears in an output register after exactly 16 (DES) / 48 (3DES)
// edges; the next block is accepted on the edge that fills it, so blocks
// stream back to back. Only when the output register is still full at the
// end of a block does the engine wait (tready depends on registers only,
// never combinationally on m_axis_tready).
//
// The three passes of 3DES chain without FP/IP (they cancel); the swap that
// ends each DES pass is done by not swapping the halves in a pass's last round.
module tdes_core (
    input  wire         clk,
    input  wire         rst,
    // key
    input  wire [191:0] key_in,
    input  wire         triple,
    input  wire         key_load,
    output wire         key_ready,
    // blocks in
    input  wire [63:0]  s_axis_tdata,
    input  wire         s_axis_tuser,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    // blocks out
    output reg  [63:0]  m_axis_tdata,
    output reg          m_axis_tvalid,
    input  wire         m_axis_tready
);
  // ---- key store: the three keys after PC-1 (the parity bits are dropped) ----
  wire [55:0] k1_in, k2_in, k3_in;
  des_pc1 pc1_k1 (.key(key_in[191:128]), .key_cd(k1_in));
  des_pc1 pc1_k2 (.key(key_in[127:64]),  .key_cd(k2_in));
  des_pc1 pc1_k3 (.key(key_in[63:0]),    .key_cd(k3_in));

  reg  [55:0] k1, k2, k3;
  reg         triple_mode;

  // ---- control ----
  reg         busy;         // a block is in the rounds
  reg  [3:0]  round;        // round within the current DES pass, 0..15
  reg  [1:0]  pass;         // DES pass within the block, 0..2 (3DES)
  reg         decrypt;      // direction of the block (of its first pass)
  // Round 0 of an encrypt pass, registered so that the key path does not wait on
  // the pass/direction decode (it feeds the key mux in front of the S-boxes).
  reg         first_encrypt_round;

  wire last_round    = (round == 4'd15);
  wire last_pass     = !triple_mode || (pass == 2'd2);
  wire finishing     = busy && last_round && last_pass;
  wire stall         = finishing && m_axis_tvalid;   // result has nowhere to go yet
  wire advance       = busy && !stall;
  wire pass_boundary = busy && last_round && !last_pass;
  // EDE: the middle pass runs in the other direction.
  wire pass_decrypt  = decrypt ^ (pass == 2'd1);

  assign key_ready     = !busy;
  assign s_axis_tready = !key_load && (!busy || (finishing && !m_axis_tvalid));
  wire   accept        = s_axis_tvalid && s_axis_tready;
  wire   key_accept    = key_load && !busy;

  // Key of the first pass: K1 (encrypt, or single DES), K3 (3DES decrypt).
  wire [55:0] first_key = (triple_mode && s_axis_tuser) ? k3 : k1;
  // Key of the next pass: always K2 in the middle, then K3 (encrypt) or K1.
  wire [55:0] next_key  = (pass == 2'd0) ? k2 : (decrypt ? k1 : k3);

  // ---- round keys ----
  wire [47:0] round_key;
  des_key_schedule key_schedule (
      .clk          (clk),
      .load         (accept || pass_boundary),
      .pass_key_cd  (accept ? first_key : next_key),
      .advance      (advance),
      .rotate_right (pass_decrypt),
      // Rotate by one after rounds 8 and 15 (and, decrypting, after round 1:
      // C16 -> C15); by two after every other round, including the first
      // encrypt round, which goes C0 -> C2 (see des_key_schedule).
      .shift_two    (!((round == 4'd7) || (round == 4'd14) || (pass_decrypt && round == 4'd0))),
      .peek_left_one(first_encrypt_round),
      .round_key    (round_key)
  );

  // ---- data path: L and R halves ----
  wire [63:0] block_ip;
  des_initial_permutation ip (.block_in(s_axis_tdata), .block_out(block_ip));

  reg  [31:0] left, right;
  wire [31:0] f_out;
  des_round_function round_function (.right(right), .round_key(round_key), .f_out(f_out));
  wire [31:0] mixed = left ^ f_out;

  // The last round of a DES pass does not swap: its output (pre-FP) is
  // mixed || right, which is also the next pass's L0 || R0.
  wire [63:0] block_fp;
  des_final_permutation fp (.block_in({mixed, right}), .block_out(block_fp));

  always @(posedge clk) begin
    if (key_accept) begin
      k1 <= k1_in;
      k2 <= k2_in;
      k3 <= k3_in;
    end

    if (accept) begin
      left  <= block_ip[63:32];
      right <= block_ip[31:0];
    end else if (advance) begin
      if (pass_boundary) begin
        left <= mixed;
      end else begin
        left  <= right;
        right <= mixed;
      end
    end

    if (accept) decrypt <= s_axis_tuser;

    // The pass after this one encrypts when pass 0 -> 1 of a decrypt block (the
    // middle pass is inverted) or pass 1 -> 2 of an encrypt block.
    if (accept) first_encrypt_round <= !s_axis_tuser;
    else if (advance) first_encrypt_round <= pass_boundary && (decrypt ^ (pass == 2'd1));

    if (finishing && !m_axis_tvalid) m_axis_tdata <= block_fp;
  end

  always @(posedge clk) begin
    if (rst) begin
      busy          <= 1'b0;
      round         <= 4'd0;
      pass          <= 2'd0;
      triple_mode   <= 1'b0;
      m_axis_tvalid <= 1'b0;
    end else begin
      if (key_accept) triple_mode <= triple;

      if (accept) begin
        busy  <= 1'b1;
        round <= 4'd0;
        pass  <= 2'd0;
      end else if (advance) begin
        round <= round + 4'd1;
        if (pass_boundary) pass <= pass + 2'd1;
        if (finishing) busy <= 1'b0;
      end

      if (finishing && !m_axis_tvalid) m_axis_tvalid <= 1'b1;
      else if (m_axis_tready) m_axis_tvalid <= 1'b0;
    end
  end
endmodule
`default_nettype wire
