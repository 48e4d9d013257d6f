`default_nettype none
// CBC encryption/decryption unit of the ESP engine: DES-CBC, 3DES-CBC and
// AES-CBC-128/192/256 (RFC 2405, RFC 2451, RFC 3602) over a 32-bit
// AXI-Stream, with aes_core (UNROLL = 0) or, for the smallest boards,
// aes_core_compact (AES_COMPACT = 1: no AES-192, 55/75 clocks per block),
// and tdes_core. Ports, timing and resources: docs/esp/cbc_cipher.md.
//
// Blocks are held right-aligned inside the unit (a DES block in [63:0]).
// Encrypt: the chaining value is the core's own output register, XORed into
// the next input block in the clock it appears, so the next block enters the
// core on the edge that takes the previous ciphertext (Nr + 1 clocks per AES
// block). Decrypt: one block in the core at a time plus one accepted on the
// edge its predecessor leaves; chain_out is the ciphertext XORed into the
// block leaving the core, chain_in the ciphertext of the block inside it.
module cbc_cipher #(
    parameter integer HAS_AES = 1,
    parameter integer HAS_TDES = 1,
    // 1: aes_core_compact instead of aes_core. It has the same ports and
    // handshake (docs/cores/aes-compact.md) but no AES-192: such a key
    // command then loads nothing, like a cipher left out.
    parameter integer AES_COMPACT = 0,
    parameter integer TAG_WIDTH = 16
) (
    input  wire                 clk,
    input  wire                 rst,
    // key load: taken while no packet runs
    input  wire                 key_cmd_valid,
    output wire                 key_cmd_ready,
    input  wire [          2:0] key_cmd_cipher,  // 0 DES, 1 3DES, 2/3/4 AES-128/192/256
    input  wire [        255:0] key_cmd_key,     // left-aligned, key byte 0 in [255:248]
    input  wire [TAG_WIDTH-1:0] key_cmd_tag,     // the engine's name for this key (SA)
    output wire                 key_loaded,      // the key below is ready for packets
    output reg  [          2:0] key_loaded_cipher,
    output reg  [TAG_WIDTH-1:0] key_loaded_tag,
    // packet command
    input  wire                 cmd_valid,
    output wire                 cmd_ready,
    input  wire                 cmd_decrypt,
    input  wire                 cmd_explicit_iv,  // encrypt: IV = cmd_iv, else E_K(nonce)
    // Bits [2:0] (and [3] for AES) are 0 for a block multiple, so unused.
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [         15:0] cmd_length,       // payload bytes, a block multiple
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [        127:0] cmd_iv,           // IV left-aligned, or nonce in [127:64]
    // data in (decrypt: IV block first)
    input  wire [         31:0] s_axis_tdata,
    input  wire                 s_axis_tvalid,
    output wire                 s_axis_tready,
    // data out (encrypt: IV block first)
    output wire [         31:0] m_axis_tdata,
    output wire [          3:0] m_axis_tkeep,
    output wire                 m_axis_tlast,
    output wire                 m_axis_tvalid,
    input  wire                 m_axis_tready,
    output wire                 busy               // a packet is in progress
);
  // ---------------- key ----------------
  reg  key_valid;  // the loaded cipher exists in this build
  // A build with one block cipher only runs that one (a key of the other
  // never loads), so the AES/DES choices below fold away: about 10% of the
  // unit in the iCEBreaker's AES-only build.
  wire aes = HAS_TDES == 0 ? 1'b1 : HAS_AES == 0 ? 1'b0 : key_loaded_cipher >= 3'd2;
  wire cmd_cipher_aes = key_cmd_cipher >= 3'd2;
  wire cmd_aes_size_ok = key_cmd_cipher == 3'd2 || key_cmd_cipher == 3'd4 ||
      (key_cmd_cipher == 3'd3 && AES_COMPACT == 0);
  wire cmd_cipher_ok = cmd_cipher_aes ? (HAS_AES != 0 && cmd_aes_size_ok) : (HAS_TDES != 0);

  reg  running;
  assign key_cmd_ready = !running;
  wire key_accept = key_cmd_valid && key_cmd_ready;

  wire aes_key_ready;
  assign key_loaded = key_valid && (!aes || aes_key_ready);
  assign cmd_ready = !running && key_loaded && !key_cmd_valid;
  wire cmd_accept = cmd_valid && cmd_ready;
  assign busy = running;

  always @(posedge clk) begin
    if (key_accept) key_loaded_tag <= key_cmd_tag;
    if (rst) begin
      key_valid <= 1'b0;
      key_loaded_cipher <= 3'd0;
    end else if (key_accept) begin
      key_valid <= cmd_cipher_ok;
      key_loaded_cipher <= key_cmd_cipher;
    end
  end

  // ---------------- core ports ----------------
  wire [127:0] core_in;
  wire [127:0] core_out;
  wire         core_s_valid, core_s_ready, core_m_valid, core_m_ready;
  wire         decrypt;  // direction of the packet in progress (to the core)

  // The iCEBreaker's build (aes_core_compact, no DES) takes the small form:
  // the compact core needs 55/75 clocks per block, so the unit can move one
  // block at a time through two 128-bit registers instead of four, at a few
  // clocks per block (docs/esp/cbc_cipher.md, "The small form").
  localparam SMALL = (AES_COMPACT != 0 && HAS_TDES == 0 && HAS_AES != 0) ? 1 : 0;

  generate
    if (SMALL == 0) begin : g_full
      // ---------------- packet state ----------------
      reg         decrypt_r;
      reg         ivgen_pending;  // encrypt, nonce: the nonce block is the next core input
      reg         explicit_first;  // encrypt, explicit IV: block 1 is XORed with chain_out
      reg         iv_emit_pending;  // encrypt, explicit IV: chain_out goes out first
      reg         iv_in_pending;  // decrypt: the next gathered block is the IV
      reg         core_has_block;  // a block is in the core (rounds or output register)
      reg  [13:0] in_left;  // blocks still to gather from s_axis
      reg  [13:0] out_left;  // blocks still to load into the output register
      reg  [127:0] gather, chain_out, chain_in, outbuf;
      reg         gather_full;
      reg  [ 1:0] gather_beat;
      reg  [ 2:0] out_beats;  // beats left in outbuf

      // cmd_length[2:0] must be 0 (a block multiple); the block count ignores it.
      wire [13:0] cmd_blocks = aes ? {2'b00, cmd_length[15:4]} : {1'b0, cmd_length[15:3]};
      wire [127:0] cmd_block = aes ? {cmd_iv[127:64], cmd_explicit_iv ? cmd_iv[63:0] : 64'd0}
                                   : {64'd0, cmd_iv[127:64]};

      wire outbuf_empty = out_beats == 3'd0;
      wire take_possible = core_m_valid && outbuf_empty && !iv_emit_pending;
      wire chained = !decrypt_r && !ivgen_pending && !explicit_first;
      assign core_s_valid = running && gather_full && !iv_in_pending &&
          (chained ? take_possible : (!core_has_block || (decrypt_r && take_possible)));
      wire core_accept = core_s_valid && core_s_ready;
      assign core_m_ready = take_possible && (decrypt_r || out_left == 14'd1 || core_accept);
      wire core_take = core_m_valid && core_m_ready;

      assign core_in = gather ^ (chain_out & {128{!decrypt_r && explicit_first}})
                             ^ (core_out & {128{chained}});

      // ---------------- stream in ----------------
      wire iv_to_chain = running && iv_in_pending && gather_full;
      assign s_axis_tready = running && in_left != 14'd0 && (!gather_full || iv_to_chain);
      wire in_beat = s_axis_tvalid && s_axis_tready;
      wire in_last_beat = gather_beat == (aes ? 2'd3 : 2'd1);

      // ---------------- stream out ----------------
      wire iv_emit = running && iv_emit_pending && outbuf_empty;
      wire load_outbuf = iv_emit || core_take;
      wire [127:0] out_block = (core_out & {128{!iv_emit}}) ^ (chain_out & {128{iv_emit || decrypt_r}});
      assign m_axis_tvalid = !outbuf_empty;
      assign m_axis_tdata = outbuf[127:96];
      assign m_axis_tkeep = 4'hf;
      assign m_axis_tlast = out_beats == 3'd1 && out_left == 14'd0;
      wire out_beat = m_axis_tvalid && m_axis_tready;
      wire done = (out_beat && m_axis_tlast) || (iv_to_chain && out_left == 14'd0);

      always @(posedge clk) begin
        if (cmd_accept) begin
          gather <= cmd_block;  // the nonce block (used only in nonce mode)
          chain_out <= cmd_block;  // the explicit IV (used only in that mode)
        end else begin
          if (in_beat) gather <= {gather[95:0], s_axis_tdata};
          if (iv_to_chain) chain_out <= gather;
          else if (decrypt_r && core_take) chain_out <= chain_in;
        end
        if (core_accept) chain_in <= gather;

        if (load_outbuf) outbuf <= aes ? out_block : {out_block[63:0], 64'd0};
        else if (out_beat) outbuf <= {outbuf[95:0], 32'd0};
      end

      always @(posedge clk) begin
        if (rst) begin
          running <= 1'b0;
          decrypt_r <= 1'b0;
          ivgen_pending <= 1'b0;
          explicit_first <= 1'b0;
          iv_emit_pending <= 1'b0;
          iv_in_pending <= 1'b0;
          core_has_block <= 1'b0;
          in_left <= 14'd0;
          out_left <= 14'd0;
          gather_full <= 1'b0;
          gather_beat <= 2'd0;
          out_beats <= 3'd0;
        end else begin
          if (cmd_accept) begin
            running <= 1'b1;
            decrypt_r <= cmd_decrypt;
            ivgen_pending <= !cmd_decrypt && !cmd_explicit_iv;
            explicit_first <= !cmd_decrypt && cmd_explicit_iv && cmd_blocks != 14'd0;
            iv_emit_pending <= !cmd_decrypt && cmd_explicit_iv;
            iv_in_pending <= cmd_decrypt;
            in_left <= cmd_decrypt ? cmd_blocks + 14'd1 : cmd_blocks;
            out_left <= cmd_decrypt ? cmd_blocks : cmd_blocks + 14'd1;
            gather_full <= !cmd_decrypt && !cmd_explicit_iv;
            gather_beat <= 2'd0;
          end else begin
            if (done) running <= 1'b0;
            if (core_accept) begin
              ivgen_pending <= 1'b0;
              explicit_first <= 1'b0;
            end
            if (iv_emit) iv_emit_pending <= 1'b0;
            if (iv_to_chain) iv_in_pending <= 1'b0;
            if (core_accept || iv_to_chain) gather_full <= 1'b0;
            if (in_beat) begin
              gather_beat <= in_last_beat ? 2'd0 : gather_beat + 2'd1;
              if (in_last_beat) begin
                gather_full <= 1'b1;
                in_left <= in_left - 14'd1;
              end
            end
            if (load_outbuf) out_left <= out_left - 14'd1;
          end

          if (core_accept) core_has_block <= 1'b1;
          else if (core_take) core_has_block <= 1'b0;

          if (load_outbuf) out_beats <= aes ? 3'd4 : 3'd2;
          else if (out_beat) out_beats <= out_beats - 3'd1;
        end
      end
      assign decrypt = decrypt_r;
    end else begin : g_small
      // gather: the input block, shifted in 32 bits at a time (and, to
      // decrypt, shifted on into chain while the block's plaintext leaves).
      // chain: the IV or nonce block from the command, then the ciphertext
      // the next block is chained with, shifted in one word per output beat
      // (encrypt: the word leaving; decrypt: the gathered ciphertext's word).
      // The output is the core's output register, one word at a time, XORed
      // with chain's top word when decrypting. One block is in flight at a
      // time: a block enters the core only when the previous result has left.
      reg         decrypt_r;
      reg         nonce_pending;    // encrypt, nonce: the nonce block is the next core input
      reg         iv_emit_pending;  // encrypt, explicit IV: chain goes out first
      reg         iv_in_pending;    // decrypt: the first gathered block is the IV
      reg         in_flight;        // a block is in the core until its result has left
      reg         gather_held;      // decrypt: gather holds the ciphertext of the block in flight
      reg  [13:0] in_left;          // blocks still to gather from s_axis
      reg  [13:0] out_left;         // blocks still to emit
      reg [127:0] gather, chain;
      reg         gather_full;
      reg  [ 1:0] gather_beat;
      reg  [ 1:0] out_beat_index;   // word of the block on m_axis

      // cmd_length[3:0] must be 0 (a block multiple); the block count ignores it.
      wire [13:0] cmd_blocks = {2'b00, cmd_length[15:4]};
      wire [127:0] cmd_block = {cmd_iv[127:64], cmd_explicit_iv ? cmd_iv[63:0] : 64'd0};

      // While the decrypt IV sits in gather, each beat of the first
      // ciphertext block pushes one IV word on into chain.
      wire iv_moving = iv_in_pending && gather_full;
      assign s_axis_tready = running && in_left != 14'd0 && (!gather_full || iv_moving) &&
                             !gather_held;
      wire in_beat = s_axis_tvalid && s_axis_tready;
      wire in_last_beat = gather_beat == 2'd3;

      assign core_s_valid = running && !in_flight && !iv_emit_pending &&
                            (nonce_pending || (gather_full && !iv_in_pending));
      wire core_accept = core_s_valid && core_s_ready;
      assign core_in = (gather & {128{!nonce_pending}}) ^ (chain & {128{!decrypt_r}});

      reg [31:0] result_word;
      always @(*) begin
        case (out_beat_index)
          2'd0:    result_word = core_out[127:96];
          2'd1:    result_word = core_out[95:64];
          2'd2:    result_word = core_out[63:32];
          default: result_word = core_out[31:0];
        endcase
      end

      assign m_axis_tvalid = running && (iv_emit_pending || core_m_valid);
      assign m_axis_tdata = iv_emit_pending ? chain[127:96] :
                            result_word ^ (chain[127:96] & {32{decrypt_r}});
      assign m_axis_tkeep = 4'hf;
      wire out_block_end = out_beat_index == 2'd3;
      assign m_axis_tlast = out_block_end && out_left == 14'd1;
      wire out_beat = m_axis_tvalid && m_axis_tready;
      assign core_m_ready = out_beat && out_block_end && !iv_emit_pending;
      wire done = (out_beat && m_axis_tlast) || (iv_moving && out_left == 14'd0);

      wire chain_shift = out_beat || (in_beat && iv_moving);
      wire [31:0] chain_word = decrypt_r ? gather[127:96] : m_axis_tdata;

      always @(posedge clk) begin
        if (cmd_accept) chain <= cmd_block;
        else if (chain_shift) chain <= {chain[95:0], chain_word};
        if (in_beat || (out_beat && decrypt_r)) gather <= {gather[95:0], s_axis_tdata};
      end

      always @(posedge clk) begin
        if (rst) begin
          running <= 1'b0;
          decrypt_r <= 1'b0;
          nonce_pending <= 1'b0;
          iv_emit_pending <= 1'b0;
          iv_in_pending <= 1'b0;
          in_flight <= 1'b0;
          gather_held <= 1'b0;
          in_left <= 14'd0;
          out_left <= 14'd0;
          gather_full <= 1'b0;
          gather_beat <= 2'd0;
          out_beat_index <= 2'd0;
        end else if (cmd_accept) begin
          running <= 1'b1;
          decrypt_r <= cmd_decrypt;
          nonce_pending <= !cmd_decrypt && !cmd_explicit_iv;
          iv_emit_pending <= !cmd_decrypt && cmd_explicit_iv;
          iv_in_pending <= cmd_decrypt;
          in_flight <= 1'b0;
          gather_held <= 1'b0;
          in_left <= cmd_decrypt ? cmd_blocks + 14'd1 : cmd_blocks;
          out_left <= cmd_decrypt ? cmd_blocks : cmd_blocks + 14'd1;
          gather_full <= 1'b0;
          gather_beat <= 2'd0;
          out_beat_index <= 2'd0;
        end else begin
          if (done) running <= 1'b0;
          if (core_accept) begin
            in_flight <= 1'b1;
            nonce_pending <= 1'b0;
            if (!nonce_pending) gather_full <= 1'b0;
            if (decrypt_r) gather_held <= 1'b1;
          end
          if (in_beat) begin
            gather_beat <= gather_beat + 2'd1;
            if (in_last_beat) begin
              in_left <= in_left - 14'd1;
              if (iv_moving) iv_in_pending <= 1'b0;  // the IV is in chain, block 1 in gather
              gather_full <= 1'b1;
            end
          end
          if (out_beat) begin
            out_beat_index <= out_beat_index + 2'd1;
            if (out_block_end) begin
              out_left <= out_left - 14'd1;
              iv_emit_pending <= 1'b0;
              if (!iv_emit_pending) in_flight <= 1'b0;
              gather_held <= 1'b0;
            end
          end
        end
      end
      assign decrypt = decrypt_r;
    end
  endgenerate

  // ---------------- the cores ----------------
  wire [127:0] aes_out;
  wire         aes_m_valid, aes_s_ready;
  wire [ 63:0] tdes_out;
  wire         tdes_m_valid, tdes_s_ready;

  generate
    if (HAS_AES != 0 && AES_COMPACT == 0) begin : g_aes
      /* verilator lint_off PINCONNECTEMPTY */
      // The direction returned with each result is known here already.
      aes_core #(
          .UNROLL(0)
      ) u_aes (
          .clk(clk),
          .rst(rst),
          .key_in(key_cmd_key),
          .key_size(key_cmd_cipher[1:0] - 2'd2),
          .key_load(key_accept && cmd_cipher_aes),
          .key_ready(aes_key_ready),
          .s_axis_tdata(core_in),
          .s_axis_tuser(decrypt),
          .s_axis_tvalid(core_s_valid && aes),
          .s_axis_tready(aes_s_ready),
          .m_axis_tdata(aes_out),
          .m_axis_tuser(),
          .m_axis_tvalid(aes_m_valid),
          .m_axis_tready(core_m_ready && aes)
      );
      /* verilator lint_on PINCONNECTEMPTY */
    end else if (HAS_AES != 0) begin : g_aes_compact
      /* verilator lint_off PINCONNECTEMPTY */
      // Same ports and handshake as aes_core. It refuses AES-192 itself
      // (key_ready stays low), and key_valid is low for it anyway.
      aes_core_compact u_aes (
          .clk(clk),
          .rst(rst),
          .key_in(key_cmd_key),
          .key_size(key_cmd_cipher[1:0] - 2'd2),
          .key_load(key_accept && cmd_cipher_aes),
          .key_ready(aes_key_ready),
          .s_axis_tdata(core_in),
          .s_axis_tuser(decrypt),
          .s_axis_tvalid(core_s_valid && aes),
          .s_axis_tready(aes_s_ready),
          .m_axis_tdata(aes_out),
          .m_axis_tuser(),
          .m_axis_tvalid(aes_m_valid),
          .m_axis_tready(core_m_ready && aes)
      );
      /* verilator lint_on PINCONNECTEMPTY */
    end else begin : g_no_aes
      assign aes_key_ready = 1'b0;
      assign aes_out = 128'd0;
      assign aes_m_valid = 1'b0;
      assign aes_s_ready = 1'b0;
    end

    if (HAS_TDES != 0) begin : g_tdes
      /* verilator lint_off PINCONNECTEMPTY */
      // tdes_core is always idle between packets, when keys are loaded.
      tdes_core u_tdes (
          .clk(clk),
          .rst(rst),
          .key_in(key_cmd_key[255:64]),
          .triple(key_cmd_cipher[0]),
          .key_load(key_accept && !cmd_cipher_aes),
          .key_ready(),
          .s_axis_tdata(core_in[63:0]),
          .s_axis_tuser(decrypt),
          .s_axis_tvalid(core_s_valid && !aes),
          .s_axis_tready(tdes_s_ready),
          .m_axis_tdata(tdes_out),
          .m_axis_tvalid(tdes_m_valid),
          .m_axis_tready(core_m_ready && !aes)
      );
      /* verilator lint_on PINCONNECTEMPTY */
    end else begin : g_no_tdes
      assign tdes_out = 64'd0;
      assign tdes_m_valid = 1'b0;
      assign tdes_s_ready = 1'b0;
    end
  endgenerate

  assign core_out = aes ? aes_out : {64'd0, tdes_out};
  assign core_m_valid = aes ? aes_m_valid : tdes_m_valid;
  assign core_s_ready = aes ? aes_s_ready : tdes_s_ready;
endmodule
`default_nettype wire
