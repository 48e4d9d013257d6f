`default_nettype none
// AES, fully unrolled and pipelined: one block per clock (the UNROLL = 1 body
// of aes_core; see aes_core.v and docs/cores/aes.md). Meant for large FPGAs:
// 14 banks of 16 S-box ROM lanes (224 block RAMs) and the round keys in
// registers.
//
// Bank k-1's ROM outputs hold round k's SubBytes (stage k, k = 1..14); stage
// k's aes_round_function turns them into bank k's addresses with round key k
// (encrypt) or Nr-k (decrypt), each block carrying its own direction. The
// block leaves at stage Nr = 10/12/14. One global enable stalls every stage
// while the output register is full and not taken.
module aes_core_unrolled (
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
  localparam integer MAX_ROUNDS = 14;

  wire [1:0] key_size_active;
  wire [3:0] rounds = key_size_active == 2'd0 ? 4'd10 : key_size_active == 2'd1 ? 4'd12 : 4'd14;

  // stage_valid[k] / stage_decrypt[k]: a block is in bank k-1's outputs.
  reg [MAX_ROUNDS:1] stage_valid;
  reg [MAX_ROUNDS:1] stage_decrypt;
  reg [MAX_ROUNDS:1] stage_live;  // stages 1..Nr
  integer k;
  always @* begin
    for (k = 1; k <= MAX_ROUNDS; k = k + 1) stage_live[k] = k <= rounds;
  end

  wire advance = !m_axis_tvalid || m_axis_tready;
  assign s_axis_tready = key_ready && advance;
  wire accept = s_axis_tvalid && s_axis_tready;

  // Key expansion into registers, borrowing bank 0's lanes 0..3 while empty.
  wire        kx_sbox_claim;
  wire [31:0] kx_sbox_addr;
  wire        kx_write;
  wire [ 5:0] kx_word_index;
  wire [31:0] kx_word;
  wire [255:0] bank_q[0:MAX_ROUNDS-1];

  aes_key_expansion u_key_expansion (
      .clk(clk),
      .rst(rst),
      .key_in(key_in),
      .key_size(key_size),
      .key_load(key_load),
      .datapath_idle(~|(stage_valid & stage_live)),
      .sbox_claim(kx_sbox_claim),
      .sbox_addr(kx_sbox_addr),
      .sbox_data({bank_q[0][247:240], bank_q[0][231:224], bank_q[0][215:208], bank_q[0][199:192]}),
      .rk_write(kx_write),
      .rk_word_index(kx_word_index),
      .rk_word(kx_word),
      .key_size_active(key_size_active),
      .key_ready(key_ready)
  );

  reg [31:0] round_key_words[0:4*MAX_ROUNDS+3];
  always @(posedge clk) begin
    if (kx_write) round_key_words[kx_word_index] <= kx_word;
  end
  wire [127:0] round_key[0:MAX_ROUNDS];
  genvar r;
  generate
    for (r = 0; r <= MAX_ROUNDS; r = r + 1) begin : g_round_key
      assign round_key[r] = {
        round_key_words[4*r], round_key_words[4*r+1], round_key_words[4*r+2], round_key_words[4*r+3]
      };
    end
  endgenerate

  // Stage s (0 = the accepted block, 1..14 = bank s-1's outputs) addresses
  // bank s. Only stages 10, 12 and 14 can be a last round: the other
  // block_out values are computed but unused, and stage 14 addresses no bank.
  /* verilator lint_off UNUSEDSIGNAL */
  wire [127:0] stage_addr[0:MAX_ROUNDS];
  wire [127:0] stage_out[0:MAX_ROUNDS];
  /* verilator lint_on UNUSEDSIGNAL */
  genvar s, n;
  generate
    for (s = 0; s <= MAX_ROUNDS; s = s + 1) begin : g_stage
      // Decrypt uses round key Nr - s; stages past the last round get rk0.
      wire [127:0] key_decrypt =
          key_size_active == 2'd0 ? round_key[(s <= 10) ? 10 - s : 0] :
          key_size_active == 2'd1 ? round_key[(s <= 12) ? 12 - s : 0] : round_key[14-s];
      wire decrypt = s == 0 ? s_axis_tuser : stage_decrypt[(s == 0) ? 1 : s];
      aes_round_function u_round (
          .decrypt(decrypt),
          .use_block_in(s == 0),
          .block_in(s_axis_tdata),
          .sbox_q(s == 0 ? 256'd0 : bank_q[(s == 0) ? 0 : s-1]),
          .round_key(decrypt ? key_decrypt : round_key[s]),
          .next_sbox_addr(stage_addr[s]),
          .block_out(stage_out[s])
      );
      if (s < MAX_ROUNDS) begin : g_bank
        for (n = 0; n < 16; n = n + 1) begin : g_lane
          wire [7:0] addr = stage_addr[s][127-8*n-:8];
          if (s == 0 && n < 4) begin : g_shared
            // Lanes 0..3 of bank 0 also serve the key expansion.
            aes_sbox_rom u_sbox (
                .clk (clk),
                .en  (advance || kx_sbox_claim),
                .addr(kx_sbox_claim ? kx_sbox_addr[31-8*n-:8] : addr),
                .data(bank_q[s][255-16*n-:16])
            );
          end else begin : g_own
            aes_sbox_rom u_sbox (
                .clk (clk),
                .en  (advance),
                .addr(addr),
                .data(bank_q[s][255-16*n-:16])
            );
          end
        end
      end
    end
  endgenerate

  always @(posedge clk) begin
    if (advance) begin
      stage_decrypt <= {stage_decrypt[MAX_ROUNDS-1:1], s_axis_tuser};
      case (key_size_active)
        2'd0: begin
          m_axis_tdata <= stage_out[10];
          m_axis_tuser <= stage_decrypt[10];
        end
        2'd1: begin
          m_axis_tdata <= stage_out[12];
          m_axis_tuser <= stage_decrypt[12];
        end
        default: begin
          m_axis_tdata <= stage_out[14];
          m_axis_tuser <= stage_decrypt[14];
        end
      endcase
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      stage_valid <= {MAX_ROUNDS{1'b0}};
      m_axis_tvalid <= 1'b0;
    end else if (advance) begin
      // A block leaves the pipeline after stage Nr; it never lingers behind.
      stage_valid <= {stage_valid[MAX_ROUNDS-1:1] & stage_live[MAX_ROUNDS:2], accept};
      m_axis_tvalid <= |(stage_valid & stage_live & ~{1'b0, stage_live[MAX_ROUNDS:2]});
    end
  end
endmodule
`default_nettype wire
