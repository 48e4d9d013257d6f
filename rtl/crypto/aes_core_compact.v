`default_nettype none
// AES block cipher core for small FPGAs (FIPS-197): AES-128 and AES-256,
// encrypt and decrypt, with the ports and handshake of aes_core
// (docs/cores/aes.md) so that either can serve the ESP engine. It trades
// clocks for area: a 32-bit datapath computes one column per clock, with
// four S-box lookups per clock from EBR and the round keys in EBR.
// Architecture, exact cycle counts and resources: docs/cores/aes-compact.md.
//
// A block takes 5 Nr + 5 clocks (55 for AES-128, 75 for AES-256) from the
// accepting edge to the edge that can deliver it:
//   round 0 (4 clocks):      column c of the state ^= round key word c
//   rounds 1..Nr (5 clocks): clocks 0-3 send one byte per row (ShiftRows or
//                            InvShiftRows) to the S-box lanes, clocks 1-4
//                            write the new column computed from the lanes.
// The last round writes its columns into the output register instead of the
// state, so (as in aes_core) the next block is taken while a result waits,
// and s_axis_tready never depends on m_axis_tready (cbc_cipher relies on
// both). A block whose last round would start while the previous result is
// still in the output register waits there until that result is taken.
// key_size 1 (AES-192) and 3 are refused: key_ready stays low until a key of
// a supported size is loaded.
module aes_core_compact (
    input  wire         clk,
    input  wire         rst,
    input  wire [255:0] key_in,
    input  wire [  1:0] key_size,       // 0 = AES-128, 2 = AES-256
    input  wire         key_load,       // sampled every clock, also while busy
    output wire         key_ready,      // round keys complete; blocks only then
    input  wire [127:0] s_axis_tdata,
    input  wire         s_axis_tuser,   // 1 = decrypt
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire [127:0] m_axis_tdata,
    output wire         m_axis_tuser,
    output wire         m_axis_tvalid,
    input  wire         m_axis_tready
);
  reg        busy;        // a block is in the rounds
  reg        result_valid;
  reg [127:0] result;     // output register, byte 0 in [127:120]
  reg        decrypt;
  reg        result_decrypt;
  reg  [3:0] round;       // 0 .. Nr
  reg  [2:0] phase;       // 0..3 in round 0, 0..4 in the others
  reg  [3:0] key_round;   // round key in use: round (encrypt) or Nr - round (decrypt)
  // Row r's state byte for the column of this clock sits in slot
  // (phase + base_r) mod 4; base_r moves by the row's rotation each round.
  reg  [1:0] base0, base1, base2, base3;

  wire       aes256;
  wire       expanding;
  wire [3:0] last_round = aes256 ? 4'd14 : 4'd10;
  wire       first = round == 4'd0;
  wire       last = round == last_round;
  // The last round starts only when the output register is free (or being
  // emptied on this edge): its clock 0 repeats until then.
  wire       result_free = !result_valid || m_axis_tready;
  wire       hold = last && phase == 3'd0 && !result_free;
  wire       round_end = first ? phase == 3'd3 : phase == 3'd4;

  assign s_axis_tready = key_ready && !busy;
  wire accept = s_axis_tvalid && s_axis_tready;

  // Per-row slot steps: after round 0 ShiftRows (+r) or InvShiftRows (-r),
  // after the later rounds one more, because each new byte lands in the slot
  // read one clock later than its column's own.
  wire [1:0] row1_step = decrypt ? 2'd3 : 2'd1;
  wire [1:0] row3_step = decrypt ? 2'd1 : 2'd3;
  wire [1:0] round_extra = first ? 2'd0 : 2'd1;

  always @(posedge clk) begin
    if (busy && round_end && last) result_decrypt <= decrypt;
    if (accept) begin
      decrypt <= s_axis_tuser;
      round <= 4'd0;
      phase <= 3'd0;
      key_round <= s_axis_tuser ? last_round : 4'd0;
      base0 <= 2'd0;
      base1 <= 2'd0;
      base2 <= 2'd0;
      base3 <= 2'd0;
    end else if (busy) begin
      if (round_end) begin
        round <= round + 4'd1;
        phase <= 3'd0;
        key_round <= decrypt ? key_round - 4'd1 : key_round + 4'd1;
        base0 <= base0 + round_extra;
        base1 <= base1 + row1_step + round_extra;
        base2 <= base2 + 2'd2 + round_extra;
        base3 <= base3 + row3_step + round_extra;
      end else if (!hold) begin
        phase <= phase + 3'd1;
      end
    end
    if (rst) begin
      busy <= 1'b0;
      result_valid <= 1'b0;
    end else begin
      if (accept) busy <= 1'b1;
      else if (busy && round_end && last) busy <= 1'b0;
      if (busy && round_end && last) result_valid <= 1'b1;
      else if (m_axis_tready) result_valid <= 1'b0;
    end
  end

  // Round-key word for the next clock: round 0 adds word c in its clock c,
  // the other rounds in clock c + 1. While idle, word 0 of the first round
  // key of the direction offered is read, so a block can start at once.
  reg [5:0] key_read_index;
  always @* begin
    if (!busy) key_read_index = {s_axis_tuser ? last_round : 4'd0, 2'd0};
    else if (first) key_read_index = {key_round, phase[1:0] + 2'd1};
    else key_read_index = {key_round, phase[1:0]};
  end

  wire [31:0] round_key;
  wire        ram_write;
  wire [ 5:0] ram_write_index;
  wire [31:0] ram_write_word;
  aes_compact_key_ram u_key_ram (
      .clk(clk),
      .write(ram_write),
      .write_index(ram_write_index),
      .write_word(ram_write_word),
      .read_index(key_read_index),
      .read_word(round_key)
  );

  wire [31:0] tap;
  wire [31:0] schedule_word;
  wire [63:0] sbox;
  genvar r;
  generate
    for (r = 0; r < 4; r = r + 1) begin : g_lane
      aes_sbox_rom u_sbox (
          .clk(clk),
          .en(1'b1),
          .addr(expanding ? schedule_word[31-8*r-:8] : tap[31-8*r-:8]),
          .data(sbox[63-16*r-:16])
      );
    end
  endgenerate

  wire [31:0] sbox_forward = {sbox[55:48], sbox[39:32], sbox[23:16], sbox[7:0]};
  wire [31:0] sbox_inverse = {sbox[63:56], sbox[47:40], sbox[31:24], sbox[15:8]};
  wire [31:0] sbox_lanes = decrypt ? sbox_inverse : sbox_forward;
  aes_compact_key_schedule u_schedule (
      .clk(clk),
      .rst(rst),
      .key_in(key_in),
      .key_size(key_size),
      .key_load(key_load),
      .rounds_idle(!busy),
      .key_ready(key_ready),
      .expanding(expanding),
      .aes256(aes256),
      .sbox_word(schedule_word),
      .sbox_forward(sbox_forward),
      .ram_write(ram_write),
      .ram_write_index(ram_write_index),
      .ram_write_word(ram_write_word)
  );

  wire [31:0] new_column;
  aes_compact_column u_column (
      .sbox(sbox),
      .round_key(round_key),
      .tap(tap),
      .decrypt(decrypt),
      .first_round(first),
      .column(new_column)
  );

  // Round 0 writes in every clock, the others from clock 1 on; the last
  // round's columns go to the output register, column c in clock c + 1.
  wire write = busy && !last && (first || phase != 3'd0);
  wire write_result = busy && last && phase != 3'd0;
  // The last round has no MixColumns: its column is S(a) ^ k in either
  // direction (S^-1 when decrypting). The columns come in order 0..3 and
  // shift into the register from the low end, so only the newest column's
  // flip-flops take the XOR (in their own logic cells); a column-addressed
  // write would share each XOR between four cells and cost 32 more.
  wire [31:0] last_column = sbox_lanes ^ round_key;
  always @(posedge clk) begin
    if (write_result) result <= {result[95:0], last_column};
  end

  wire [1:0] slot = phase[1:0];
  aes_compact_state u_state (
      .clk(clk),
      .load(accept),
      .block(s_axis_tdata),
      .write(write),
      .column(new_column),
      .slot_select({slot + base0, slot + base1, slot + base2, slot + base3}),
      .tap(tap)
  );

  assign m_axis_tdata = result;
  assign m_axis_tuser = result_decrypt;
  assign m_axis_tvalid = result_valid;
endmodule
`default_nettype wire
