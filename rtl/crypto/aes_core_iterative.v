`default_nettype none
// AES, one round per clock (the UNROLL = 0 body of aes_core; see aes_core.v
// and docs/cores/aes.md for the ports and timing).
//
// 16 S-box ROM lanes (one EBR each) are the round register: each clock they
// are addressed with the next round's (Inv)ShiftRows-permuted state, computed
// by aes_round_function from their own outputs and the round key. Round keys
// come from aes_round_key_ram (8 EBRs), read one clock ahead.
//
// A block is accepted only in a clock where the round key read last clock is
// its first one (rk0 to encrypt, rk[Nr] to decrypt). While no block is in
// flight the core reads the first key of the direction on s_axis_tuser (or,
// with s_axis_tvalid low, of the last direction), so a waiting block is taken
// without a bubble; a block whose tvalid rises together with a direction
// change waits one clock (s_axis_tready low while its tuser differs).
module aes_core_iterative (
    input  wire         clk,
    input  wire         rst,
    input  wire [255:0] key_in,
    input  wire [  1:0] key_size,
    input  wire         key_load,
    output wire         key_ready,
    input  wire [127:0] s_axis_tdata,
    input  wire         s_axis_tuser,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output reg  [127:0] m_axis_tdata,
    output reg          m_axis_tuser,
    output reg          m_axis_tvalid,
    input  wire         m_axis_tready
);
  reg         busy;  // the ROM outputs hold a block's state
  reg  [ 3:0] round;  // 1..Nr while busy: the round whose SubBytes the ROMs hold
  reg         decrypt;  // the block's direction, or while idle the prefetched one

  wire [ 1:0] key_size_active;
  wire [ 3:0] rounds = key_size_active == 2'd0 ? 4'd10 : key_size_active == 2'd1 ? 4'd12 : 4'd14;

  wire        last_round = busy && round == rounds;
  wire        stall = last_round && m_axis_tvalid && !m_axis_tready;
  assign s_axis_tready = !busy && key_ready && !(s_axis_tvalid && s_axis_tuser != decrypt);
  wire accept = s_axis_tvalid && s_axis_tready;

  // Round and direction of the next clock, and the round key it will need.
  wire busy_next = accept || (busy && !(last_round && !stall));
  wire [3:0] round_next = accept ? 4'd1 : (busy && !last_round) ? round + 4'd1 : last_round && stall ? round : 4'd0;
  wire decrypt_next = busy_next ? decrypt : s_axis_tvalid ? s_axis_tuser : decrypt;
  wire [3:0] key_round_next = decrypt_next ? rounds - round_next : round_next;

  // Key expansion, borrowing ROM lanes 0..3 while the datapath is empty.
  wire        kx_sbox_claim;
  wire [31:0] kx_sbox_addr;
  wire        kx_write;
  wire [ 5:0] kx_word_index;
  wire [31:0] kx_word;
  wire [255:0] sbox_q;

  aes_key_expansion u_key_expansion (
      .clk(clk),
      .rst(rst),
      .key_in(key_in),
      .key_size(key_size),
      .key_load(key_load),
      .datapath_idle(!busy),
      .sbox_claim(kx_sbox_claim),
      .sbox_addr(kx_sbox_addr),
      .sbox_data({sbox_q[247:240], sbox_q[231:224], sbox_q[215:208], sbox_q[199:192]}),
      .rk_write(kx_write),
      .rk_word_index(kx_word_index),
      .rk_word(kx_word),
      .key_size_active(key_size_active),
      .key_ready(key_ready)
  );

  wire [127:0] round_key;
  aes_round_key_ram u_round_keys (
      .clk(clk),
      .write(kx_write),
      .write_word_index(kx_word_index),
      .write_word(kx_word),
      .read_round(key_round_next),
      .read_key(round_key)
  );

  wire [127:0] next_sbox_addr;
  wire [127:0] block_out;
  aes_round_function u_round (
      .decrypt(decrypt),
      .use_block_in(!busy),
      .block_in(s_axis_tdata),
      .sbox_q(sbox_q),
      .round_key(round_key),
      .next_sbox_addr(next_sbox_addr),
      .block_out(block_out)
  );

  wire [127:0] sbox_addr = kx_sbox_claim ? {kx_sbox_addr, next_sbox_addr[95:0]} : next_sbox_addr;
  genvar n;
  generate
    for (n = 0; n < 16; n = n + 1) begin : g_lane
      aes_sbox_rom u_sbox (
          .clk (clk),
          .en  (!stall),
          .addr(sbox_addr[127-8*n-:8]),
          .data(sbox_q[255-16*n-:16])
      );
    end
  endgenerate

  always @(posedge clk) begin
    if (last_round && !stall) begin
      m_axis_tdata <= block_out;
      m_axis_tuser <= decrypt;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      busy <= 1'b0;
      round <= 4'd0;
      decrypt <= 1'b0;
      m_axis_tvalid <= 1'b0;
    end else begin
      busy <= busy_next;
      round <= round_next;
      decrypt <= decrypt_next;
      if (last_round && !stall) m_axis_tvalid <= 1'b1;
      else if (m_axis_tready) m_axis_tvalid <= 1'b0;
    end
  end
endmodule
`default_nettype wire
