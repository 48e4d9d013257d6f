`default_nettype none
// The ESP engine (RFC 4303): the outbound and inbound directions, the SA
// table, and one of each crypto unit shared by both directions a packet at
// a time (esp_unit_arbiter). Design, pipeline and figures: docs/esp-engine.md;
// the contract between the parts: docs/esp/engine-interfaces.md.
//
// Each direction has its own command, data and status channels, so a board
// can feed the LAN and WAN sides independently; while one direction uses
// the units the other waits, except the inbound emitter, which sends a
// verified packet from its buffer while the next packet is processed.
module esp_engine #(
    parameter integer ENTRY_BITS   = 6,     // 2^ENTRY_BITS SAs
    parameter integer USE_SPRAM    = 1,     // SA table in iCE40 UP5K SPRAM (0: block RAM)
    parameter integer HAS_AES      = 1,
    parameter integer HAS_TDES     = 1,
    parameter integer HAS_GCM      = 1,
    parameter integer HAS_MD5      = 1,
    parameter integer HAS_SHA1     = 1,
    parameter integer HAS_SHA256   = 1,
    // 1: cbc_cipher uses aes_core_compact (the iCEBreaker): AES-128/256 only,
    // so AES-192-CBC is not offered; GCM (its own aes_core) must be off.
    parameter integer AES_COMPACT  = 0,
    parameter integer WINDOW       = 64,    // anti-replay window, packets (64..1024)
    parameter integer BUFFER_BYTES = 2048   // inbound packet buffer, per half
) (
    input wire clk,
    input wire rst,
    input wire [31:0] now,  // time base for the SAs' last_used

    // ---- host port of the SA table (keys read back as zero) ----
    input  wire                  host_req_valid,
    output wire                  host_req_ready,
    input  wire [           1:0] host_req_op,     // 0 read, 1 write, 2 erase entry
    input  wire [ENTRY_BITS-1:0] host_req_entry,
    input  wire [           6:0] host_req_word,
    input  wire [          31:0] host_req_wdata,
    output wire                  host_rsp_valid,
    output wire [          31:0] host_rsp_rdata,
    output wire                  sa_table_busy,

    // ---- outbound: inner packets in, ESP packets out ----
    input  wire                  out_cmd_tvalid,
    output wire                  out_cmd_tready,
    input  wire [ENTRY_BITS-1:0] out_cmd_sa,
    input  wire [          15:0] out_cmd_length,
    input  wire                  out_cmd_iv_valid,         // published vectors only
    input  wire [         127:0] out_cmd_iv,
    input  wire                  out_cmd_next_header_valid, // published vectors only
    input  wire [           7:0] out_cmd_next_header,
    input  wire [          31:0] out_s_axis_tdata,
    input  wire [           3:0] out_s_axis_tkeep,
    input  wire                  out_s_axis_tlast,
    input  wire                  out_s_axis_tvalid,
    output wire                  out_s_axis_tready,
    output wire [          31:0] out_m_axis_tdata,
    output wire [           3:0] out_m_axis_tkeep,
    output wire                  out_m_axis_tlast,
    output wire                  out_m_axis_tuser,  // on tlast: discard the packet
    output wire                  out_m_axis_tvalid,
    input  wire                  out_m_axis_tready,
    output wire                  out_sts_tvalid,
    input  wire                  out_sts_tready,
    output wire [           3:0] out_sts_code,
    output wire [ENTRY_BITS-1:0] out_sts_sa,
    output wire [          31:0] out_sts_spi,
    output wire [          63:0] out_sts_sequence,
    output wire [          15:0] out_sts_length,
    output wire [           3:0] out_sts_events,

    // ---- inbound: ESP packets in, verified inner packets out ----
    input  wire                  in_cmd_tvalid,
    output wire                  in_cmd_tready,
    input  wire [          15:0] in_cmd_length,
    input  wire [           1:0] in_cmd_encapsulation,  // form it arrived in
    input  wire [          31:0] in_s_axis_tdata,
    input  wire [           3:0] in_s_axis_tkeep,
    input  wire                  in_s_axis_tlast,
    input  wire                  in_s_axis_tvalid,
    output wire                  in_s_axis_tready,
    output wire [          31:0] in_m_axis_tdata,
    output wire [           3:0] in_m_axis_tkeep,
    output wire                  in_m_axis_tlast,
    output wire                  in_m_axis_tuser,  // always 0: only verified packets leave
    output wire                  in_m_axis_tvalid,
    input  wire                  in_m_axis_tready,
    output wire                  in_sts_tvalid,
    input  wire                  in_sts_tready,
    output wire [           3:0] in_sts_code,
    output wire [ENTRY_BITS-1:0] in_sts_sa,
    output wire [          31:0] in_sts_spi,
    output wire [          63:0] in_sts_sequence,
    output wire [          15:0] in_sts_length,
    output wire [           3:0] in_sts_events,

    // ---- what this build offers (capability registers) ----
    output wire [           7:0] ciphers,     // bit c: cipher value c of sa_layout.def
    output wire [           3:0] integrities  // bit i: integrity value i
);
`include "sa_layout.vh"
  wire outbound_request, inbound_request, outbound_grant, inbound_grant;

  esp_unit_arbiter arbiter (
      .clk(clk),
      .rst(rst),
      .outbound_request(outbound_request),
      .inbound_request(inbound_request),
      .outbound_grant(outbound_grant),
      .inbound_grant(inbound_grant)
  );

  // ---------------- each unit input, from the direction holding the grant ----------------
  // The 256-bit key / HMAC state for all four unit inputs (cbc and gcm key,
  // HMAC inner and outer state) is the engine's own register, unit_state
  // (below), not a multiplexer of the directions' state ports.
  wire [255:0] out_hmac_s_cmd_inner_state, in_hmac_s_cmd_inner_state;
  reg  [255:0] unit_state;
  // Key tags are the SA index zero-extended: only its bits are multiplexed.
  wire [15:0] out_cbc_key_cmd_tag, in_cbc_key_cmd_tag, out_gcm_key_cmd_tag, in_gcm_key_cmd_tag;
  wire [ENTRY_BITS-1:0] key_cmd_sa = inbound_grant ? in_cbc_key_cmd_tag[ENTRY_BITS-1:0]
                                                   : out_cbc_key_cmd_tag[ENTRY_BITS-1:0];
  wire [15:0] key_cmd_tag = {{(16 - ENTRY_BITS) {1'b0}}, key_cmd_sa};
  // cbc
  wire out_cbc_key_cmd_valid, in_cbc_key_cmd_valid;
  wire cbc_key_cmd_valid = inbound_grant ? in_cbc_key_cmd_valid : out_cbc_key_cmd_valid;
  wire cbc_key_cmd_ready;
  wire [2:0] out_cbc_key_cmd_cipher, in_cbc_key_cmd_cipher;
  wire [2:0] cbc_key_cmd_cipher = inbound_grant ? in_cbc_key_cmd_cipher : out_cbc_key_cmd_cipher;
  wire [255:0] out_cbc_key_cmd_key, in_cbc_key_cmd_key;
  wire [255:0] cbc_key_cmd_key = unit_state;
  wire [15:0] cbc_key_cmd_tag = key_cmd_tag;
  wire cbc_key_loaded;
  wire [2:0] cbc_key_loaded_cipher;
  wire [15:0] cbc_key_loaded_tag;
  wire out_cbc_cmd_valid, in_cbc_cmd_valid;
  wire cbc_cmd_valid = inbound_grant ? in_cbc_cmd_valid : out_cbc_cmd_valid;
  wire cbc_cmd_ready;
  wire out_cbc_cmd_decrypt, in_cbc_cmd_decrypt;
  wire cbc_cmd_decrypt = inbound_grant ? in_cbc_cmd_decrypt : out_cbc_cmd_decrypt;
  wire out_cbc_cmd_explicit_iv, in_cbc_cmd_explicit_iv;
  wire cbc_cmd_explicit_iv = inbound_grant ? in_cbc_cmd_explicit_iv : out_cbc_cmd_explicit_iv;
  wire [15:0] out_cbc_cmd_length, in_cbc_cmd_length;
  wire [15:0] cbc_cmd_length = inbound_grant ? in_cbc_cmd_length : out_cbc_cmd_length;
  // cbc_cipher reads cmd_iv only to encrypt (decrypting, the IV is the first
  // input block), and only outbound encrypts: its IV goes to the unit as is.
  wire [127:0] out_cbc_cmd_iv, in_cbc_cmd_iv;
  wire [127:0] cbc_cmd_iv = out_cbc_cmd_iv;
  wire [31:0] out_cbc_s_axis_tdata, in_cbc_s_axis_tdata;
  wire [31:0] cbc_s_axis_tdata = inbound_grant ? in_cbc_s_axis_tdata : out_cbc_s_axis_tdata;
  wire out_cbc_s_axis_tvalid, in_cbc_s_axis_tvalid;
  wire cbc_s_axis_tvalid = inbound_grant ? in_cbc_s_axis_tvalid : out_cbc_s_axis_tvalid;
  wire cbc_s_axis_tready;
  wire [31:0] cbc_m_axis_tdata;
  wire [3:0] cbc_m_axis_tkeep;
  wire cbc_m_axis_tlast;
  wire cbc_m_axis_tvalid;
  wire out_cbc_m_axis_tready, in_cbc_m_axis_tready;
  wire cbc_m_axis_tready = inbound_grant ? in_cbc_m_axis_tready : out_cbc_m_axis_tready;
  wire cbc_busy;
  // hmac
  wire out_hmac_s_cmd_tvalid, in_hmac_s_cmd_tvalid;
  wire hmac_s_cmd_tvalid = inbound_grant ? in_hmac_s_cmd_tvalid : out_hmac_s_cmd_tvalid;
  wire hmac_s_cmd_tready;
  wire [1:0] out_hmac_s_cmd_alg, in_hmac_s_cmd_alg;
  wire [1:0] hmac_s_cmd_alg = inbound_grant ? in_hmac_s_cmd_alg : out_hmac_s_cmd_alg;
  wire out_hmac_s_cmd_verify, in_hmac_s_cmd_verify;
  wire hmac_s_cmd_verify = inbound_grant ? in_hmac_s_cmd_verify : out_hmac_s_cmd_verify;
  wire [15:0] out_hmac_s_cmd_length, in_hmac_s_cmd_length;
  wire [15:0] hmac_s_cmd_length = inbound_grant ? in_hmac_s_cmd_length : out_hmac_s_cmd_length;
  wire [255:0] hmac_s_cmd_inner_state = unit_state;
  wire [255:0] out_hmac_s_cmd_outer_state, in_hmac_s_cmd_outer_state;
  wire [255:0] hmac_s_cmd_outer_state = unit_state;
  wire [31:0] out_hmac_s_axis_tdata, in_hmac_s_axis_tdata;
  wire [31:0] hmac_s_axis_tdata = inbound_grant ? in_hmac_s_axis_tdata : out_hmac_s_axis_tdata;
  wire [3:0] out_hmac_s_axis_tkeep, in_hmac_s_axis_tkeep;
  wire [3:0] hmac_s_axis_tkeep = inbound_grant ? in_hmac_s_axis_tkeep : out_hmac_s_axis_tkeep;
  wire out_hmac_s_axis_tlast, in_hmac_s_axis_tlast;
  wire hmac_s_axis_tlast = inbound_grant ? in_hmac_s_axis_tlast : out_hmac_s_axis_tlast;
  wire out_hmac_s_axis_tvalid, in_hmac_s_axis_tvalid;
  wire hmac_s_axis_tvalid = inbound_grant ? in_hmac_s_axis_tvalid : out_hmac_s_axis_tvalid;
  wire hmac_s_axis_tready;
  wire [127:0] hmac_m_icv_tdata;
  wire hmac_m_icv_match;
  wire hmac_m_icv_error;
  wire hmac_m_icv_tvalid;
  wire out_hmac_m_icv_tready, in_hmac_m_icv_tready;
  wire hmac_m_icv_tready = inbound_grant ? in_hmac_m_icv_tready : out_hmac_m_icv_tready;
  // Only inbound verifies: hmac_engine's match is read in verify mode only.
  wire [127:0] out_hmac_expected_icv, in_hmac_expected_icv;
  wire [127:0] hmac_expected_icv = in_hmac_expected_icv;
  // gcm
  wire out_gcm_key_cmd_valid, in_gcm_key_cmd_valid;
  wire gcm_key_cmd_valid = inbound_grant ? in_gcm_key_cmd_valid : out_gcm_key_cmd_valid;
  wire gcm_key_cmd_ready;
  wire out_gcm_key_cmd_aes256, in_gcm_key_cmd_aes256;
  wire gcm_key_cmd_aes256 = inbound_grant ? in_gcm_key_cmd_aes256 : out_gcm_key_cmd_aes256;
  wire [255:0] out_gcm_key_cmd_key, in_gcm_key_cmd_key;
  wire [255:0] gcm_key_cmd_key = unit_state;
  wire [31:0] out_gcm_key_cmd_salt, in_gcm_key_cmd_salt;
  wire [31:0] gcm_key_cmd_salt = inbound_grant ? in_gcm_key_cmd_salt : out_gcm_key_cmd_salt;
  wire [15:0] gcm_key_cmd_tag = {{(16 - ENTRY_BITS) {1'b0}},
                                 inbound_grant ? in_gcm_key_cmd_tag[ENTRY_BITS-1:0]
                                               : out_gcm_key_cmd_tag[ENTRY_BITS-1:0]};
  wire gcm_key_loaded;
  wire [15:0] gcm_key_loaded_tag;
  wire out_gcm_cmd_valid, in_gcm_cmd_valid;
  wire gcm_cmd_valid = inbound_grant ? in_gcm_cmd_valid : out_gcm_cmd_valid;
  wire gcm_cmd_ready;
  wire out_gcm_cmd_decrypt, in_gcm_cmd_decrypt;
  wire gcm_cmd_decrypt = inbound_grant ? in_gcm_cmd_decrypt : out_gcm_cmd_decrypt;
  wire [63:0] out_gcm_cmd_iv, in_gcm_cmd_iv;
  wire [63:0] gcm_cmd_iv = inbound_grant ? in_gcm_cmd_iv : out_gcm_cmd_iv;
  wire [95:0] out_gcm_cmd_aad, in_gcm_cmd_aad;
  wire [95:0] gcm_cmd_aad = inbound_grant ? in_gcm_cmd_aad : out_gcm_cmd_aad;
  wire out_gcm_cmd_aad_esn, in_gcm_cmd_aad_esn;
  wire gcm_cmd_aad_esn = inbound_grant ? in_gcm_cmd_aad_esn : out_gcm_cmd_aad_esn;
  wire [15:0] out_gcm_cmd_length, in_gcm_cmd_length;
  wire [15:0] gcm_cmd_length = inbound_grant ? in_gcm_cmd_length : out_gcm_cmd_length;
  wire [31:0] out_gcm_s_axis_tdata, in_gcm_s_axis_tdata;
  wire [31:0] gcm_s_axis_tdata = inbound_grant ? in_gcm_s_axis_tdata : out_gcm_s_axis_tdata;
  wire out_gcm_s_axis_tvalid, in_gcm_s_axis_tvalid;
  wire gcm_s_axis_tvalid = inbound_grant ? in_gcm_s_axis_tvalid : out_gcm_s_axis_tvalid;
  wire gcm_s_axis_tready;
  wire [31:0] gcm_m_axis_tdata;
  wire gcm_m_axis_tlast;
  wire gcm_m_axis_tvalid;
  wire out_gcm_m_axis_tready, in_gcm_m_axis_tready;
  wire gcm_m_axis_tready = inbound_grant ? in_gcm_m_axis_tready : out_gcm_m_axis_tready;
  wire [127:0] gcm_m_tag_tdata;
  wire gcm_m_tag_tvalid;
  wire out_gcm_m_tag_tready, in_gcm_m_tag_tready;
  wire gcm_m_tag_tready = inbound_grant ? in_gcm_m_tag_tready : out_gcm_m_tag_tready;
  wire gcm_busy;
  // mem
  wire out_mem_req_valid, in_mem_req_valid;
  wire mem_req_valid = inbound_grant ? in_mem_req_valid : out_mem_req_valid;
  wire mem_req_ready;
  wire out_mem_req_write, in_mem_req_write;
  wire mem_req_write = inbound_grant ? in_mem_req_write : out_mem_req_write;
  wire [ENTRY_BITS-1:0] out_mem_req_entry, in_mem_req_entry;
  wire [ENTRY_BITS-1:0] mem_req_entry = inbound_grant ? in_mem_req_entry : out_mem_req_entry;
  wire [6:0] out_mem_req_word, in_mem_req_word;
  wire [6:0] mem_req_word = inbound_grant ? in_mem_req_word : out_mem_req_word;
  wire [31:0] out_mem_req_wdata, in_mem_req_wdata;
  wire [31:0] mem_req_wdata = inbound_grant ? in_mem_req_wdata : out_mem_req_wdata;
  wire mem_rsp_valid;
  wire [31:0] mem_rsp_rdata;

  // unit_state takes the SA memory's answers to the granted direction's reads
  // of the key (words 32..39) and the HMAC states (48..55, 56..63), word
  // w[2:0] into bits 255-32*w[2:0], exactly as each direction loads its own
  // state register. A unit samples its key or state only on a handshake of
  // the granted direction, after that direction read the words in the same
  // packet, so it sees the same value as the direction's register, and no
  // 256-bit multiplexer is needed (in a flattened build the directions' own
  // registers then have no load and are removed).
  reg        state_rd1_v, state_rd2_v;  // sa_table answers 2 edges after a request
  reg  [6:0] state_rd1_w, state_rd2_w;
  wire       state_word = state_rd2_w[6:5] == 2'b01 && (state_rd2_w[4] || !state_rd2_w[3]);
  always @(posedge clk) begin
    if (rst) begin
      state_rd1_v <= 1'b0;
      state_rd2_v <= 1'b0;
    end else begin
      state_rd1_v <= mem_req_valid && mem_req_ready && !mem_req_write;
      state_rd2_v <= state_rd1_v;
    end
    state_rd1_w <= mem_req_word;
    state_rd2_w <= state_rd1_w;
    if (mem_rsp_valid && state_rd2_v && state_word)
      case (state_rd2_w[2:0])
        3'd0: unit_state[255:224] <= mem_rsp_rdata;
        3'd1: unit_state[223:192] <= mem_rsp_rdata;
        3'd2: unit_state[191:160] <= mem_rsp_rdata;
        3'd3: unit_state[159:128] <= mem_rsp_rdata;
        3'd4: unit_state[127:96] <= mem_rsp_rdata;
        3'd5: unit_state[95:64] <= mem_rsp_rdata;
        3'd6: unit_state[63:32] <= mem_rsp_rdata;
        default: unit_state[31:0] <= mem_rsp_rdata;
      endcase
  end

  // A host write to any key word (or an erase) makes the units' loaded keys
  // stale: the directions reuse a loaded key when its tag (the SA index)
  // matches, and the host may have rekeyed that very entry.
  localparam [127:0] KEY_WORDS = `SA_KEY_WORD_MASK;
  wire cbc_key_loaded_unit, gcm_key_loaded_unit;
  reg cbc_key_stale, gcm_key_stale;
  wire host_key_change = host_req_valid && host_req_ready &&
      (host_req_op == 2'd2 || (host_req_op == 2'd1 && KEY_WORDS[host_req_word]));
  always @(posedge clk) begin
    if (rst) begin
      cbc_key_stale <= 1'b0;
      gcm_key_stale <= 1'b0;
    end else begin
      if (host_key_change) cbc_key_stale <= 1'b1;
      else if (cbc_key_cmd_valid && cbc_key_cmd_ready) cbc_key_stale <= 1'b0;
      if (host_key_change) gcm_key_stale <= 1'b1;
      else if (gcm_key_cmd_valid && gcm_key_cmd_ready) gcm_key_stale <= 1'b0;
    end
  end
  assign cbc_key_loaded = cbc_key_loaded_unit && !cbc_key_stale;
  assign gcm_key_loaded = gcm_key_loaded_unit && !gcm_key_stale;

  // The copies of the state and the parts of the ports the engine does not
  // read (see above): equal by the contract, or zero.
  /* verilator lint_off UNUSED */
  wire unused_copies = &{1'b0, out_hmac_s_cmd_inner_state, in_hmac_s_cmd_inner_state,
                         out_cbc_key_cmd_key, in_cbc_key_cmd_key, out_gcm_key_cmd_key,
                         in_gcm_key_cmd_key, out_hmac_s_cmd_outer_state, in_hmac_s_cmd_outer_state,
                         out_cbc_key_cmd_tag[15:ENTRY_BITS], in_cbc_key_cmd_tag[15:ENTRY_BITS],
                         out_gcm_key_cmd_tag[15:ENTRY_BITS], in_gcm_key_cmd_tag[15:ENTRY_BITS],
                         in_cbc_cmd_iv, out_hmac_expected_icv};
  /* verilator lint_on UNUSED */

  wire [2:0] hmac_algorithms;
  // Bits 3/4/5: AES-128/192/256-CBC; the compact AES core has no AES-192.
  assign ciphers = {
    {2{HAS_GCM != 0}},
    HAS_AES != 0,
    HAS_AES != 0 && AES_COMPACT == 0,
    HAS_AES != 0,
    {2{HAS_TDES != 0}},
    1'b1
  };
  assign integrities = {hmac_algorithms, 1'b1};

  // ---------------- the shared units ----------------
  sa_table #(
      .ENTRY_BITS(ENTRY_BITS),
      .USE_SPRAM (USE_SPRAM)
  ) table_memory (
      .clk(clk),
      .rst(rst),
      .host_req_valid(host_req_valid),
      .host_req_ready(host_req_ready),
      .host_req_op(host_req_op),
      .host_req_entry(host_req_entry),
      .host_req_word(host_req_word),
      .host_req_wdata(host_req_wdata),
      .host_rsp_valid(host_rsp_valid),
      .host_rsp_rdata(host_rsp_rdata),
      .eng_req_valid(mem_req_valid),
      .eng_req_ready(mem_req_ready),
      .eng_req_write(mem_req_write),
      .eng_req_entry(mem_req_entry),
      .eng_req_word(mem_req_word),
      .eng_req_wdata(mem_req_wdata),
      .eng_rsp_valid(mem_rsp_valid),
      .eng_rsp_rdata(mem_rsp_rdata),
      .busy(sa_table_busy)
  );

  cbc_cipher #(
      .HAS_AES    (HAS_AES),
      .HAS_TDES   (HAS_TDES),
      .AES_COMPACT(AES_COMPACT)
  ) cbc (
      .clk(clk),
      .rst(rst),
      .key_cmd_valid(cbc_key_cmd_valid),
      .key_cmd_ready(cbc_key_cmd_ready),
      .key_cmd_cipher(cbc_key_cmd_cipher),
      .key_cmd_key(cbc_key_cmd_key),
      .key_cmd_tag(cbc_key_cmd_tag),
      .key_loaded(cbc_key_loaded_unit),
      .key_loaded_cipher(cbc_key_loaded_cipher),
      .key_loaded_tag(cbc_key_loaded_tag),
      .cmd_valid(cbc_cmd_valid),
      .cmd_ready(cbc_cmd_ready),
      .cmd_decrypt(cbc_cmd_decrypt),
      .cmd_explicit_iv(cbc_cmd_explicit_iv),
      .cmd_length(cbc_cmd_length),
      .cmd_iv(cbc_cmd_iv),
      .s_axis_tdata(cbc_s_axis_tdata),
      .s_axis_tvalid(cbc_s_axis_tvalid),
      .s_axis_tready(cbc_s_axis_tready),
      .m_axis_tdata(cbc_m_axis_tdata),
      .m_axis_tkeep(cbc_m_axis_tkeep),
      .m_axis_tlast(cbc_m_axis_tlast),
      .m_axis_tvalid(cbc_m_axis_tvalid),
      .m_axis_tready(cbc_m_axis_tready),
      .busy(cbc_busy)
  );

  hmac_engine #(
      .HAS_MD5   (HAS_MD5),
      .HAS_SHA1  (HAS_SHA1),
      .HAS_SHA256(HAS_SHA256)
  ) hmac (
      .clk(clk),
      .rst(rst),
      .s_cmd_tvalid(hmac_s_cmd_tvalid),
      .s_cmd_tready(hmac_s_cmd_tready),
      .s_cmd_alg(hmac_s_cmd_alg),
      .s_cmd_verify(hmac_s_cmd_verify),
      .s_cmd_length(hmac_s_cmd_length),
      .s_cmd_inner_state(hmac_s_cmd_inner_state),
      .s_cmd_outer_state(hmac_s_cmd_outer_state),
      .s_axis_tdata(hmac_s_axis_tdata),
      .s_axis_tkeep(hmac_s_axis_tkeep),
      .s_axis_tlast(hmac_s_axis_tlast),
      .s_axis_tvalid(hmac_s_axis_tvalid),
      .s_axis_tready(hmac_s_axis_tready),
      .m_icv_tdata(hmac_m_icv_tdata),
      .m_icv_match(hmac_m_icv_match),
      .m_icv_error(hmac_m_icv_error),
      .m_icv_tvalid(hmac_m_icv_tvalid),
      .m_icv_tready(hmac_m_icv_tready),
      .expected_icv(hmac_expected_icv),
      .algorithms(hmac_algorithms)
  );

  generate
    if (HAS_GCM != 0 && AES_COMPACT != 0) begin : g_compact_check
      // Deliberately undefined: elaboration stops here with its name. GCM
      // would bring its own full aes_core, which AES_COMPACT exists to avoid.
      esp_engine_aes_compact_needs_has_gcm_0 gcm_with_compact_aes ();
    end
    if (HAS_GCM != 0) begin : with_gcm
      gcm_cipher gcm (
          .clk(clk),
          .rst(rst),
          .key_cmd_valid(gcm_key_cmd_valid),
          .key_cmd_ready(gcm_key_cmd_ready),
          .key_cmd_aes256(gcm_key_cmd_aes256),
          .key_cmd_key(gcm_key_cmd_key),
          .key_cmd_salt(gcm_key_cmd_salt),
          .key_cmd_tag(gcm_key_cmd_tag),
          .key_loaded(gcm_key_loaded_unit),
          .key_loaded_tag(gcm_key_loaded_tag),
          .cmd_valid(gcm_cmd_valid),
          .cmd_ready(gcm_cmd_ready),
          .cmd_decrypt(gcm_cmd_decrypt),
          .cmd_iv(gcm_cmd_iv),
          .cmd_aad(gcm_cmd_aad),
          .cmd_aad_esn(gcm_cmd_aad_esn),
          .cmd_length(gcm_cmd_length),
          .s_axis_tdata(gcm_s_axis_tdata),
          .s_axis_tvalid(gcm_s_axis_tvalid),
          .s_axis_tready(gcm_s_axis_tready),
          .m_axis_tdata(gcm_m_axis_tdata),
          .m_axis_tlast(gcm_m_axis_tlast),
          .m_axis_tvalid(gcm_m_axis_tvalid),
          .m_axis_tready(gcm_m_axis_tready),
          .m_tag_tdata(gcm_m_tag_tdata),
          .m_tag_tvalid(gcm_m_tag_tvalid),
          .m_tag_tready(gcm_m_tag_tready),
          .busy(gcm_busy)
      );
    end else begin : without_gcm
      assign gcm_key_cmd_ready = 0;
      assign gcm_key_loaded_unit = 0;
      assign gcm_key_loaded_tag = 0;
      assign gcm_cmd_ready = 0;
      assign gcm_s_axis_tready = 0;
      assign gcm_m_axis_tdata = 0;
      assign gcm_m_axis_tlast = 0;
      assign gcm_m_axis_tvalid = 0;
      assign gcm_m_tag_tdata = 0;
      assign gcm_m_tag_tvalid = 0;
      assign gcm_busy = 0;
      // The directions never start GCM in this build; its inputs go nowhere.
      wire unused_gcm = &{1'b0, gcm_key_cmd_valid, gcm_key_cmd_aes256, gcm_key_cmd_key,
                          gcm_key_cmd_salt, gcm_key_cmd_tag, gcm_cmd_valid, gcm_cmd_decrypt,
                          gcm_cmd_iv, gcm_cmd_aad, gcm_cmd_aad_esn, gcm_cmd_length,
                          gcm_s_axis_tdata, gcm_s_axis_tvalid, gcm_m_axis_tready, gcm_m_tag_tready};
    end
  endgenerate

  esp_outbound #(
      .ENTRY_BITS(ENTRY_BITS),
      .HAS_GCM(HAS_GCM)
  ) outbound (
      .clk(clk),
      .rst(rst),
      .now(now),
      .offered_ciphers(ciphers),
      .offered_integrities(integrities),
      .s_cmd_tvalid(out_cmd_tvalid),
      .s_cmd_tready(out_cmd_tready),
      .s_cmd_sa(out_cmd_sa),
      .s_cmd_length(out_cmd_length),
      .s_cmd_iv_valid(out_cmd_iv_valid),
      .s_cmd_iv(out_cmd_iv),
      .s_cmd_next_header_valid(out_cmd_next_header_valid),
      .s_cmd_next_header(out_cmd_next_header),
      .s_axis_tdata(out_s_axis_tdata),
      .s_axis_tkeep(out_s_axis_tkeep),
      .s_axis_tlast(out_s_axis_tlast),
      .s_axis_tvalid(out_s_axis_tvalid),
      .s_axis_tready(out_s_axis_tready),
      .m_axis_tdata(out_m_axis_tdata),
      .m_axis_tkeep(out_m_axis_tkeep),
      .m_axis_tlast(out_m_axis_tlast),
      .m_axis_tuser(out_m_axis_tuser),
      .m_axis_tvalid(out_m_axis_tvalid),
      .m_axis_tready(out_m_axis_tready),
      .m_sts_tvalid(out_sts_tvalid),
      .m_sts_tready(out_sts_tready),
      .m_sts_code(out_sts_code),
      .m_sts_sa(out_sts_sa),
      .m_sts_spi(out_sts_spi),
      .m_sts_sequence(out_sts_sequence),
      .m_sts_length(out_sts_length),
      .m_sts_events(out_sts_events),
      .units_request(outbound_request),
      .units_grant(outbound_grant),
      .cbc_key_cmd_valid(out_cbc_key_cmd_valid),
      .cbc_key_cmd_ready(cbc_key_cmd_ready),
      .cbc_key_cmd_cipher(out_cbc_key_cmd_cipher),
      .cbc_key_cmd_key(out_cbc_key_cmd_key),
      .cbc_key_cmd_tag(out_cbc_key_cmd_tag),
      .cbc_key_loaded(cbc_key_loaded),
      .cbc_key_loaded_cipher(cbc_key_loaded_cipher),
      .cbc_key_loaded_tag(cbc_key_loaded_tag),
      .cbc_cmd_valid(out_cbc_cmd_valid),
      .cbc_cmd_ready(cbc_cmd_ready),
      .cbc_cmd_decrypt(out_cbc_cmd_decrypt),
      .cbc_cmd_explicit_iv(out_cbc_cmd_explicit_iv),
      .cbc_cmd_length(out_cbc_cmd_length),
      .cbc_cmd_iv(out_cbc_cmd_iv),
      .cbc_s_axis_tdata(out_cbc_s_axis_tdata),
      .cbc_s_axis_tvalid(out_cbc_s_axis_tvalid),
      .cbc_s_axis_tready(cbc_s_axis_tready),
      .cbc_m_axis_tdata(cbc_m_axis_tdata),
      .cbc_m_axis_tkeep(cbc_m_axis_tkeep),
      .cbc_m_axis_tlast(cbc_m_axis_tlast),
      .cbc_m_axis_tvalid(cbc_m_axis_tvalid),
      .cbc_m_axis_tready(out_cbc_m_axis_tready),
      .cbc_busy(cbc_busy),
      .hmac_s_cmd_tvalid(out_hmac_s_cmd_tvalid),
      .hmac_s_cmd_tready(hmac_s_cmd_tready),
      .hmac_s_cmd_alg(out_hmac_s_cmd_alg),
      .hmac_s_cmd_verify(out_hmac_s_cmd_verify),
      .hmac_s_cmd_length(out_hmac_s_cmd_length),
      .hmac_s_cmd_inner_state(out_hmac_s_cmd_inner_state),
      .hmac_s_cmd_outer_state(out_hmac_s_cmd_outer_state),
      .hmac_s_axis_tdata(out_hmac_s_axis_tdata),
      .hmac_s_axis_tkeep(out_hmac_s_axis_tkeep),
      .hmac_s_axis_tlast(out_hmac_s_axis_tlast),
      .hmac_s_axis_tvalid(out_hmac_s_axis_tvalid),
      .hmac_s_axis_tready(hmac_s_axis_tready),
      .hmac_m_icv_tdata(hmac_m_icv_tdata),
      .hmac_m_icv_match(hmac_m_icv_match),
      .hmac_m_icv_error(hmac_m_icv_error),
      .hmac_m_icv_tvalid(hmac_m_icv_tvalid),
      .hmac_m_icv_tready(out_hmac_m_icv_tready),
      .hmac_expected_icv(out_hmac_expected_icv),
      .gcm_key_cmd_valid(out_gcm_key_cmd_valid),
      .gcm_key_cmd_ready(gcm_key_cmd_ready),
      .gcm_key_cmd_aes256(out_gcm_key_cmd_aes256),
      .gcm_key_cmd_key(out_gcm_key_cmd_key),
      .gcm_key_cmd_salt(out_gcm_key_cmd_salt),
      .gcm_key_cmd_tag(out_gcm_key_cmd_tag),
      .gcm_key_loaded(gcm_key_loaded),
      .gcm_key_loaded_tag(gcm_key_loaded_tag),
      .gcm_cmd_valid(out_gcm_cmd_valid),
      .gcm_cmd_ready(gcm_cmd_ready),
      .gcm_cmd_decrypt(out_gcm_cmd_decrypt),
      .gcm_cmd_iv(out_gcm_cmd_iv),
      .gcm_cmd_aad(out_gcm_cmd_aad),
      .gcm_cmd_aad_esn(out_gcm_cmd_aad_esn),
      .gcm_cmd_length(out_gcm_cmd_length),
      .gcm_s_axis_tdata(out_gcm_s_axis_tdata),
      .gcm_s_axis_tvalid(out_gcm_s_axis_tvalid),
      .gcm_s_axis_tready(gcm_s_axis_tready),
      .gcm_m_axis_tdata(gcm_m_axis_tdata),
      .gcm_m_axis_tlast(gcm_m_axis_tlast),
      .gcm_m_axis_tvalid(gcm_m_axis_tvalid),
      .gcm_m_axis_tready(out_gcm_m_axis_tready),
      .gcm_m_tag_tdata(gcm_m_tag_tdata),
      .gcm_m_tag_tvalid(gcm_m_tag_tvalid),
      .gcm_m_tag_tready(out_gcm_m_tag_tready),
      .gcm_busy(gcm_busy),
      .mem_req_valid(out_mem_req_valid),
      .mem_req_ready(mem_req_ready),
      .mem_req_write(out_mem_req_write),
      .mem_req_entry(out_mem_req_entry),
      .mem_req_word(out_mem_req_word),
      .mem_req_wdata(out_mem_req_wdata),
      .mem_rsp_valid(mem_rsp_valid),
      .mem_rsp_rdata(mem_rsp_rdata)
  );

  esp_inbound #(
      .ENTRY_BITS(ENTRY_BITS),
      .HAS_GCM(HAS_GCM),
      .WINDOW(WINDOW),
      .BUFFER_BYTES(BUFFER_BYTES)
  ) inbound (
      .clk(clk),
      .rst(rst),
      .now(now),
      .offered_ciphers(ciphers),
      .offered_integrities(integrities),
      .s_cmd_tvalid(in_cmd_tvalid),
      .s_cmd_tready(in_cmd_tready),
      .s_cmd_length(in_cmd_length),
      .s_cmd_encapsulation(in_cmd_encapsulation),
      .s_axis_tdata(in_s_axis_tdata),
      .s_axis_tkeep(in_s_axis_tkeep),
      .s_axis_tlast(in_s_axis_tlast),
      .s_axis_tvalid(in_s_axis_tvalid),
      .s_axis_tready(in_s_axis_tready),
      .m_axis_tdata(in_m_axis_tdata),
      .m_axis_tkeep(in_m_axis_tkeep),
      .m_axis_tlast(in_m_axis_tlast),
      .m_axis_tuser(in_m_axis_tuser),
      .m_axis_tvalid(in_m_axis_tvalid),
      .m_axis_tready(in_m_axis_tready),
      .m_sts_tvalid(in_sts_tvalid),
      .m_sts_tready(in_sts_tready),
      .m_sts_code(in_sts_code),
      .m_sts_sa(in_sts_sa),
      .m_sts_spi(in_sts_spi),
      .m_sts_sequence(in_sts_sequence),
      .m_sts_length(in_sts_length),
      .m_sts_events(in_sts_events),
      .units_request(inbound_request),
      .units_grant(inbound_grant),
      .cbc_key_cmd_valid(in_cbc_key_cmd_valid),
      .cbc_key_cmd_ready(cbc_key_cmd_ready),
      .cbc_key_cmd_cipher(in_cbc_key_cmd_cipher),
      .cbc_key_cmd_key(in_cbc_key_cmd_key),
      .cbc_key_cmd_tag(in_cbc_key_cmd_tag),
      .cbc_key_loaded(cbc_key_loaded),
      .cbc_key_loaded_cipher(cbc_key_loaded_cipher),
      .cbc_key_loaded_tag(cbc_key_loaded_tag),
      .cbc_cmd_valid(in_cbc_cmd_valid),
      .cbc_cmd_ready(cbc_cmd_ready),
      .cbc_cmd_decrypt(in_cbc_cmd_decrypt),
      .cbc_cmd_explicit_iv(in_cbc_cmd_explicit_iv),
      .cbc_cmd_length(in_cbc_cmd_length),
      .cbc_cmd_iv(in_cbc_cmd_iv),
      .cbc_s_axis_tdata(in_cbc_s_axis_tdata),
      .cbc_s_axis_tvalid(in_cbc_s_axis_tvalid),
      .cbc_s_axis_tready(cbc_s_axis_tready),
      .cbc_m_axis_tdata(cbc_m_axis_tdata),
      .cbc_m_axis_tkeep(cbc_m_axis_tkeep),
      .cbc_m_axis_tlast(cbc_m_axis_tlast),
      .cbc_m_axis_tvalid(cbc_m_axis_tvalid),
      .cbc_m_axis_tready(in_cbc_m_axis_tready),
      .cbc_busy(cbc_busy),
      .hmac_s_cmd_tvalid(in_hmac_s_cmd_tvalid),
      .hmac_s_cmd_tready(hmac_s_cmd_tready),
      .hmac_s_cmd_alg(in_hmac_s_cmd_alg),
      .hmac_s_cmd_verify(in_hmac_s_cmd_verify),
      .hmac_s_cmd_length(in_hmac_s_cmd_length),
      .hmac_s_cmd_inner_state(in_hmac_s_cmd_inner_state),
      .hmac_s_cmd_outer_state(in_hmac_s_cmd_outer_state),
      .hmac_s_axis_tdata(in_hmac_s_axis_tdata),
      .hmac_s_axis_tkeep(in_hmac_s_axis_tkeep),
      .hmac_s_axis_tlast(in_hmac_s_axis_tlast),
      .hmac_s_axis_tvalid(in_hmac_s_axis_tvalid),
      .hmac_s_axis_tready(hmac_s_axis_tready),
      .hmac_m_icv_tdata(hmac_m_icv_tdata),
      .hmac_m_icv_match(hmac_m_icv_match),
      .hmac_m_icv_error(hmac_m_icv_error),
      .hmac_m_icv_tvalid(hmac_m_icv_tvalid),
      .hmac_m_icv_tready(in_hmac_m_icv_tready),
      .hmac_expected_icv(in_hmac_expected_icv),
      .gcm_key_cmd_valid(in_gcm_key_cmd_valid),
      .gcm_key_cmd_ready(gcm_key_cmd_ready),
      .gcm_key_cmd_aes256(in_gcm_key_cmd_aes256),
      .gcm_key_cmd_key(in_gcm_key_cmd_key),
      .gcm_key_cmd_salt(in_gcm_key_cmd_salt),
      .gcm_key_cmd_tag(in_gcm_key_cmd_tag),
      .gcm_key_loaded(gcm_key_loaded),
      .gcm_key_loaded_tag(gcm_key_loaded_tag),
      .gcm_cmd_valid(in_gcm_cmd_valid),
      .gcm_cmd_ready(gcm_cmd_ready),
      .gcm_cmd_decrypt(in_gcm_cmd_decrypt),
      .gcm_cmd_iv(in_gcm_cmd_iv),
      .gcm_cmd_aad(in_gcm_cmd_aad),
      .gcm_cmd_aad_esn(in_gcm_cmd_aad_esn),
      .gcm_cmd_length(in_gcm_cmd_length),
      .gcm_s_axis_tdata(in_gcm_s_axis_tdata),
      .gcm_s_axis_tvalid(in_gcm_s_axis_tvalid),
      .gcm_s_axis_tready(gcm_s_axis_tready),
      .gcm_m_axis_tdata(gcm_m_axis_tdata),
      .gcm_m_axis_tlast(gcm_m_axis_tlast),
      .gcm_m_axis_tvalid(gcm_m_axis_tvalid),
      .gcm_m_axis_tready(in_gcm_m_axis_tready),
      .gcm_m_tag_tdata(gcm_m_tag_tdata),
      .gcm_m_tag_tvalid(gcm_m_tag_tvalid),
      .gcm_m_tag_tready(in_gcm_m_tag_tready),
      .gcm_busy(gcm_busy),
      .mem_req_valid(in_mem_req_valid),
      .mem_req_ready(mem_req_ready),
      .mem_req_write(in_mem_req_write),
      .mem_req_entry(in_mem_req_entry),
      .mem_req_word(in_mem_req_word),
      .mem_req_wdata(in_mem_req_wdata),
      .mem_rsp_valid(mem_rsp_valid),
      .mem_rsp_rdata(mem_rsp_rdata)
  );

endmodule
`default_nettype wire
