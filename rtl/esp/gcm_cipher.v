`default_nettype none
// AES-GCM unit of the ESP engine (RFC 4106, NIST SP 800-38D) for 128- and
// 256-bit keys, over a 32-bit stream, around one aes_core (UNROLL = 0) and one
// ghash_core. Ports, timing and resources: docs/esp/gcm_cipher.md.
//
// Key load: expand the key, H = E_K(0^128) straight from the AES output into
// ghash_core. Packet: the counter blocks inc32(J0), inc32(inc32(J0)), ... go
// into the AES core as fast as it takes them (one in the rounds, one in its
// output register, one in `ks` being used up word by word), then J0 last: its
// E_K(J0) stays in the AES output register until the tag is taken, so the tag
// is GHASH XOR the AES output with no 128-bit E_K(J0) register.
// GHASH: the AAD block, then each text block (the ciphertext: the output to
// encrypt, the input to decrypt) gathered zero-padded in `gather`, then
// len(A) || len(C). The AAD and length blocks are loaded into `gather` too,
// so the GHASH input needs no multiplexer.
module gcm_cipher #(
    parameter integer TAG_WIDTH  = 16,
    parameter integer DIGIT_BITS = 16  // ghash_core's: 128 / DIGIT_BITS clocks per block
) (
    input  wire                 clk,
    input  wire                 rst,
    // key load: taken while no packet runs and no key is being loaded
    input  wire                 key_cmd_valid,
    output wire                 key_cmd_ready,
    input  wire                 key_cmd_aes256,
    input  wire [        255:0] key_cmd_key,     // left-aligned, key byte 0 in [255:248]
    input  wire [         31:0] key_cmd_salt,
    input  wire [TAG_WIDTH-1:0] key_cmd_tag,     // the engine's name for this key (SA)
    output wire                 key_loaded,      // round keys and H ready for packets
    output reg  [TAG_WIDTH-1:0] key_loaded_tag,
    // packet command
    input  wire                 cmd_valid,
    output wire                 cmd_ready,
    input  wire                 cmd_decrypt,
    input  wire [         63:0] cmd_iv,          // J0 = salt || iv || 0x00000001
    input  wire [         95:0] cmd_aad,         // left-aligned, 8 bytes or (ESN) 12 bytes
    input  wire                 cmd_aad_esn,
    input  wire [         15:0] cmd_length,      // text bytes, a multiple of 4
    // text in / text out
    input  wire [         31:0] s_axis_tdata,
    input  wire                 s_axis_tvalid,
    output wire                 s_axis_tready,
    output wire [         31:0] m_axis_tdata,
    output wire                 m_axis_tlast,
    output wire                 m_axis_tvalid,
    input  wire                 m_axis_tready,
    // tag, after the last text word was taken; byte 0 in [127:120]
    output wire [        127:0] m_tag_tdata,
    output wire                 m_tag_tvalid,
    input  wire                 m_tag_tready,
    output wire                 busy             // a packet is in progress
);
  // ---------------- control state ----------------
  reg         key_valid;  // round keys and H loaded
  reg         h_pending;  // key load: the zero block still has to enter the AES core
  reg         h_wait;  // key load: E_K(0) not out yet
  reg         running;
  reg         decrypt;
  reg  [12:0] issue_left;  // blocks still to give the AES core (counter blocks, then J0)
  reg  [12:0] ks_left;  // keystream blocks still to take from the AES core
  reg  [13:0] in_left;  // text words still to come
  reg         ks_valid;  // `ks` holds keystream words for the current text block
  reg  [ 1:0] beat;  // word index inside the text block
  reg         gather_full;  // `gather` holds a block for GHASH
  reg         len_pending;  // the length block has not been loaded into `gather`
  reg  [ 1:0] out_count;  // words in the output FIFO

  // ---------------- datapath registers ----------------
  reg  [31:0] salt;
  reg  [63:0] iv;
  reg  [12:0] ctr;  // counter field of the next counter block (2, 3, ...)
  reg         aad_esn;
  reg  [15:0] length;
  reg [127:0] gather, ks;
  reg [32:0] fifo_head, fifo_tail;  // {tlast, tdata}

  // ---------------- key and command handshakes ----------------
  assign key_cmd_ready = !running && !h_pending && !h_wait;
  wire key_accept = key_cmd_valid && key_cmd_ready;
  assign key_loaded = key_valid;
  assign cmd_ready = !running && key_valid && !key_cmd_valid;
  wire cmd_accept = cmd_valid && cmd_ready;
  assign busy = running;

  // (length + 15) / 16 blocks, up to 4096
  wire [12:0] cmd_blocks = {1'b0, cmd_length[15:4]} + {12'd0, cmd_length[3:0] != 4'd0};
  wire [127:0] aad_block = {cmd_aad[95:32], cmd_aad[31:0] & {32{cmd_aad_esn}}, 32'd0};
  wire [127:0] len_block = {57'd0, aad_esn ? 7'd96 : 7'd64, 45'd0, length, 3'd0};

  // ---------------- AES core ----------------
  wire [127:0] aes_out;
  wire aes_s_ready, aes_m_valid;
  // While H is computed, iv and ctr are 0 (cleared by the key load).
  wire [12:0] issue_ctr = issue_left == 13'd1 ? 13'd1 : ctr;
  wire [127:0] aes_in = {salt & {32{!h_pending}}, iv, 19'd0, issue_ctr};
  wire aes_s_valid = h_pending || (running && issue_left != 13'd0);
  wire aes_accept = aes_s_valid && aes_s_ready;

  // ---------------- GHASH core ----------------
  wire [127:0] ghash_y;
  wire ghash_s_ready, ghash_idle;
  wire ghash_accept = running && gather_full && ghash_s_ready;
  wire h_take = h_wait && aes_m_valid;

  // ---------------- text stream ----------------
  wire gather_free = !gather_full || ghash_accept;
  assign s_axis_tready = running && in_left != 14'd0 && ks_valid && gather_free &&
      out_count != 2'd2;
  wire in_beat = s_axis_tvalid && s_axis_tready;
  wire block_end = beat == 2'd3 || in_left == 14'd1;
  wire [31:0] out_word = s_axis_tdata ^ ks[127:96];
  wire [31:0] hash_word = decrypt ? s_axis_tdata : out_word;

  wire ks_want = running && ks_left != 13'd0 && (!ks_valid || (in_beat && block_end));
  wire ks_take = ks_want && aes_m_valid;
  wire len_load = running && len_pending && in_left == 14'd0 && gather_free;

  // The tag: every text word out, the length block hashed, E_K(J0) in the
  // AES output register.
  assign m_tag_tvalid = running && in_left == 14'd0 && !len_pending && !gather_full &&
      ghash_idle && issue_left == 13'd0 && ks_left == 13'd0 && aes_m_valid &&
      out_count == 2'd0;
  assign m_tag_tdata = ghash_y ^ aes_out;
  wire tag_take = m_tag_tvalid && m_tag_tready;
  wire aes_m_ready = h_wait || ks_want || tag_take;

  // ---------------- output FIFO (2 words, so s_axis_tready never waits for m_axis_tready)
  wire out_pop = m_axis_tvalid && m_axis_tready;
  assign m_axis_tvalid = out_count != 2'd0;
  assign m_axis_tdata = fifo_head[31:0];
  assign m_axis_tlast = fifo_head[32];
  wire [32:0] fifo_in = {in_left == 14'd1, out_word};

  always @(posedge clk) begin
    if (key_accept) begin
      key_loaded_tag <= key_cmd_tag;
      salt <= key_cmd_salt;
    end

    if (key_accept) begin
      iv  <= 64'd0;
      ctr <= 13'd0;
    end else if (cmd_accept) begin
      iv  <= cmd_iv;
      ctr <= 13'd2;
    end else if (aes_accept) begin
      ctr <= ctr + 13'd1;
    end

    if (cmd_accept) begin
      decrypt <= cmd_decrypt;
      aad_esn <= cmd_aad_esn;
      length  <= cmd_length;
    end

    if (cmd_accept) gather <= aad_block;
    else if (len_load) gather <= len_block;
    else if (in_beat) begin
      gather[127:96] <= beat == 2'd0 ? hash_word : gather[127:96];
      gather[95:64]  <= beat == 2'd1 ? hash_word : (beat == 2'd0 ? 32'd0 : gather[95:64]);
      gather[63:32]  <= beat == 2'd2 ? hash_word : (beat == 2'd0 ? 32'd0 : gather[63:32]);
      gather[31:0]   <= beat == 2'd3 ? hash_word : (beat == 2'd0 ? 32'd0 : gather[31:0]);
    end

    if (ks_take) ks <= aes_out;
    else if (in_beat) ks <= {ks[95:0], 32'd0};

    if (in_beat && (out_pop || out_count == 2'd0)) fifo_head <= fifo_in;
    else if (out_pop) fifo_head <= fifo_tail;
    if (in_beat && !out_pop) fifo_tail <= fifo_in;
  end

  always @(posedge clk) begin
    if (rst) begin
      key_valid <= 1'b0;
      h_pending <= 1'b0;
      h_wait <= 1'b0;
      running <= 1'b0;
      issue_left <= 13'd0;
      ks_left <= 13'd0;
      in_left <= 14'd0;
      ks_valid <= 1'b0;
      beat <= 2'd0;
      gather_full <= 1'b0;
      len_pending <= 1'b0;
      out_count <= 2'd0;
    end else begin
      if (key_accept) begin
        key_valid <= 1'b0;
        h_pending <= 1'b1;
      end else if (h_pending && aes_accept) begin
        h_pending <= 1'b0;
        h_wait <= 1'b1;
      end else if (h_take) begin
        h_wait <= 1'b0;
        key_valid <= 1'b1;
      end

      if (cmd_accept) begin
        running <= 1'b1;
        issue_left <= cmd_blocks + 13'd1;
        ks_left <= cmd_blocks;
        in_left <= cmd_length[15:2];
        ks_valid <= 1'b0;
        beat <= 2'd0;
        gather_full <= 1'b1;
        len_pending <= 1'b1;
      end else begin
        if (tag_take) running <= 1'b0;
        if (running && aes_accept) issue_left <= issue_left - 13'd1;
        if (ks_take) begin
          ks_left  <= ks_left - 13'd1;
          ks_valid <= 1'b1;
        end else if (in_beat && block_end) begin
          ks_valid <= 1'b0;
        end
        if (in_beat) begin
          in_left <= in_left - 14'd1;
          beat <= block_end ? 2'd0 : beat + 2'd1;
        end
        if (ghash_accept) gather_full <= 1'b0;
        if ((in_beat && block_end) || len_load) gather_full <= 1'b1;
        if (len_load) len_pending <= 1'b0;
      end

      out_count <= out_count + {1'b0, in_beat} - {1'b0, out_pop};
    end
  end

  /* verilator lint_off PINCONNECTEMPTY */
  // Every block is encrypted: the direction returned with it is not needed.
  aes_core #(
      .UNROLL(0)
  ) u_aes (
      .clk(clk),
      .rst(rst),
      .key_in(key_cmd_key),
      .key_size(key_cmd_aes256 ? 2'd2 : 2'd0),
      .key_load(key_accept),
      .key_ready(),
      .s_axis_tdata(aes_in),
      .s_axis_tuser(1'b0),
      .s_axis_tvalid(aes_s_valid),
      .s_axis_tready(aes_s_ready),
      .m_axis_tdata(aes_out),
      .m_axis_tuser(),
      .m_axis_tvalid(aes_m_valid),
      .m_axis_tready(aes_m_ready)
  );
  /* verilator lint_on PINCONNECTEMPTY */

  ghash_core #(
      .DIGIT_BITS(DIGIT_BITS)
  ) u_ghash (
      .clk(clk),
      .rst(rst),
      .h_in(aes_out),
      .h_load(h_take),
      .init(cmd_accept),
      .s_axis_tdata(gather),
      .s_axis_tvalid(running && gather_full),
      .s_axis_tready(ghash_s_ready),
      .y_out(ghash_y),
      .idle(ghash_idle)
  );
endmodule
`default_nettype wire
