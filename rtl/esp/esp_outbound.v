`default_nettype none
// Outbound ESP (RFC 4303) for one packet at a time: reads the SA entry,
// checks it, takes the next sequence number, drives cbc_cipher / gcm_cipher
// and hmac_engine, and streams out [outer IPv4 (+ RFC 3948 UDP) header] SPI,
// sequence, IV, ciphertext, ICV. No store and forward: the ciphertext goes to
// m_axis and into hmac_engine in the same beat, so the cipher and the HMAC
// overlap. Contract: docs/esp/engine-interfaces.md; design: docs/esp/esp_outbound.md.
module esp_outbound #(
    parameter integer ENTRY_BITS = 6,
    parameter integer HAS_GCM    = 1
) (
    input wire        clk,
    input wire        rst,
    input wire [31:0] now,
    // What the engine was built with (bit = sa_layout cipher / integrity value):
    // entries needing a unit that is not there are refused, never started.
    input wire [7:0] offered_ciphers,
    input wire [3:0] offered_integrities,

    // ---------------------------------------------------------------- command
    input  wire                  s_cmd_tvalid,
    output wire                  s_cmd_tready,
    input  wire [ENTRY_BITS-1:0] s_cmd_sa,
    input  wire [          15:0] s_cmd_length,
    input  wire                  s_cmd_iv_valid,
    input  wire [         127:0] s_cmd_iv,
    input  wire                  s_cmd_next_header_valid,
    input  wire [           7:0] s_cmd_next_header,

    // ---------------------------------------------------------------- streams
    input  wire [31:0] s_axis_tdata,
    input  wire [ 3:0] s_axis_tkeep,
    input  wire        s_axis_tlast,
    input  wire        s_axis_tvalid,
    output wire        s_axis_tready,

    output wire [31:0] m_axis_tdata,
    output wire [ 3:0] m_axis_tkeep,
    output wire        m_axis_tlast,
    output wire        m_axis_tuser,
    output wire        m_axis_tvalid,
    input  wire        m_axis_tready,

    output reg                   m_sts_tvalid,
    input  wire                  m_sts_tready,
    output reg  [           3:0] m_sts_code,
    output wire [ENTRY_BITS-1:0] m_sts_sa,
    output wire [          31:0] m_sts_spi,
    output wire [          63:0] m_sts_sequence,
    output wire [          15:0] m_sts_length,
    output reg  [           3:0] m_sts_events,

    // ---------------------------------------------------------------- sharing
    output wire units_request,
    input  wire units_grant,

    `include "esp_unit_ports.vh"
);
`include "sa_layout.vh"

  localparam [3:0] ST_OK = 4'd0, ST_NO_SA = 4'd1, ST_MALFORMED = 4'd5, ST_EXPIRED = 4'd6,
                   ST_DISABLED = 4'd7;

  // Main sequence: one packet from command to status.
  localparam [3:0] S_IDLE = 4'd0, S_GRANT = 4'd1, S_READ = 4'd2, S_CHECK = 4'd3,
                   S_PREP1 = 4'd4, S_PREP2 = 4'd5, S_KEY = 4'd6, S_STATE = 4'd7,
                   S_RUN = 4'd8, S_FAIL = 4'd9, S_STATUS = 4'd10;
  // Output phases.
  localparam [2:0] O_DONE = 3'd0, O_HDR = 3'd1, O_UDP = 3'd2, O_ESP = 3'd3, O_GIV = 3'd4,
                   O_BODY = 3'd5, O_ESN = 3'd6, O_ICV = 3'd7;
  // Read lists: the checks (+ inner state or key), the inner state, the outer
  // state, the lifetime limits again (compared with the counts after this packet).
  localparam [1:0] L_FIRST = 2'd0, L_INNER = 2'd1, L_OUTER = 2'd2, L_LIMITS = 2'd3;

  reg [3:0] state;

  // ------------------------------------------------------------- command
  reg [ENTRY_BITS-1:0] cmd_sa;
  reg [          15:0] cmd_length;
  reg                  cmd_iv_valid;
  reg [         127:0] cmd_iv;
  reg                  cmd_nh_valid;
  reg [           7:0] cmd_nh;

  assign s_cmd_tready = state == S_IDLE;
  wire cmd_take = s_cmd_tvalid && s_cmd_tready;
  wire granted = units_grant && units_request;

  // ------------------------------------------------------------- SA fields
  reg  [31:0] ctrl_w;
  reg         ctrl_known;  // word 0 arrived (the input capture needs the mode)
  reg  [31:0] spi_r;
  reg  [63:0] seq_r;  // last sent; after PREP1 the one this packet uses
  reg  [31:0] ports_r, tsrc_r, tdst_r, flags_r, salt_r;
  reg  [63:0] bytes_r, pkts_r;
  reg  [255:0] state_r;  // cipher key, then HMAC inner state, then outer state

  wire       sa_valid  = ctrl_w[`SA_VALID_LSB];
  wire       sa_enabled = ctrl_w[`SA_ENABLED_LSB];
  wire       sa_inbound = ctrl_w[`SA_DIRECTION_LSB] == `SA_DIRECTION_INBOUND;
  wire       transport = ctrl_w[`SA_MODE_LSB] == `SA_MODE_TRANSPORT;
  wire [1:0] encap = ctrl_w[`SA_ENCAPSULATION_MSB:`SA_ENCAPSULATION_LSB];
  wire       esn = ctrl_w[`SA_ESN_LSB];
  wire [3:0] cipher = ctrl_w[`SA_CIPHER_MSB:`SA_CIPHER_LSB];
  wire [2:0] integ = ctrl_w[`SA_INTEGRITY_MSB:`SA_INTEGRITY_LSB];
  wire [7:0] ttl = ctrl_w[`SA_TTL_MSB:`SA_TTL_LSB];

  wire enc_bare = encap == `SA_ENCAPSULATION_BARE_ESP;
  wire enc_udp = encap == `SA_ENCAPSULATION_IPV4_UDP;
  wire is_null = cipher == `SA_CIPHER_NULL;
  wire is_aes_cbc = cipher == `SA_CIPHER_AES128_CBC || cipher == `SA_CIPHER_AES192_CBC ||
                    cipher == `SA_CIPHER_AES256_CBC;
  wire is_cbc = is_aes_cbc || cipher == `SA_CIPHER_DES_CBC || cipher == `SA_CIPHER_TDES_CBC;
  wire is_gcm = (HAS_GCM != 0) &&
                (cipher == `SA_CIPHER_AES128_GCM || cipher == `SA_CIPHER_AES256_GCM);
  wire has_hmac = !is_gcm && integ != `SA_INTEGRITY_NONE;
  // Entries this engine cannot run (GCM left out, unknown codes, GCM with an
  // HMAC, an unknown integrity code) count as no usable SA.
  wire unsupported = !(is_null || is_cbc || is_gcm) || integ > 3'd3 || (is_gcm && integ != 3'd0) ||
                     cipher[3] || !offered_ciphers[cipher[2:0]] ||
                     !offered_integrities[integ[1:0]];

  wire [15:0] sa_tag = {{(16 - ENTRY_BITS) {1'b0}}, cmd_sa};

  // Lifetime limits are not held: each is compared word by word as it is read
  // (high word first, 0 = no limit) with the count word it limits. The first
  // read compares the counts as read (the hard limits, for S_CHECK); the
  // L_LIMITS read during S_RUN compares the counts including this packet (the
  // events written back).
  reg cmp_sb, cmp_hb, cmp_sp, cmp_hp;  // count >= limit != 0
  reg hi_gt, hi_eq, hi_nz;  // the high words of the limit being read

  // ------------------------------------------------------------- memory reads
  reg  [1:0] rd_list;
  reg  [5:0] rd_idx;
  reg  [5:0] rd_total;
  reg        key_reload;  // decided when word 0 arrives
  reg        p1_v, p2_v;  // read pipeline (sa_table answers 2 edges after the request)
  reg  [6:0] p1_a, p2_a;
  wire       rd_busy = rd_idx != rd_total;
  wire       rd_idle = !rd_busy && !p1_v && !p2_v;

  reg  [6:0] rd_addr;
  always @* begin
    rd_addr = 7'd0;
    case (rd_list)
      L_FIRST: begin
        case (rd_idx)
          6'd0: rd_addr = `SA_VALID_WORD;
          6'd1: rd_addr = `SA_EXPIRED_WORD;
          6'd2: rd_addr = `SA_SEQUENCE_WORD;
          6'd3: rd_addr = `SA_SEQUENCE_WORD + 1;
          6'd4: rd_addr = `SA_BYTE_COUNT_WORD;
          6'd5: rd_addr = `SA_BYTE_COUNT_WORD + 1;
          6'd6: rd_addr = `SA_PACKET_COUNT_WORD;
          6'd7: rd_addr = `SA_PACKET_COUNT_WORD + 1;
          6'd8: rd_addr = `SA_HARD_BYTE_LIMIT_WORD;
          6'd9: rd_addr = `SA_HARD_BYTE_LIMIT_WORD + 1;
          6'd10: rd_addr = `SA_HARD_PACKET_LIMIT_WORD;
          6'd11: rd_addr = `SA_HARD_PACKET_LIMIT_WORD + 1;
          6'd12: rd_addr = `SA_SOFT_BYTE_LIMIT_WORD;
          6'd13: rd_addr = `SA_SOFT_BYTE_LIMIT_WORD + 1;
          6'd14: rd_addr = `SA_SOFT_PACKET_LIMIT_WORD;
          6'd15: rd_addr = `SA_SOFT_PACKET_LIMIT_WORD + 1;
          6'd16: rd_addr = `SA_SPI_WORD;
          6'd17: rd_addr = `SA_UDP_SOURCE_PORT_WORD;
          6'd18: rd_addr = `SA_TUNNEL_SOURCE_WORD;
          6'd19: rd_addr = `SA_TUNNEL_DESTINATION_WORD;
          default:
            if (key_reload)
              rd_addr = rd_idx == 6'd28 ? `SA_GCM_SALT_WORD
                                        : `SA_CIPHER_KEY_WORD + {4'd0, rd_idx[2:0] - 3'd4};
            else rd_addr = `SA_HMAC_INNER_STATE_WORD + {4'd0, rd_idx[2:0] - 3'd4};
        endcase
      end
      L_INNER: rd_addr = `SA_HMAC_INNER_STATE_WORD + {4'd0, rd_idx[2:0]};
      L_OUTER: rd_addr = `SA_HMAC_OUTER_STATE_WORD + {4'd0, rd_idx[2:0]};
      default: rd_addr = `SA_SOFT_BYTE_LIMIT_WORD + {4'd0, rd_idx[2:0]};
    endcase
  end

  // Whether the key must be loaded, from word 0 as it arrives.
  wire [3:0] rsp_cipher = mem_rsp_rdata[`SA_CIPHER_MSB:`SA_CIPHER_LSB];
  wire rsp_cbc = rsp_cipher >= `SA_CIPHER_DES_CBC && rsp_cipher <= `SA_CIPHER_AES256_CBC;
  wire rsp_gcm = (HAS_GCM != 0) &&
                 (rsp_cipher == `SA_CIPHER_AES128_GCM || rsp_cipher == `SA_CIPHER_AES256_GCM);
  wire [2:0] rsp_cbc_code = rsp_cipher[2:0] - 3'd1;
  wire cbc_hit = cbc_key_loaded && cbc_key_loaded_tag == sa_tag &&
                 cbc_key_loaded_cipher == rsp_cbc_code;
  wire gcm_hit = gcm_key_loaded && gcm_key_loaded_tag == sa_tag;
  wire rsp_key_reload = rsp_cbc ? !cbc_hit : rsp_gcm ? !gcm_hit : 1'b0;

  // A limit word (words 12..19: soft bytes, hard bytes, soft packets, hard
  // packets, each high then low) against the count word it limits.
  wire        rsp_limit = p2_a >= `SA_SOFT_BYTE_LIMIT_WORD &&
                          p2_a <= `SA_HARD_PACKET_LIMIT_WORD + 1;
  wire [63:0] limited_count = p2_a[4] ? pkts_r : bytes_r;
  wire [31:0] count_word = p2_a[0] ? limited_count[31:0] : limited_count[63:32];
  wire        word_ge = count_word >= mem_rsp_rdata;
  wire        word_eq = count_word == mem_rsp_rdata;
  wire        word_nz = mem_rsp_rdata != 32'd0;
  wire        limit_reached = (hi_nz || word_nz) && (hi_gt || (hi_eq && word_ge));

  // ------------------------------------------------------------- write-back
  reg        wb_active;
  reg  [3:0] wb_idx;
  reg  [3:0] wb_total;  // 8 for an ok packet, 1 (word 25 only) for exhaustion
  reg        wb_done;
  reg        soft_ev, hard_ev;
  reg  [6:0] wb_addr;
  reg [31:0] wb_data;
  // Exhaustion (wb_total 1) sets expired; an ok packet sets it on a hard limit.
  wire [31:0] flags_new = {flags_r[31:2], flags_r[1] || soft_ev, hard_ev || wb_total == 4'd1};
  always @* begin
    case (wb_idx)
      4'd0: begin wb_addr = `SA_SEQUENCE_WORD;         wb_data = seq_r[63:32];  end
      4'd1: begin wb_addr = `SA_SEQUENCE_WORD + 1;     wb_data = seq_r[31:0];   end
      4'd2: begin wb_addr = `SA_BYTE_COUNT_WORD;       wb_data = bytes_r[63:32]; end
      4'd3: begin wb_addr = `SA_BYTE_COUNT_WORD + 1;   wb_data = bytes_r[31:0]; end
      4'd4: begin wb_addr = `SA_PACKET_COUNT_WORD;     wb_data = pkts_r[63:32]; end
      4'd5: begin wb_addr = `SA_PACKET_COUNT_WORD + 1; wb_data = pkts_r[31:0];  end
      4'd6: begin wb_addr = `SA_LAST_USED_WORD;        wb_data = now;           end
      default: begin wb_addr = `SA_EXPIRED_WORD;       wb_data = flags_new;     end
    endcase
  end
  wire [3:0] wb_word_idx = wb_total == 4'd1 ? 4'd7 : wb_idx;
  wire [6:0] wb_addr_eff;
  wire [31:0] wb_data_eff;
  assign wb_addr_eff = wb_word_idx == 4'd7 ? `SA_EXPIRED_WORD : wb_addr;
  assign wb_data_eff = wb_word_idx == 4'd7 ? flags_new : wb_data;

  assign mem_req_valid = granted && (rd_busy || wb_active);
  assign mem_req_write = wb_active;
  assign mem_req_entry = cmd_sa;
  assign mem_req_word = wb_active ? wb_addr_eff : rd_addr;
  assign mem_req_wdata = wb_data_eff;
  wire mem_fire = mem_req_valid && mem_req_ready;

  // ------------------------------------------------------------- input beats
  reg  [14:0] beats_left;  // beats of this packet not consumed yet
  reg         in_ended;  // tlast consumed (or a zero-length packet)
  reg         err_early;  // tlast before the length
  reg         err_late;  // the length reached without tlast
  reg  [ 1:0] cap_cnt;  // transport: header words 0..2 captured
  reg  [31:0] cap_w0, cap_w1, cap_w2;
  wire in_fire = s_axis_tvalid && s_axis_tready;
  wire late_now = in_fire && !s_axis_tlast && beats_left == 15'd1;
  wire cap_ready = ctrl_known && transport && cap_cnt != 2'd3 && state != S_IDLE &&
                   state != S_FAIL && state != S_STATUS;
  wire drain_ready = (beats_left == 15'd0) || state == S_FAIL;
  wire hdr_pass_ready, pt_in_ready;
  assign s_axis_tready = !in_ended && state != S_IDLE && state != S_STATUS &&
                         (cap_ready || hdr_pass_ready || pt_in_ready || drain_ready);

  // ------------------------------------------------------------- packet sizes
  reg  [ 5:0] hdr_in_bytes;  // transport: IHL * 4
  reg  [17:0] pay_bytes;  // P
  reg  [ 3:0] pad_len;
  reg  [17:0] text_bytes;  // T = P + pad + 2
  reg  [ 4:0] iv_bytes;
  reg  [ 4:0] icv_bytes;
  reg  [17:0] esp_bytes;
  reg  [17:0] out_bytes;
  reg         prep_malformed;
  reg  [15:0] ck_r;
  reg  [ 7:0] next_header;
  wire [ 3:0] ihl = cap_w0[27:24];
  wire [ 5:0] ihl_bytes = {ihl, 2'b00};
  wire [ 5:0] hdr_in_c = transport ? ihl_bytes : 6'd0;
  wire [17:0] pay_c = {2'b00, cmd_length} - {12'd0, hdr_in_c};
  wire [ 3:0] align_mask = is_aes_cbc ? 4'd15 : is_cbc ? 4'd7 : 4'd3;
  wire [17:0] pay_plus2 = pay_c + 18'd2;
  wire [ 3:0] pad_c = (~pay_plus2[3:0] + 4'd1) & align_mask;
  wire [17:0] text_c = pay_plus2 + {14'd0, pad_c};
  wire [ 4:0] iv_c = is_gcm ? 5'd8 : is_aes_cbc ? 5'd16 : is_cbc ? 5'd8 : 5'd0;
  wire [ 4:0] icv_c = is_gcm ? 5'd16 : integ == `SA_INTEGRITY_HMAC_SHA256_128 ? 5'd16
                    : integ == `SA_INTEGRITY_NONE ? 5'd0 : 5'd12;
  wire [17:0] esp_c = 18'd8 + {13'd0, iv_c} + text_c + {13'd0, icv_c};
  wire [17:0] outer_c = enc_bare ? 18'd0 : transport ? {12'd0, ihl_bytes} : 18'd20;
  wire [17:0] out_c = outer_c + (enc_udp ? 18'd8 : 18'd0) + esp_c;
  wire hdr_bad = transport && (cmd_length < 16'd20 || cap_w0[31:28] != 4'd4 || ihl < 4'd5 ||
                               {10'd0, ihl_bytes} > cmd_length || cap_w0[15:0] != cmd_length ||
                               cap_w1[13:0] != 14'd0);
  wire [7:0] out_protocol = enc_udp ? 8'd17 : 8'd50;

  // Outer header checksum: tunnel = RFC 1071 over the new header; transport =
  // RFC 1624 incremental update of the inner header's (total length, protocol).
  wire [18:0] ck_tunnel = 19'h4500 + {3'd0, out_bytes[15:0]} + {3'd0, seq_r[15:0]} +
                          {3'd0, ttl, out_protocol} + {3'd0, tsrc_r[31:16]} +
                          {3'd0, tsrc_r[15:0]} + {3'd0, tdst_r[31:16]} + {3'd0, tdst_r[15:0]};
  wire [18:0] ck_transport = {3'd0, ~cap_w2[15:0]} + {3'd0, ~cap_w0[15:0]} +
                             {3'd0, out_bytes[15:0]} + {3'd0, ~cap_w2[31:16]} +
                             {3'd0, cap_w2[31:24], out_protocol};
  wire [18:0] ck_sum = transport ? ck_transport : ck_tunnel;
  wire [16:0] ck_fold1 = {1'b0, ck_sum[15:0]} + {14'd0, ck_sum[18:16]};
  wire [15:0] ck_fold2 = ck_fold1[15:0] + {15'd0, ck_fold1[16]};

  // ------------------------------------------------------------- unit commands
  reg cip_key_pend, cip_pend, hmac_pend, outer_start;
  reg limits_pend;  // the L_LIMITS read is still to start (after the outer state)
  wire [63:0] gcm_iv = cmd_iv_valid ? cmd_iv[127:64] : seq_r;
  assign cbc_key_cmd_valid = granted && cip_key_pend && is_cbc;
  assign cbc_key_cmd_cipher = cipher[2:0] - 3'd1;
  assign cbc_key_cmd_key = state_r;
  assign cbc_key_cmd_tag = sa_tag;
  assign cbc_cmd_valid = granted && cip_pend && is_cbc;
  assign cbc_cmd_decrypt = 1'b0;
  assign cbc_cmd_explicit_iv = cmd_iv_valid;
  assign cbc_cmd_length = text_bytes[15:0];
  assign cbc_cmd_iv = cmd_iv_valid ? cmd_iv : {sa_tag, seq_r[47:0], 64'd0};

  // Without gcm_cipher (HAS_GCM = 0) its ports are constants, so nothing
  // behind them (salt, IV and AAD multiplexers) is built.
  localparam GCM = HAS_GCM != 0;
  assign gcm_key_cmd_valid = granted && cip_key_pend && is_gcm;
  assign gcm_key_cmd_aes256 = GCM && cipher == `SA_CIPHER_AES256_GCM;
  assign gcm_key_cmd_key = GCM ? state_r : 256'd0;
  assign gcm_key_cmd_salt = GCM ? salt_r : 32'd0;
  assign gcm_key_cmd_tag = GCM ? sa_tag : 16'd0;
  assign gcm_cmd_valid = granted && cip_pend && is_gcm;
  assign gcm_cmd_decrypt = 1'b0;
  assign gcm_cmd_iv = GCM ? gcm_iv : 64'd0;
  assign gcm_cmd_aad = !GCM ? 96'd0 : esn ? {spi_r, seq_r} : {spi_r, seq_r[31:0], 32'd0};
  assign gcm_cmd_aad_esn = GCM && esn;
  assign gcm_cmd_length = GCM ? text_bytes[15:0] : 16'd0;

  wire [17:0] hmac_len = 18'd8 + {13'd0, iv_bytes} + text_bytes + (esn ? 18'd4 : 18'd0);
  assign hmac_s_cmd_tvalid = granted && hmac_pend;
  assign hmac_s_cmd_alg = integ[1:0] - 2'd1;
  assign hmac_s_cmd_verify = 1'b0;
  assign hmac_s_cmd_length = hmac_len[15:0];
  // One register for both states: hmac_engine samples the inner state on the
  // command's first edge (it is idle then) and the outer one on s_cmd_tready,
  // after the inner hash; the outer words are read in between.
  assign hmac_s_cmd_inner_state = state_r;
  assign hmac_s_cmd_outer_state = state_r;
  assign hmac_expected_icv = 128'd0;

  // ------------------------------------------------------------- plaintext source
  reg  [15:0] pt_k;  // words produced
  reg  signed [17:0] pt_rel;  // 4 * pt_k - P
  reg  [15:0] pt_words;  // T / 4
  reg  [15:0] pay_words;  // ceil(P / 4)
  reg         pt_go;  // the input is at the payload
  wire        pt_active = state == S_RUN && pt_go && pt_k != pt_words;
  wire        pt_need_in = pt_k < pay_words && !in_ended;
  wire        pt_valid = !pt_need_in || s_axis_tvalid;
  wire [31:0] pt_word;
  wire        body_take;  // the body (NULL: the plaintext) moves to m_axis and the HMAC
  wire        pt_ready = is_cbc ? cbc_s_axis_tready : is_gcm ? gcm_s_axis_tready : body_take;
  wire        pt_fire = pt_active && pt_valid && pt_ready;
  assign pt_in_ready = pt_active && pt_need_in && pt_ready;
  wire [31:0] in_word = in_ended ? 32'd0 : s_axis_tdata;

  esp_outbound_plaintext plaintext (
      .rel(pt_rel),
      .pad_length(pad_len),
      .next_header(next_header),
      .payload_word(in_word),
      .word(pt_word)
  );

  assign cbc_s_axis_tdata = pt_word;
  assign cbc_s_axis_tvalid = granted && is_cbc && pt_active && pt_valid;
  assign gcm_s_axis_tdata = GCM ? pt_word : 32'd0;
  assign gcm_s_axis_tvalid = granted && is_gcm && pt_active && pt_valid;

  // ------------------------------------------------------------- cipher FIFO
  // CBC output (IV, ciphertext) waits here while hmac_engine compresses.
  wire [31:0] fifo_data;
  wire        fifo_valid, fifo_ready, fifo_take;
  esp_outbound_fifo #(
      .DEPTH_BITS(5)
  ) cipher_fifo (
      .clk(clk),
      .rst(rst),
      .s_data(cbc_m_axis_tdata),
      .s_valid(cbc_m_axis_tvalid && state == S_RUN && is_cbc),
      .s_ready(fifo_ready),
      .m_data(fifo_data),
      .m_valid(fifo_valid),
      .m_ready(fifo_take)
  );

  // ------------------------------------------------------------- output
  reg  [ 2:0] o_phase;
  reg  [15:0] o_idx;
  reg  [15:0] body_words;
  reg  [ 3:0] hdr_words;
  reg         out_v, out_last, out_user;
  reg  [31:0] out_d;
  wire        out_can_load = !out_v || m_axis_tready;
  wire [ 2:0] icv_words = icv_bytes[4:2];

  reg  [31:0] src_data;
  reg         src_valid, to_out, to_hmac;
  always @* begin
    src_data = 32'd0;
    src_valid = 1'b0;
    to_out = 1'b1;
    to_hmac = 1'b0;
    case (o_phase)
      O_HDR: begin
        to_out = !enc_bare;
        src_valid = 1'b1;
        if (!transport) begin
          case (o_idx[2:0])
            3'd0: src_data = {16'h4500, out_bytes[15:0]};
            3'd1: src_data = {seq_r[15:0], 16'h0000};
            3'd2: src_data = {ttl, out_protocol, ck_r};
            3'd3: src_data = tsrc_r;
            default: src_data = tdst_r;
          endcase
        end else begin
          case (o_idx[1:0])
            2'd0: src_data = (o_idx[3:2] == 2'd0) ? {cap_w0[31:16], out_bytes[15:0]} : in_word;
            2'd1: src_data = (o_idx[3:2] == 2'd0) ? cap_w1 : in_word;
            2'd2: src_data = (o_idx[3:2] == 2'd0) ? {cap_w2[31:24], out_protocol, ck_r} : in_word;
            default: src_data = in_word;
          endcase
          if (o_idx >= 16'd3) src_valid = in_ended || s_axis_tvalid;
        end
      end
      O_UDP: begin
        src_valid = 1'b1;
        src_data = o_idx[0] ? {esp_bytes[15:0] + 16'd8, 16'h0000} : ports_r;
      end
      O_ESP: begin
        src_valid = 1'b1;
        to_hmac = has_hmac;
        src_data = o_idx[0] ? seq_r[31:0] : spi_r;
      end
      O_GIV: begin
        src_valid = 1'b1;
        src_data = o_idx[0] ? gcm_iv[31:0] : gcm_iv[63:32];
      end
      O_BODY: begin
        to_hmac = has_hmac;
        if (is_cbc) begin
          src_valid = fifo_valid;
          src_data = fifo_data;
        end else if (is_gcm) begin
          src_valid = gcm_m_axis_tvalid;
          src_data = gcm_m_axis_tdata;
        end else begin
          src_valid = pt_active && pt_valid;
          src_data = pt_word;
        end
      end
      O_ESN: begin
        src_valid = 1'b1;
        to_out = 1'b0;
        to_hmac = 1'b1;
        src_data = seq_r[63:32];
      end
      O_ICV: begin
        src_valid = is_gcm ? gcm_m_tag_tvalid : hmac_m_icv_tvalid;
        case (o_idx[1:0])
          2'd0: src_data = is_gcm ? gcm_m_tag_tdata[127:96] : hmac_m_icv_tdata[127:96];
          2'd1: src_data = is_gcm ? gcm_m_tag_tdata[95:64] : hmac_m_icv_tdata[95:64];
          2'd2: src_data = is_gcm ? gcm_m_tag_tdata[63:32] : hmac_m_icv_tdata[63:32];
          default: src_data = is_gcm ? gcm_m_tag_tdata[31:0] : hmac_m_icv_tdata[31:0];
        endcase
      end
      default: begin
        to_out = 1'b0;
      end
    endcase
  end

  wire out_room = !to_out || out_can_load;
  wire hmac_room = !to_hmac || hmac_s_axis_tready;
  wire o_fire = state == S_RUN && src_valid && out_room && hmac_room;
  assign body_take = o_phase == O_BODY && out_can_load && (!has_hmac || hmac_s_axis_tready);

  wire body_last = o_idx == body_words - 16'd1;
  wire phase_last = o_phase == O_HDR ? o_idx == {12'd0, hdr_words} - 16'd1
                  : o_phase == O_BODY ? body_last
                  : o_phase == O_ICV ? o_idx == {13'd0, icv_words} - 16'd1
                  : o_phase == O_ESN ? 1'b1
                  : o_idx[0];
  wire o_last = (o_phase == O_ICV && phase_last) ||
                (o_phase == O_BODY && body_last && icv_words == 3'd0);

  assign hdr_pass_ready = state == S_RUN && o_phase == O_HDR && transport && o_idx >= 16'd3 &&
                          out_room;
  assign cbc_m_axis_tready = granted && state == S_RUN && is_cbc && fifo_ready;
  assign fifo_take = state == S_RUN && o_phase == O_BODY && is_cbc && out_room && hmac_room;
  assign gcm_m_axis_tready = granted && state == S_RUN && o_phase == O_BODY && is_gcm && out_room && hmac_room;
  assign hmac_m_icv_tready = granted && o_fire && o_phase == O_ICV && !is_gcm && phase_last;
  assign gcm_m_tag_tready = granted && o_fire && o_phase == O_ICV && is_gcm && phase_last;

  assign hmac_s_axis_tdata = src_data;
  assign hmac_s_axis_tkeep = 4'hf;
  assign hmac_s_axis_tlast = o_phase == O_ESN || (o_phase == O_BODY && body_last && !esn);
  assign hmac_s_axis_tvalid = state == S_RUN && granted && to_hmac && src_valid && out_room;

  assign m_axis_tdata = out_d;
  assign m_axis_tkeep = 4'hf;
  assign m_axis_tlast = out_last;
  assign m_axis_tuser = out_user;
  assign m_axis_tvalid = out_v;

  // Next phase after the last word of o_phase.
  reg [2:0] next_phase;
  always @* begin
    case (o_phase)
      O_HDR: next_phase = enc_udp ? O_UDP : O_ESP;
      O_UDP: next_phase = O_ESP;
      O_ESP: next_phase = is_gcm ? O_GIV : O_BODY;
      O_GIV: next_phase = O_BODY;
      O_BODY: next_phase = (has_hmac && esn) ? O_ESN : (icv_words != 3'd0) ? O_ICV : O_DONE;
      O_ESN: next_phase = O_ICV;
      default: next_phase = O_DONE;
    endcase
  end

  // The status fields are the packet's own registers (spi_r, seq_r, the
  // output length), cleared where the status reports 0; they hold until the
  // next command, which cannot come before the status is taken.
  assign m_sts_sa = cmd_sa;
  assign m_sts_spi = spi_r;
  assign m_sts_sequence = seq_r;
  assign m_sts_length = out_bytes[15:0];

  wire malformed_run = err_early || err_late;
  wire units_done = o_phase == O_DONE && rd_idle && !limits_pend && !hmac_pend && !cip_pend &&
                    (wb_done || (malformed_run && in_ended));
  // The request ends as soon as no unit and no memory access is left for the
  // packet: a refused packet's input drain and the last output beat leaving
  // the output register do not hold the units.
  assign units_request = state != S_IDLE && state != S_STATUS &&
                         !(state == S_FAIL && !wb_active) && !(state == S_RUN && units_done);
  wire run_done = state == S_RUN && o_phase == O_DONE && !out_v && in_ended && rd_idle &&
                  !limits_pend && !hmac_pend && !cip_pend && (wb_done || malformed_run);

  // ------------------------------------------------------------- sequencing
  always @(posedge clk) begin
    if (cmd_take) begin
      cmd_sa <= s_cmd_sa;
      cmd_length <= s_cmd_length;
      cmd_iv_valid <= s_cmd_iv_valid;
      cmd_iv <= s_cmd_iv;
      cmd_nh_valid <= s_cmd_next_header_valid;
      cmd_nh <= s_cmd_next_header;
    end

    // Read responses, routed by the word they answer.
    if (mem_rsp_valid && p2_v) begin
      case (p2_a)
        `SA_VALID_WORD: ctrl_w <= mem_rsp_rdata;
        `SA_SPI_WORD: spi_r <= mem_rsp_rdata;
        `SA_SEQUENCE_WORD: seq_r[63:32] <= mem_rsp_rdata;
        `SA_SEQUENCE_WORD + 1: seq_r[31:0] <= mem_rsp_rdata;
        `SA_UDP_SOURCE_PORT_WORD: ports_r <= mem_rsp_rdata;
        `SA_TUNNEL_SOURCE_WORD: tsrc_r <= mem_rsp_rdata;
        `SA_TUNNEL_DESTINATION_WORD: tdst_r <= mem_rsp_rdata;
        `SA_BYTE_COUNT_WORD: bytes_r[63:32] <= mem_rsp_rdata;
        `SA_BYTE_COUNT_WORD + 1: bytes_r[31:0] <= mem_rsp_rdata;
        `SA_PACKET_COUNT_WORD: pkts_r[63:32] <= mem_rsp_rdata;
        `SA_PACKET_COUNT_WORD + 1: pkts_r[31:0] <= mem_rsp_rdata;
        `SA_SOFT_BYTE_LIMIT_WORD, `SA_SOFT_BYTE_LIMIT_WORD + 1, `SA_HARD_BYTE_LIMIT_WORD,
        `SA_HARD_BYTE_LIMIT_WORD + 1, `SA_SOFT_PACKET_LIMIT_WORD, `SA_SOFT_PACKET_LIMIT_WORD + 1,
        `SA_HARD_PACKET_LIMIT_WORD, `SA_HARD_PACKET_LIMIT_WORD + 1: ;  // compared below
        `SA_EXPIRED_WORD: flags_r <= mem_rsp_rdata;
        `SA_GCM_SALT_WORD: salt_r <= mem_rsp_rdata;
        default: begin  // key, inner or outer state word p2_a[2:0]: constant selects,
          case (p2_a[2:0])  // so each word is a register with an enable (no shifter)
            3'd0: state_r[255:224] <= mem_rsp_rdata;
            3'd1: state_r[223:192] <= mem_rsp_rdata;
            3'd2: state_r[191:160] <= mem_rsp_rdata;
            3'd3: state_r[159:128] <= mem_rsp_rdata;
            3'd4: state_r[127:96] <= mem_rsp_rdata;
            3'd5: state_r[95:64] <= mem_rsp_rdata;
            3'd6: state_r[63:32] <= mem_rsp_rdata;
            default: state_r[31:0] <= mem_rsp_rdata;
          endcase
        end
      endcase
    end
    if (mem_rsp_valid && p2_v && p2_a == `SA_VALID_WORD) key_reload <= rsp_key_reload;
    if (mem_rsp_valid && p2_v && rsp_limit) begin
      if (!p2_a[0]) begin
        hi_gt <= word_ge && !word_eq;
        hi_eq <= word_eq;
        hi_nz <= word_nz;
      end else begin
        case (p2_a[4:1])
          4'b0110: cmp_sb <= limit_reached;
          4'b0111: cmp_hb <= limit_reached;
          4'b1000: cmp_sp <= limit_reached;
          default: cmp_hp <= limit_reached;
        endcase
      end
    end

    // Transport: the first three header words, checked before any output.
    if (in_fire && cap_ready) begin
      case (cap_cnt)
        2'd0: cap_w0 <= s_axis_tdata;
        2'd1: cap_w1 <= s_axis_tdata;
        default: cap_w2 <= s_axis_tdata;
      endcase
    end

    if (state == S_PREP1) begin
      hdr_in_bytes <= hdr_in_c;
      pay_bytes <= pay_c;
      pad_len <= pad_c;
      text_bytes <= text_c;
      iv_bytes <= iv_c;
      icv_bytes <= icv_c;
      esp_bytes <= esp_c;
      out_bytes <= out_c;
      prep_malformed <= hdr_bad || err_early || pay_c[17] || out_c > 18'h0ffff;
      seq_r <= seq_r + 64'd1;
      bytes_r <= bytes_r + {46'd0, pay_c};
      pkts_r <= pkts_r + 64'd1;
      next_header <= cmd_nh_valid ? cmd_nh : transport ? cap_w2[23:16] : 8'd4;
      pt_words <= text_c[17:2];
      pay_words <= pay_c[17:2] + {15'd0, pay_c[1:0] != 2'd0};
      pt_rel <= -$signed(pay_c);
      body_words <= (is_cbc ? text_c[17:2] + {13'd0, iv_c[4:2]} : text_c[17:2]);
      hdr_words <= transport ? ihl : 4'd5;
    end
    if (state == S_PREP2) ck_r <= ~ck_fold2;

    // Where the status reports 0 (refused packets: sequence, length, and the
    // SPI for no_sa; malformed ones: the sequence).
    if (state == S_FAIL && in_ended && !wb_active) begin
      seq_r <= 64'd0;
      out_bytes <= 18'd0;
      if (m_sts_code == ST_NO_SA) spi_r <= 32'd0;
    end
    if (run_done && malformed_run) seq_r <= 64'd0;

    if (o_fire && to_out) begin
      out_d <= src_data;
      out_last <= o_last;
      out_user <= o_last && (malformed_run || late_now);
    end
    if (pt_fire) pt_rel <= pt_rel + 18'sd4;
  end

  always @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      ctrl_known <= 1'b0;
      rd_list <= L_FIRST;
      rd_idx <= 6'd0;
      rd_total <= 6'd0;
      p1_v <= 1'b0;
      p2_v <= 1'b0;
      wb_active <= 1'b0;
      wb_done <= 1'b0;
      in_ended <= 1'b1;
      beats_left <= 15'd0;
      err_early <= 1'b0;
      err_late <= 1'b0;
      cap_cnt <= 2'd0;
      cip_key_pend <= 1'b0;
      cip_pend <= 1'b0;
      hmac_pend <= 1'b0;
      outer_start <= 1'b0;
      limits_pend <= 1'b0;
      pt_go <= 1'b0;
      pt_k <= 16'd0;
      o_phase <= O_DONE;
      o_idx <= 16'd0;
      out_v <= 1'b0;
      m_sts_tvalid <= 1'b0;
    end else begin
      // read pipeline
      p1_v <= mem_fire && !mem_req_write;
      p1_a <= rd_addr;
      p2_v <= p1_v;
      p2_a <= p1_a;
      if (mem_fire && !mem_req_write) rd_idx <= rd_idx + 6'd1;
      if (mem_rsp_valid && p2_v && p2_a == `SA_VALID_WORD) ctrl_known <= 1'b1;

      // write-back
      if (mem_fire && mem_req_write) begin
        if (wb_idx + 4'd1 == wb_total) begin
          wb_active <= 1'b0;
          wb_done <= 1'b1;
        end
        wb_idx <= wb_idx + 4'd1;
      end

      // input accounting
      if (in_fire) begin
        if (beats_left != 15'd0) beats_left <= beats_left - 15'd1;
        if (s_axis_tlast) in_ended <= 1'b1;
        if (s_axis_tlast && beats_left > 15'd1) err_early <= 1'b1;
        if (late_now) err_late <= 1'b1;
        if (cap_ready) cap_cnt <= cap_cnt + 2'd1;
      end

      if (pt_fire) pt_k <= pt_k + 16'd1;

      // output register
      if (m_axis_tready) out_v <= 1'b0;
      if (o_fire && to_out) out_v <= 1'b1;
      if (o_fire) begin
        if (phase_last) begin
          o_phase <= next_phase;
          o_idx <= 16'd0;
          if (o_phase == O_HDR) pt_go <= 1'b1;
        end else o_idx <= o_idx + 16'd1;
      end

      if (hmac_s_cmd_tvalid && hmac_s_cmd_tready) hmac_pend <= 1'b0;
      if ((cbc_cmd_valid && cbc_cmd_ready) || (gcm_cmd_valid && gcm_cmd_ready)) cip_pend <= 1'b0;
      if ((cbc_key_cmd_valid && cbc_key_cmd_ready) || (gcm_key_cmd_valid && gcm_key_cmd_ready))
        cip_key_pend <= 1'b0;
      if (m_sts_tvalid && m_sts_tready) m_sts_tvalid <= 1'b0;

      case (state)
        S_IDLE:
        if (cmd_take) begin
          state <= S_GRANT;
          beats_left <= s_cmd_length[15:2] + {14'd0, s_cmd_length[1:0] != 2'd0};
          in_ended <= s_cmd_length == 16'd0;
          err_early <= 1'b0;
          err_late <= 1'b0;
          cap_cnt <= 2'd0;
          ctrl_known <= 1'b0;
          wb_done <= 1'b0;
          wb_idx <= 4'd0;
          pt_k <= 16'd0;
          pt_go <= 1'b0;
          soft_ev <= 1'b0;
          hard_ev <= 1'b0;
          m_sts_events <= 4'd0;
        end
        S_GRANT:
        if (units_grant) begin
          state <= S_READ;
          rd_list <= L_FIRST;
          rd_idx <= 6'd0;
          rd_total <= 6'd28;  // 20 + inner state, or 20 + key (+ salt: 29, below)
        end
        S_READ: begin
          if (rd_idx == 6'd20 && key_reload) rd_total <= 6'd29;
          if (rd_idle && rd_total != 6'd0) state <= S_CHECK;
        end
        S_CHECK: begin
          if (!sa_valid || sa_inbound || unsupported) begin
            m_sts_code <= ST_NO_SA;
            state <= S_FAIL;
          end else if (!sa_enabled) begin
            m_sts_code <= ST_DISABLED;
            state <= S_FAIL;
          end else if (flags_r[`SA_EXPIRED_LSB] || cmp_hb || cmp_hp) begin
            m_sts_code <= ST_EXPIRED;
            state <= S_FAIL;
          end else if (seq_r[31:0] == 32'hffffffff && (!esn || seq_r[63:32] == 32'hffffffff)) begin
            m_sts_code <= ST_EXPIRED;
            m_sts_events <= 4'b0100;
            wb_total <= 4'd1;
            wb_idx <= 4'd0;
            wb_active <= 1'b1;
            state <= S_FAIL;
          end else if (!transport || cap_cnt == 2'd3 || in_ended) state <= S_PREP1;
        end
        S_PREP1: state <= S_PREP2;
        S_PREP2:
        if (prep_malformed) begin
          m_sts_code <= ST_MALFORMED;
          state <= S_FAIL;
        end else if (key_reload) begin
          cip_key_pend <= 1'b1;
          state <= S_KEY;
        end else begin
          state <= S_RUN;
          cip_pend <= !is_null;
          hmac_pend <= has_hmac;
          outer_start <= has_hmac;
          limits_pend <= 1'b1;
          o_phase <= (enc_bare && !transport) ? O_ESP : O_HDR;
          o_idx <= 16'd0;
          pt_go <= !transport;
        end
        S_KEY:
        if (!cip_key_pend) begin
          if (has_hmac) begin
            rd_list <= L_INNER;
            rd_idx <= 6'd0;
            rd_total <= 6'd8;
            state <= S_STATE;
          end else begin
            state <= S_RUN;
            cip_pend <= 1'b1;
            hmac_pend <= 1'b0;
            outer_start <= 1'b0;
            limits_pend <= 1'b1;
            o_phase <= (enc_bare && !transport) ? O_ESP : O_HDR;
            o_idx <= 16'd0;
            pt_go <= !transport;
          end
        end
        S_STATE:
        if (rd_idle) begin
          state <= S_RUN;
          cip_pend <= 1'b1;
          hmac_pend <= 1'b1;
          outer_start <= 1'b1;
          limits_pend <= 1'b1;
          o_phase <= (enc_bare && !transport) ? O_ESP : O_HDR;
          o_idx <= 16'd0;
          pt_go <= !transport;
        end
        S_RUN: begin
          if (outer_start) begin
            outer_start <= 1'b0;
            rd_list <= L_OUTER;
            rd_idx <= 6'd0;
            rd_total <= 6'd8;
          end else if (limits_pend && !rd_busy) begin
            limits_pend <= 1'b0;
            rd_list <= L_LIMITS;
            rd_idx <= 6'd0;
            rd_total <= 6'd8;
          end
          if (!wb_active && !wb_done && !malformed_run && !late_now && in_ended &&
              pt_k == pt_words && rd_idle && !outer_start && !limits_pend) begin
            soft_ev <= !flags_r[`SA_SOFT_EVENT_RAISED_LSB] && (cmp_sb || cmp_sp);
            hard_ev <= cmp_hb || cmp_hp;
            wb_total <= 4'd8;
            wb_idx <= 4'd0;
            wb_active <= 1'b1;
          end
          if (run_done) begin
            m_sts_code <= malformed_run ? ST_MALFORMED : ST_OK;
            m_sts_events <= malformed_run ? 4'd0 : {2'b00, hard_ev, soft_ev};
            m_sts_tvalid <= 1'b1;
            state <= S_STATUS;
          end
        end
        S_FAIL:
        if (in_ended && !wb_active) begin
          m_sts_tvalid <= 1'b1;
          state <= S_STATUS;
        end
        S_STATUS: if (m_sts_tready) state <= S_IDLE;
        default: state <= S_IDLE;
      endcase
    end
  end

  // Inputs the outbound direction does not need: tkeep (the command's
  // length frames the packet), the units' busy flags, compare-mode results.
  /* verilator lint_off UNUSED */
  wire unused = &{1'b0, s_axis_tkeep, cbc_m_axis_tkeep, cbc_m_axis_tlast, cbc_busy,
                  hmac_m_icv_match, hmac_m_icv_error, gcm_m_axis_tlast, gcm_busy,
                  hdr_in_bytes, pay_bytes, hmac_len[17:16], esp_bytes[17:16], wb_word_idx,
                  ctrl_w[31:24], ctrl_w[15], ctrl_w[7], icv_bytes[1:0], out_bytes[17:16]};
  /* verilator lint_on UNUSED */
endmodule
`default_nettype wire
