`default_nettype none
// The inbound direction of the ESP engine (RFC 4303): outer header checks
// (bare ESP, IPv4, IPv4 + UDP 4500), SPI -> SA index, entry checks, the
// anti-replay check, then HMAC verify and decryption overlapping on the same
// input words, the plaintext into a ping-pong buffer in block RAM, ICV and
// padding checks, window update and SA write-back, and only then the
// plaintext out (esp_inbound_emitter). Order of checks and every status as
// verif/esp_model/esp_inbound.cpp. Interface: docs/esp/esp_inbound.md and
// the ESP engine contract.
module esp_inbound #(
    parameter integer ENTRY_BITS   = 6,
    parameter integer WINDOW       = 64,
    parameter integer BUFFER_BYTES = 2048,  // per half (two packets)
    parameter integer HAS_GCM      = 1
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire [          31:0] now,
    // What the engine was built with (bit = sa_layout cipher / integrity value):
    // entries needing a unit that is not there count as no SA.
    input  wire [           7:0] offered_ciphers,
    input  wire [           3:0] offered_integrities,
    // command
    input  wire                  s_cmd_tvalid,
    output wire                  s_cmd_tready,
    input  wire [          15:0] s_cmd_length,         // received bytes
    input  wire [           1:0] s_cmd_encapsulation,  // 0 bare ESP, 1 IPv4, 2 IPv4 + UDP
    // packet in
    input  wire [          31:0] s_axis_tdata,
    /* verilator lint_off UNUSEDSIGNAL */  // the command's length frames the packet
    input  wire [           3:0] s_axis_tkeep,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                  s_axis_tlast,
    input  wire                  s_axis_tvalid,
    output wire                  s_axis_tready,
    // packet out
    output wire [          31:0] m_axis_tdata,
    output wire [           3:0] m_axis_tkeep,
    output wire                  m_axis_tlast,
    output wire                  m_axis_tuser,
    output wire                  m_axis_tvalid,
    input  wire                  m_axis_tready,
    // status
    output wire                  m_sts_tvalid,
    input  wire                  m_sts_tready,
    output wire [           3:0] m_sts_code,
    output wire [ENTRY_BITS-1:0] m_sts_sa,
    output wire [          31:0] m_sts_spi,
    output wire [          63:0] m_sts_sequence,
    output wire [          15:0] m_sts_length,
    output wire [           3:0] m_sts_events,
    // unit sharing
    output wire                  units_request,
    input  wire                  units_grant,
    `include "esp_unit_ports.vh"
);
  `include "sa_layout.vh"

  // Unit outputs this direction has no use for: the command's length frames
  // the data, and verify mode keeps the ICV inside hmac_engine.
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_unit_outputs = &{1'b0, cbc_m_axis_tkeep, cbc_m_axis_tlast, cbc_busy,
                               hmac_m_icv_tdata, gcm_m_axis_tlast, gcm_busy};
  /* verilator lint_on UNUSEDSIGNAL */

  // ------------------------------------------------------------ constants
  localparam [3:0] ST_OK = 4'd0, ST_NO_SA = 4'd1, ST_REPLAY = 4'd2, ST_AUTH = 4'd3,
                   ST_DECRYPT = 4'd4, ST_MALFORMED = 4'd5, ST_EXPIRED = 4'd6,
                   ST_DISABLED = 4'd7;
  localparam [1:0] FORM_BARE = 2'd0, FORM_IPV4 = 2'd1, FORM_UDP = 2'd2;
  localparam [1:0] WB_NONE = 2'd0, WB_AUTH = 2'd1, WB_REPLAY = 2'd2, WB_DECRYPT = 2'd3;
  // Buffer: 2^BUF_BITS words for both halves; the payload starts at word 16
  // of a half (words 0..14 hold a received IPv4 header for transport mode).
  localparam integer BUF_BITS = $clog2(BUFFER_BYTES / 2);
  localparam integer HALF_WORDS = BUFFER_BYTES / 4;
  localparam integer CAP_INT = HALF_WORDS - 16;  // plaintext words per half
  localparam [14:0] CAP_WORDS = CAP_INT[14:0];
  // Per-packet word counters: once the sizes are checked a packet's IV,
  // ciphertext, ICV and HMAC message words all fit one half.
  localparam integer CW = BUF_BITS;
  localparam [CW-1:0] CW_0 = 0, CW_1 = 1, CW_2 = 2;

  localparam [4:0] P_IDLE = 5'd0, P_HDR = 5'd1, P_ESPHDR = 5'd2, P_GRANT = 5'd3,
                   P_FETCH = 5'd4, P_CHECK = 5'd5, P_REPLAY = 5'd6, P_KEY = 5'd7,
                   P_KEYRD = 5'd8, P_KEYCMD = 5'd9, P_STATE = 5'd10, P_STATERD = 5'd11,
                   P_RUN = 5'd12, P_DECIDE = 5'd13, P_UPDATE = 5'd14, P_PAD = 5'd15,
                   P_OKCALC = 5'd16, P_OKEV = 5'd17, P_ERRCALC = 5'd18, P_WB = 5'd19,
                   P_DRAIN = 5'd20, P_HANDOFF = 5'd21, P_ERRRD = 5'd22;

  reg [4:0] st;

  // ------------------------------------------------------------ packet registers
  reg [15:0] cmd_len;
  reg [ 1:0] form;
  reg [ 3:0] sts_code;
  reg [ 1:0] wb_kind;
  reg        wr_half;
  reg [ 1:0] half_busy;
  reg        req_r;
  reg [31:0] spi;
  reg [31:0] seq_lo;
  reg [31:0] seq_hi;       // the entry's high half, then the inferred one (low: seq_lo)
  reg        seq_known;    // seq_hi holds the packet's (reported from then on)
  wire [63:0] seq = {seq_hi, seq_lo};
  wire [ENTRY_BITS-1:0] idx = spi[ENTRY_BITS-1:0];

  // outer header
  reg [ 4:0] hw;           // header word index
  reg [ 3:0] ihl;
  reg [15:0] w0_hi;        // version, IHL, TOS
  reg [ 7:0] ttl;
  reg [23:0] csum_all, csum_rest;

  // entry fields
  /* verilator lint_off UNUSEDSIGNAL */  // spare control bits
  reg [31:0] ctl;
  /* verilator lint_on UNUSEDSIGNAL */
  reg        spi_match;    // the entry holds the packet's SPI
  reg [31:0] flags_word;
  reg [63:0] byte_count, packet_count;  // read, then counted in place
  reg        bytes_wrap, packets_wrap;  // the count wrapped past 2^64 - 1
  reg [31:0] err_word;     // the error counter to increment, read again at the write-back
  reg [33:0] error_sum;    // 1 + the three error counters, summed as they arrive
  reg        error_limit;  // threshold != 0 and error_sum >= threshold
  reg [255:0] state_reg;   // cipher key, then HMAC inner state, then outer state
  reg [31:0] salt;

  // Lifetime limits, reduced as their words arrive (low word first, each
  // limit after the count it is compared with) to what the checks need: for
  // a limit L and its count c, the borrow of d = L - c (mod 2^64), whether d
  // is below 2^16 (bytes) or 1 at most (packets), d's low 16 bits (bytes),
  // and whether c >= L already (hard limits, checked before the crypto).
  // Then c + p >= L (mod 2^64, p the packet's bytes or 1) is, without a
  // wrap of c + p: borrow or p >= d; with one: borrow and p >= d.
  reg        lim_borrow;   // the low words' borrow, for the high words
  reg [15:0] lim_d16;      // d's low 16 bits
  reg        lim_lo_small; // d's low word < 2^16
  reg        lim_lo_le1;   // d's low word <= 1
  reg        lim_lo_zero;  // L's low word == 0
  reg        soft_b_on, soft_b_borrow, soft_b_small, hard_b_on, hard_b_borrow, hard_b_small;
  reg [15:0] soft_b_d16, hard_b_d16;
  reg        soft_p_on, soft_p_borrow, soft_p_le1, hard_p_on, hard_p_borrow, hard_p_le1;
  reg        hard_reached;  // c >= L for a hard limit that is set

  wire       e_valid = ctl[`SA_VALID_LSB];
  wire       e_enabled = ctl[`SA_ENABLED_LSB];
  wire       e_inbound = ctl[`SA_DIRECTION_LSB] == `SA_DIRECTION_INBOUND;
  wire       e_transport = ctl[`SA_MODE_LSB] == `SA_MODE_TRANSPORT;
  wire [1:0] e_form = ctl[`SA_ENCAPSULATION_MSB:`SA_ENCAPSULATION_LSB];
  wire       e_esn = ctl[`SA_ESN_LSB];
  wire [3:0] e_cipher = ctl[`SA_CIPHER_MSB:`SA_CIPHER_LSB];
  wire [2:0] e_integ = ctl[`SA_INTEGRITY_MSB:`SA_INTEGRITY_LSB];

  wire is_null = e_cipher == `SA_CIPHER_NULL;
  wire is_des = e_cipher == `SA_CIPHER_DES_CBC || e_cipher == `SA_CIPHER_TDES_CBC;
  wire is_aes = e_cipher >= `SA_CIPHER_AES128_CBC && e_cipher <= `SA_CIPHER_AES256_CBC;
  wire is_cbc = is_des || is_aes;
  wire is_gcm = (HAS_GCM != 0) &&
                (e_cipher == `SA_CIPHER_AES128_GCM || e_cipher == `SA_CIPHER_AES256_GCM);
  wire has_hmac = !is_gcm && e_integ != `SA_INTEGRITY_NONE;
  wire anti_replay = is_gcm || has_hmac;
  wire suite_known = (is_null && has_hmac) || (is_cbc && e_integ <= `SA_INTEGRITY_HMAC_SHA256_128)
                     || (is_gcm && e_integ == `SA_INTEGRITY_NONE);
  wire suite_offered = suite_known && !e_cipher[3] && offered_ciphers[e_cipher[2:0]] &&
                       !e_integ[2] && offered_integrities[e_integ[1:0]];
  wire [4:0] iv_bytes = is_aes ? 5'd16 : (is_des || is_gcm) ? 5'd8 : 5'd0;
  wire [4:0] icv_bytes = is_gcm ? 5'd16 : (e_integ == `SA_INTEGRITY_HMAC_SHA256_128) ? 5'd16 :
                         has_hmac ? 5'd12 : 5'd0;
  wire [1:0] hmac_alg = e_integ[1:0] - 2'd1;  // 1 MD5, 2 SHA-1, 3 SHA-256 -> 0, 1, 2
  wire [3:0] state_words = (e_integ == `SA_INTEGRITY_HMAC_MD5_96) ? 4'd4 :
                           (e_integ == `SA_INTEGRITY_HMAC_SHA1_96) ? 4'd5 : 4'd8;

  // sizes
  wire [6:0]  hdr_bytes = (form == FORM_BARE) ? 7'd0 :
                          {1'b0, ihl, 2'b00} + ((form == FORM_UDP) ? 7'd8 : 7'd0);
  wire [15:0] esp_len = cmd_len - {9'd0, hdr_bytes};
  wire [15:0] esp_need = 16'd8 + {11'd0, iv_bytes} + {11'd0, icv_bytes};
  wire [15:0] ct_bytes = esp_len - esp_need;
  wire        ct_aligned = (ct_bytes[1:0] == 2'd0) && (!is_des || ct_bytes[2] == 1'b0) &&
                           (!is_aes || ct_bytes[3:2] == 2'd0);
  wire        sizes_ok = esp_len >= esp_need && ct_bytes != 16'd0 && ct_aligned &&
                         ct_bytes[15:2] <= CAP_WORDS[13:0] && CAP_WORDS[14] == 1'b0;
  reg  [CW-1:0] ct_words;
  reg  [CW-1:0] ivct_words;  // IV and ciphertext words
  reg  [   2:0] icv_words;
  reg  [CW-1:0] msg_words;   // HMAC message words (SPI, sequence, IV, ciphertext, ESN high)

  // ------------------------------------------------------------ input framing
  reg  [14:0] in_left;      // words of the command's length not yet consumed
  reg         in_ended;     // tlast came early: zeros stand in for the rest
  reg         in_tlast_seen;
  reg         framing_err;
  reg         in_ready;     // the consumer takes a word this cycle (combinational)
  wire        in_have = in_left != 15'd0;
  wire        in_valid = in_have && (in_ended || s_axis_tvalid);
  wire [31:0] in_data = in_ended ? 32'd0 : s_axis_tdata;
  wire        in_take = in_valid && in_ready;
  wire        draining = !in_have && !in_tlast_seen && st != P_IDLE;
  assign s_axis_tready = (in_have && !in_ended && in_ready) || draining;

  // ------------------------------------------------------------ memory reads
  reg        rd_req_on, rd_rsp_on;
  reg [6:0]  rd_req_w, rd_rsp_w, rd_last;
  reg        rd_start;
  reg [6:0]  rd_start_first, rd_start_last;
  // The entry words the checks need: 0..2; then 8..19 in pairs, low word
  // first (9, 8, 11, 10, ... 19, 18: the counts before their limits); the
  // error counters 21..23 before the threshold 7; the flags 25. Other reads
  // (keys, HMAC states) are consecutive.
  function [6:0] next_word(input [6:0] w);
    if (w == 7'd2) next_word = 7'd9;
    else if (w == 7'd18) next_word = 7'd21;
    else if (w == 7'd23) next_word = 7'd7;
    else if (w == 7'd7) next_word = 7'd25;
    else if (w >= 7'd8 && w <= 7'd19) next_word = w[0] ? w - 7'd1 : w + 7'd3;
    else next_word = w + 7'd1;
  endfunction

  // memory writes
  reg        wr_on;
  reg [2:0]  wr_step;
  reg        wr_ok_list;   // 1: counters, last_used, flags; 0: an error counter, flags
  reg [3:0]  events;
  // The flags written back: the events of this packet raise theirs.
  wire [31:0] flags_new = flags_word | ({31'd0, events[1]} << `SA_EXPIRED_LSB) |
                          ({31'd0, events[0]} << `SA_SOFT_EVENT_RAISED_LSB) |
                          ({31'd0, events[3]} << `SA_ERROR_EVENT_RAISED_LSB);
  wire [31:0] err_new = err_word + 32'd1;
  wire [ 6:0] err_addr = (wb_kind == WB_AUTH) ? 7'd21 : (wb_kind == WB_REPLAY) ? 7'd22 : 7'd23;
  reg [6:0]  wr_word;
  reg [31:0] wr_data;
  always @(*) begin
    wr_word = 7'd25;
    wr_data = flags_new;
    if (wr_ok_list) begin
      case (wr_step)
        3'd0: begin wr_word = 7'd8;  wr_data = byte_count[63:32]; end
        3'd1: begin wr_word = 7'd9;  wr_data = byte_count[31:0]; end
        3'd2: begin wr_word = 7'd10; wr_data = packet_count[63:32]; end
        3'd3: begin wr_word = 7'd11; wr_data = packet_count[31:0]; end
        3'd4: begin wr_word = 7'd20; wr_data = now; end
        default: ;
      endcase
    end else if (wr_step == 3'd0) begin
      wr_word = err_addr;
      wr_data = err_new;
    end
  end
  wire [2:0] wr_last_step = wr_ok_list ? 3'd5 : 3'd1;

  // replay window (shares the memory port while the state is P_REPLAY/P_UPDATE)
  wire        rw_own = (st == P_REPLAY) || (st == P_UPDATE);
  reg         rw_issued;
  wire        rw_cmd_ready, rw_res_valid;
  wire [1:0]  rw_res_status;
  /* verilator lint_off UNUSEDSIGNAL */  // the low half is seq_lo, the command's
  wire [63:0] rw_res_sequence;
  /* verilator lint_on UNUSEDSIGNAL */
  wire        rw_mem_req_valid, rw_mem_req_write;
  wire [6:0]  rw_mem_req_word;
  wire [31:0] rw_mem_req_wdata;
  wire        rw_cmd_valid = rw_own && !rw_issued && units_grant;

  replay_window #(
      .WINDOW(WINDOW)
  ) u_replay (
      .clk(clk),
      .rst(rst),
      .cmd_valid(rw_cmd_valid),
      .cmd_ready(rw_cmd_ready),
      .cmd_update(st == P_UPDATE),
      .cmd_esn(e_esn),
      .cmd_sequence({st == P_UPDATE ? seq_hi : 32'd0, seq_lo}),
      .res_valid(rw_res_valid),
      .res_status(rw_res_status),
      .res_sequence(rw_res_sequence),
      /* verilator lint_off PINCONNECTEMPTY */
      .res_highest(),
      /* verilator lint_on PINCONNECTEMPTY */
      .mem_req_valid(rw_mem_req_valid),
      .mem_req_ready(mem_req_ready && rw_own),
      .mem_req_write(rw_mem_req_write),
      .mem_req_word(rw_mem_req_word),
      .mem_req_wdata(rw_mem_req_wdata),
      .mem_rsp_valid(mem_rsp_valid && rw_own && units_grant),
      .mem_rsp_rdata(mem_rsp_rdata)
  );

  wire my_req_valid = rd_req_on || wr_on;
  assign mem_req_valid = units_grant && (rw_own ? rw_mem_req_valid : my_req_valid);
  assign mem_req_write = rw_own ? rw_mem_req_write : wr_on;
  assign mem_req_word = rw_own ? rw_mem_req_word : (wr_on ? wr_word : rd_req_w);
  assign mem_req_wdata = rw_own ? rw_mem_req_wdata : wr_data;
  assign mem_req_entry = idx;
  wire my_req_take = units_grant && !rw_own && my_req_valid && mem_req_ready;
  wire my_rsp = units_grant && !rw_own && rd_rsp_on && mem_rsp_valid;
  wire rd_done = !rd_req_on && !rd_rsp_on && !rd_start;

  // ------------------------------------------------------------ run phase
  reg [CW-1:0] esp_w;      // words taken after the SPI and sequence
  reg [CW-1:0] hmac_idx;   // HMAC message words sent
  reg [CW-1:0] pt_idx;     // plaintext words written
  reg        hmac_cmd_pending, hmac_started, outer_started;
  reg        cbc_cmd_pending, gcm_cmd_pending;
  reg        icv_got, tag_got, auth_ok;
  reg [127:0] icv_reg;
  reg [63:0] gcm_iv;
  reg [7:0]  pad_run;      // length of the 1, 2, 3, ... run ending at the last byte
  reg        pad_ok;
  reg [7:0]  pad_len, next_header;
  reg        key_sent;

  wire run = (st == P_RUN) && units_grant;
  wire in_iv_ct = esp_w < ivct_words;
  wire gcm_iv_word = is_gcm && esp_w < CW_2;
  wire need_fifo = in_iv_ct && !gcm_iv_word;
  wire fifo_room, fifo_valid;
  wire [31:0] fifo_data;
  wire [1:0] icv_k = esp_w[1:0] - ivct_words[1:0];  // ICV word being received
  wire icv_done = !in_iv_ct && (esp_w - ivct_words) >= {{(CW - 3) {1'b0}}, icv_words};

  // HMAC message: SPI, sequence (from registers), IV and ciphertext (the
  // input words, shared with the cipher), then the ESN high half.
  wire hmac_in_stream = hmac_idx >= CW_2 && hmac_idx < CW_2 + ivct_words;
  assign hmac_s_axis_tvalid = run && has_hmac && !hmac_cmd_pending_first &&
                              (hmac_in_stream ? (in_valid && in_iv_ct && (!need_fifo || fifo_room))
                                              : hmac_idx < msg_words);
  wire hmac_cmd_pending_first = hmac_cmd_pending && !hmac_started;
  assign hmac_s_axis_tdata = (hmac_idx == CW_0) ? spi : (hmac_idx == CW_1) ? seq_lo :
                             hmac_in_stream ? in_data : seq_hi;
  assign hmac_s_axis_tkeep = 4'b1111;
  assign hmac_s_axis_tlast = hmac_idx == msg_words - CW_1;
  wire hmac_take = hmac_s_axis_tvalid && hmac_s_axis_tready;

  always @(*) begin
    in_ready = 1'b0;
    case (st)
      P_HDR, P_ESPHDR: in_ready = 1'b1;
      P_RUN:
      if (units_grant) begin
        if (in_iv_ct)
          in_ready = (!need_fifo || fifo_room) &&
                     (!has_hmac || (hmac_in_stream && hmac_s_axis_tready && !hmac_cmd_pending_first));
        else in_ready = 1'b1;
      end
      default: ;
    endcase
  end

  wire fifo_push = in_take && (st == P_RUN) && need_fifo;
  wire fifo_pop;
  esp_inbound_fifo #(
      .ADDR_BITS(6)
  ) u_fifo (
      .clk(clk),
      .rst(rst),
      .clear(st == P_IDLE),
      .push(fifo_push),
      .push_data(in_data),
      .room(fifo_room),
      .out_valid(fifo_valid),
      .out_data(fifo_data),
      .pop(fifo_pop)
  );

  assign cbc_s_axis_tvalid = run && is_cbc && fifo_valid;
  assign cbc_s_axis_tdata = fifo_data;
  assign gcm_s_axis_tvalid = run && is_gcm && fifo_valid;
  assign gcm_s_axis_tdata = fifo_data;
  wire pt_room = pt_idx != ct_words;
  assign fifo_pop = run && fifo_valid && (is_cbc ? cbc_s_axis_tready :
                                          is_gcm ? gcm_s_axis_tready : pt_room);
  assign cbc_m_axis_tready = run && is_cbc && pt_room;
  assign gcm_m_axis_tready = run && is_gcm && pt_room;
  wire pt_valid = is_cbc ? cbc_m_axis_tvalid : is_gcm ? gcm_m_axis_tvalid : fifo_valid;
  wire [31:0] pt_data = is_cbc ? cbc_m_axis_tdata : is_gcm ? gcm_m_axis_tdata : fifo_data;
  wire pt_take = run && pt_room && pt_valid;

  // RFC 4303 padding: bytes 1, 2, 3, ... before the pad length byte. The run
  // of such bytes ending at each byte is tracked as the words pass.
  function [7:0] pad_next(input [7:0] run_len, input [7:0] b);
    pad_next = (b == 8'd1 || (b != 8'd0 && run_len == b - 8'd1)) ? b : 8'd0;
  endfunction
  wire [7:0] pr1 = pad_next(pad_run, pt_data[31:24]);
  wire [7:0] pr2 = pad_next(pr1, pt_data[23:16]);
  wire [7:0] pr3 = pad_next(pr2, pt_data[15:8]);
  wire [7:0] pr4 = pad_next(pr3, pt_data[7:0]);

  // command fields
  assign hmac_s_cmd_tvalid = run && hmac_cmd_pending;
  assign hmac_s_cmd_alg = hmac_alg;
  assign hmac_s_cmd_verify = 1'b1;
  assign hmac_s_cmd_length = {{(14 - CW) {1'b0}}, msg_words, 2'b00};
  assign hmac_s_cmd_inner_state = state_reg;  // sampled on the start edge
  assign hmac_s_cmd_outer_state = state_reg;  // read in meanwhile; sampled on s_cmd_tready
  assign hmac_expected_icv = icv_reg;
  assign hmac_m_icv_tready = run && has_hmac && icv_done && !icv_got;

  assign cbc_key_cmd_valid = (st == P_KEYCMD) && units_grant && is_cbc && !key_sent;
  assign cbc_key_cmd_cipher = e_cipher[2:0] - 3'd1;
  assign cbc_key_cmd_key = state_reg;
  assign cbc_key_cmd_tag = {{(16 - ENTRY_BITS) {1'b0}}, idx};
  assign cbc_cmd_valid = run && cbc_cmd_pending;
  assign cbc_cmd_decrypt = 1'b1;
  assign cbc_cmd_explicit_iv = 1'b0;
  assign cbc_cmd_length = ct_bytes;
  assign cbc_cmd_iv = 128'd0;  // decrypt: the IV is the first input block

  assign gcm_key_cmd_valid = (st == P_KEYCMD) && units_grant && is_gcm && !key_sent;
  assign gcm_key_cmd_aes256 = e_cipher == `SA_CIPHER_AES256_GCM;
  assign gcm_key_cmd_key = state_reg;
  assign gcm_key_cmd_salt = (HAS_GCM != 0) ? salt : 32'd0;  // no salt is read without GCM
  assign gcm_key_cmd_tag = cbc_key_cmd_tag;
  assign gcm_cmd_valid = run && gcm_cmd_pending;
  assign gcm_cmd_decrypt = 1'b1;
  assign gcm_cmd_iv = gcm_iv;
  assign gcm_cmd_aad = (HAS_GCM == 0) ? 96'd0 :
                       e_esn ? {spi, seq_hi, seq_lo} : {spi, seq_lo, 32'd0};
  assign gcm_cmd_aad_esn = e_esn;
  assign gcm_cmd_length = ct_bytes;
  assign gcm_m_tag_tready = run && is_gcm && icv_done && !tag_got;
  wire gcm_tag_match;
  hmac_icv_compare u_tag_compare (
      .computed(gcm_m_tag_tdata),
      .expected(icv_reg),
      .mask({128{1'b1}}),
      .match(gcm_tag_match)
  );

  wire cbc_key_hit = cbc_key_loaded && cbc_key_loaded_tag == cbc_key_cmd_tag &&
                     cbc_key_loaded_cipher == cbc_key_cmd_cipher;
  wire gcm_key_hit = gcm_key_loaded && gcm_key_loaded_tag == gcm_key_cmd_tag;

  wire run_done = !in_have && in_tlast_seen && !pt_room && (!has_hmac || icv_got) &&
                  (!is_gcm || tag_got) && !cbc_cmd_pending && !hmac_cmd_pending &&
                  !gcm_cmd_pending && rd_done;

  // ------------------------------------------------------------ buffer and emitter
  wire [15:0] payload_len = {{(14 - CW) {1'b0}}, ct_words, 2'b00} - 16'd2 - {8'd0, pad_len};
  wire [15:0] new_total = {10'd0, ihl, 2'b00} + payload_len;
  reg  [15:0] new_checksum;
  // Writes: the received header (words 0..15 of the half), the plaintext
  // (from word 16), and for an ok packet the patched IPv4 words 0 and 2
  // (transport mode emits them; harmless otherwise), so the emitter sends
  // the half as it is.
  reg  [BUF_BITS-2:0] buf_offset;
  reg  [        31:0] buf_wdata;
  always @(*) begin
    buf_offset = pt_idx[BUF_BITS-2:0] + 16;
    buf_wdata = pt_data;
    if (st == P_HDR) begin
      buf_offset = {{(BUF_BITS - 6) {1'b0}}, hw};
      buf_wdata = in_data;
    end else if (st == P_OKCALC) begin
      buf_offset = {(BUF_BITS - 1) {1'b0}};
      buf_wdata = {w0_hi, new_total};
    end else if (st == P_OKEV) begin
      buf_offset = {{(BUF_BITS - 3) {1'b0}}, 2'd2};
      buf_wdata = {ttl, next_header, new_checksum};
    end
  end
  wire buf_we = (st == P_HDR && in_take && hw < 5'd16) || pt_take || st == P_OKCALC ||
                st == P_OKEV;
  wire buf_re;
  wire [BUF_BITS-1:0] buf_raddr;
  wire [31:0] buf_rdata;
  esp_inbound_buffer #(
      .ADDR_BITS(BUF_BITS)
  ) u_buffer (
      .clk(clk),
      .we(buf_we),
      .waddr({wr_half, buf_offset}),
      .wdata(buf_wdata),
      .re(buf_re),
      .raddr(buf_raddr),
      .rdata(buf_rdata)
  );

  // the job handed to the emitter
  wire        emit_header = e_transport && form != FORM_BARE;
  wire        job_ok = (sts_code == ST_OK) && !framing_err;
  wire        job_has_data = job_ok && ((emit_header ? 16'd4 : 16'd0) + payload_len) != 16'd0;
  wire        job_ready;
  wire        half_done, half_done_which;
  wire        job_valid = st == P_HANDOFF;

  esp_inbound_emitter #(
      .ENTRY_BITS(ENTRY_BITS),
      .ADDR_BITS(BUF_BITS),
      .PAYLOAD_OFFSET(16)
  ) u_emitter (
      .clk(clk),
      .rst(rst),
      .job_valid(job_valid),
      .job_ready(job_ready),
      .job_half(wr_half),
      .job_hdr_words((job_ok && emit_header) ? ihl : 4'd0),
      .job_payload_len(job_ok ? payload_len : 16'd0),
      .job_code(framing_err ? ST_MALFORMED : sts_code),
      .job_sa(idx),
      .job_spi(spi),
      .job_sequence(seq_known ? seq : 64'd0),
      .job_events(framing_err ? 4'd0 : events),
      .buf_re(buf_re),
      .buf_raddr(buf_raddr),
      .buf_rdata(buf_rdata),
      .half_done(half_done),
      .half_done_which(half_done_which),
      .m_axis_tdata(m_axis_tdata),
      .m_axis_tkeep(m_axis_tkeep),
      .m_axis_tlast(m_axis_tlast),
      .m_axis_tuser(m_axis_tuser),
      .m_axis_tvalid(m_axis_tvalid),
      .m_axis_tready(m_axis_tready),
      .m_sts_tvalid(m_sts_tvalid),
      .m_sts_tready(m_sts_tready),
      .m_sts_code(m_sts_code),
      .m_sts_sa(m_sts_sa),
      .m_sts_spi(m_sts_spi),
      .m_sts_sequence(m_sts_sequence),
      .m_sts_length(m_sts_length),
      .m_sts_events(m_sts_events)
  );

  assign s_cmd_tready = (st == P_IDLE) && !half_busy[wr_half];
  assign units_request = req_r;

  // ------------------------------------------------------------ header checks
  wire [3:0]  w_ihl = (hw == 5'd0) ? in_data[27:24] : ihl;
  wire [23:0] csum_next = csum_all + {8'd0, in_data[31:16]} + {8'd0, in_data[15:0]};
  wire [16:0] csum_f1 = {1'b0, csum_next[15:0]} + {9'd0, csum_next[23:16]};
  wire [15:0] csum_f2 = csum_f1[15:0] + {15'd0, csum_f1[16]};
  wire [4:0]  hdr_words_total = {1'b0, w_ihl} + ((form == FORM_UDP) ? 5'd2 : 5'd0);
  wire [15:0] w_ihl_bytes = {10'd0, w_ihl, 2'b00};
  wire [15:0] udp_len = cmd_len - w_ihl_bytes;
  reg         hdr_bad;
  always @(*) begin
    hdr_bad = 1'b0;
    if (hw == 5'd0)
      hdr_bad = in_data[31:28] != 4'd4 || in_data[27:24] < 4'd5 || in_data[15:0] != cmd_len ||
                w_ihl_bytes + ((form == FORM_UDP) ? 16'd16 : 16'd8) > cmd_len;
    else if (hw == 5'd1) hdr_bad = in_data[13:0] != 14'd0;  // MF or a fragment offset
    else if (hw == 5'd2)
      hdr_bad = in_data[23:16] != ((form == FORM_IPV4) ? 8'd50 : 8'd17);
    if (hw == {1'b0, w_ihl} - 5'd1 && csum_f2 != 16'hffff) hdr_bad = 1'b1;
    if (form == FORM_UDP && hw == {1'b0, w_ihl} && in_data[15:0] != 16'd4500) hdr_bad = 1'b1;
    if (form == FORM_UDP && hw == {1'b0, w_ihl} + 5'd1 && in_data[31:16] != udp_len)
      hdr_bad = 1'b1;
  end

  // entry checks: a limit's words against its count's (bytes: words 12..15,
  // packets: 16..19), low word first.
  wire        lim_packets = rd_rsp_w[4];
  wire [31:0] lim_count_lo = lim_packets ? packet_count[31:0] : byte_count[31:0];
  wire [31:0] lim_count_hi = lim_packets ? packet_count[63:32] : byte_count[63:32];
  wire        lim_low_word = rd_rsp_w[0];
  wire [32:0] lim_diff = {1'b0, mem_rsp_rdata} -
                         {1'b0, lim_low_word ? lim_count_lo : lim_count_hi} -
                         {32'd0, !lim_low_word && lim_borrow};
  wire        lim_on = !(lim_lo_zero && mem_rsp_rdata == 32'd0);  // L != 0
  wire        lim_hi_zero = lim_diff[31:0] == 32'd0;
  wire        lim_b = lim_diff[32];
  // c >= L: borrow, or d == 0
  wire        lim_reached = lim_on && (lim_b || (lim_hi_zero && lim_lo_le1 && !lim_d16[0]));
  // c + p >= L after the add (p = payload bytes or 1)
  function fires(input on, input borrow, input wrap, input ge);
    fires = on && (borrow ? (!wrap || ge) : (!wrap && ge));
  endfunction
  wire [33:0] error_sum_next = error_sum + {2'd0, mem_rsp_rdata};

  // ------------------------------------------------------------ the sequencer
  always @(posedge clk) begin
    rd_start <= 1'b0;
    if (rst) begin
      st <= P_IDLE;
      wr_half <= 1'b0;
      half_busy <= 2'b00;
      req_r <= 1'b0;
      rd_req_on <= 1'b0;
      rd_rsp_on <= 1'b0;
      wr_on <= 1'b0;
      rw_issued <= 1'b0;
      in_left <= 15'd0;
      in_ended <= 1'b0;
      in_tlast_seen <= 1'b1;
      framing_err <= 1'b0;
      hmac_cmd_pending <= 1'b0;
      cbc_cmd_pending <= 1'b0;
      gcm_cmd_pending <= 1'b0;
    end else begin
      // input framing
      if (in_take) begin
        in_left <= in_left - 15'd1;
        if (!in_ended) begin
          if (s_axis_tlast) begin
            in_tlast_seen <= 1'b1;
            if (in_left != 15'd1) begin
              in_ended <= 1'b1;
              framing_err <= 1'b1;
            end
          end else if (in_left == 15'd1) begin
            framing_err <= 1'b1;
          end
        end
      end
      if (draining && s_axis_tvalid && s_axis_tlast) in_tlast_seen <= 1'b1;

      // memory reads
      if (rd_start) begin
        rd_req_on <= 1'b1;
        rd_rsp_on <= 1'b1;
        rd_req_w <= rd_start_first;
        rd_rsp_w <= rd_start_first;
        rd_last <= rd_start_last;
      end
      if (my_req_take && rd_req_on) begin
        rd_req_w <= next_word(rd_req_w);
        if (rd_req_w == rd_last) rd_req_on <= 1'b0;
      end
      if (my_rsp) begin
        rd_rsp_w <= next_word(rd_rsp_w);
        if (rd_rsp_w == rd_last) rd_rsp_on <= 1'b0;
        if (rd_rsp_w >= 7'd12 && rd_rsp_w <= 7'd19) begin
          if (lim_low_word) begin
            lim_borrow <= lim_diff[32];
            lim_d16 <= lim_diff[15:0];
            lim_lo_small <= lim_diff[31:16] == 16'd0;
            lim_lo_le1 <= lim_diff[31:1] == 31'd0;
            lim_lo_zero <= mem_rsp_rdata == 32'd0;
          end else
            case (rd_rsp_w[2:1])
              2'd2: begin  // 12: soft bytes
                soft_b_on <= lim_on;
                soft_b_borrow <= lim_b;
                soft_b_small <= lim_hi_zero && lim_lo_small;
                soft_b_d16 <= lim_d16;
              end
              2'd3: begin  // 14: hard bytes
                hard_b_on <= lim_on;
                hard_b_borrow <= lim_b;
                hard_b_small <= lim_hi_zero && lim_lo_small;
                hard_b_d16 <= lim_d16;
                hard_reached <= lim_reached;
              end
              2'd0: begin  // 16: soft packets
                soft_p_on <= lim_on;
                soft_p_borrow <= lim_b;
                soft_p_le1 <= lim_hi_zero && lim_lo_le1;
              end
              default: begin  // 18: hard packets
                hard_p_on <= lim_on;
                hard_p_borrow <= lim_b;
                hard_p_le1 <= lim_hi_zero && lim_lo_le1;
                if (lim_reached) hard_reached <= 1'b1;
              end
            endcase
        end
        case (rd_rsp_w)
          7'd0: ctl <= mem_rsp_rdata;
          7'd1: spi_match <= mem_rsp_rdata == spi;
          7'd2: seq_hi <= mem_rsp_rdata;
          7'd7: error_limit <= mem_rsp_rdata != 32'd0 && error_sum >= {2'd0, mem_rsp_rdata};
          7'd8: byte_count[63:32] <= mem_rsp_rdata;
          7'd9: byte_count[31:0] <= mem_rsp_rdata;
          7'd10: packet_count[63:32] <= mem_rsp_rdata;
          7'd11: packet_count[31:0] <= mem_rsp_rdata;
          7'd21, 7'd22, 7'd23: begin  // summed; read again (one of them) to count an error
            err_word <= mem_rsp_rdata;
            error_sum <= error_sum_next;
          end
          7'd25: flags_word <= mem_rsp_rdata;
          7'd40: if (HAS_GCM != 0) salt <= mem_rsp_rdata;
          default:
          if (rd_rsp_w[5])  // 32..39, 48.., 56..
            state_reg[255-32*rd_rsp_w[2:0]-:32] <= mem_rsp_rdata;
        endcase
      end

      // memory writes
      if (my_req_take && wr_on) begin
        wr_step <= wr_step + 3'd1;
        if (wr_step == wr_last_step) wr_on <= 1'b0;
      end

      // emitter frees a half
      if (half_done) half_busy[half_done_which] <= 1'b0;

      case (st)
        P_IDLE:
        if (s_cmd_tvalid && s_cmd_tready) begin
          cmd_len <= s_cmd_length;
          form <= s_cmd_encapsulation;
          in_left <= {1'b0, s_cmd_length[15:2]} + {14'd0, s_cmd_length[1:0] != 2'd0};
          in_ended <= 1'b0;
          // A zero-length packet has no beats: nothing to drain.
          in_tlast_seen <= s_cmd_length == 16'd0;
          framing_err <= 1'b0;
          sts_code <= ST_MALFORMED;
          wb_kind <= WB_NONE;
          spi <= 32'd0;
          seq_known <= 1'b0;
          error_sum <= 34'd1;
          events <= 4'd0;
          hw <= 5'd0;
          ihl <= 4'd5;
          csum_all <= 24'd0;
          csum_rest <= 24'd0;
          if (s_cmd_encapsulation == FORM_BARE) begin
            if (s_cmd_length < 16'd8) begin
              in_left <= 15'd0;
              st <= P_DRAIN;
            end else st <= P_ESPHDR;
          end else if (s_cmd_encapsulation == 2'd3 || s_cmd_length < 16'd20) begin
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else st <= P_HDR;
        end

        P_HDR:
        if (in_take) begin
          hw <= hw + 5'd1;
          csum_all <= csum_next;
          if (hw == 5'd0) begin
            ihl <= in_data[27:24];
            w0_hi <= in_data[31:16];
            csum_rest <= csum_rest + {8'd0, in_data[31:16]};
          end else if (hw < {1'b0, w_ihl} && hw != 5'd2) begin
            csum_rest <= csum_rest + {8'd0, in_data[31:16]} + {8'd0, in_data[15:0]};
          end
          if (hw == 5'd2) ttl <= in_data[31:24];
          if (hdr_bad) begin
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else if (hw == hdr_words_total - 5'd1) begin
            hw <= 5'd0;
            st <= P_ESPHDR;
          end
        end

        P_ESPHDR:
        if (in_take) begin
          hw <= hw + 5'd1;
          if (hw == 5'd0) begin
            spi <= in_data;
            if (in_data == 32'd0) begin  // SPI 0: not ESP (RFC 4303 section 2.1)
              in_left <= 15'd0;
              st <= P_DRAIN;
            end
          end else begin
            seq_lo <= in_data;
            req_r <= 1'b1;
            st <= P_GRANT;
          end
        end

        P_GRANT:
        if (units_grant) begin
          rd_start <= 1'b1;
          rd_start_first <= 7'd0;
          rd_start_last <= 7'd25;
          st <= P_FETCH;
        end

        P_FETCH: if (rd_done) st <= P_CHECK;

        P_CHECK: begin
          ct_words <= ct_bytes[CW+1:2];
          ivct_words <= {{(CW - 3) {1'b0}}, iv_bytes[4:2]} + ct_bytes[CW+1:2];
          icv_words <= icv_bytes[4:2];
          msg_words <= CW_2 + {{(CW - 3) {1'b0}}, iv_bytes[4:2]} + ct_bytes[CW+1:2] +
                       {{(CW - 1) {1'b0}}, e_esn};
          if (!e_valid || !e_inbound || !spi_match || !suite_offered) begin
            sts_code <= ST_NO_SA;
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else if (!e_enabled) begin
            sts_code <= ST_DISABLED;
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else if (flags_word[`SA_EXPIRED_LSB] || hard_reached) begin
            sts_code <= ST_EXPIRED;
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else if (e_form != form || !sizes_ok) begin
            sts_code <= ST_MALFORMED;
            in_left <= 15'd0;
            st <= P_DRAIN;
          end else if (anti_replay) begin
            st <= P_REPLAY;
          end else begin
            if (!e_esn) seq_hi <= 32'd0;  // else the entry's high half, read into it
            seq_known <= 1'b1;
            st <= P_KEY;
          end
        end

        P_REPLAY: begin
          if (rw_cmd_valid && rw_cmd_ready) rw_issued <= 1'b1;
          if (rw_issued && rw_res_valid) begin
            rw_issued <= 1'b0;
            if (rw_res_status == 2'd0) begin
              seq_hi <= rw_res_sequence[63:32];  // the low half is seq_lo's
              seq_known <= 1'b1;
              st <= P_KEY;
            end else begin
              sts_code <= ST_REPLAY;
              wb_kind <= WB_REPLAY;
              in_left <= 15'd0;
              st <= P_DRAIN;
            end
          end
        end

        P_KEY: begin
          key_sent <= 1'b0;
          if ((is_cbc && !cbc_key_hit) || (is_gcm && !gcm_key_hit)) begin
            rd_start <= 1'b1;
            rd_start_first <= 7'd32;
            rd_start_last <= is_gcm ? 7'd40 : 7'd39;
            st <= P_KEYRD;
          end else st <= P_STATE;
        end

        P_KEYRD: if (rd_done) st <= P_KEYCMD;

        P_KEYCMD:
        if ((cbc_key_cmd_valid && cbc_key_cmd_ready) || (gcm_key_cmd_valid && gcm_key_cmd_ready))
          st <= P_STATE;

        P_STATE:
        if (has_hmac) begin
          rd_start <= 1'b1;
          rd_start_first <= 7'd48;
          rd_start_last <= 7'd47 + {3'd0, state_words};
          st <= P_STATERD;
        end else st <= P_STATERD;

        P_STATERD:
        if (rd_done) begin
          esp_w <= CW_0;
          hmac_idx <= CW_0;
          pt_idx <= CW_0;
          pad_run <= 8'd0;
          icv_reg <= 128'd0;
          icv_got <= 1'b0;
          tag_got <= 1'b0;
          auth_ok <= !has_hmac && !is_gcm;
          hmac_cmd_pending <= has_hmac;
          hmac_started <= 1'b0;
          outer_started <= 1'b0;
          cbc_cmd_pending <= is_cbc;
          st <= P_RUN;
        end

        P_RUN: begin
          if (hmac_s_cmd_tvalid) hmac_started <= 1'b1;  // the unit is idle: this edge starts it
          if (hmac_s_cmd_tvalid && hmac_s_cmd_tready) hmac_cmd_pending <= 1'b0;
          if (run && hmac_started && !outer_started) begin
            outer_started <= 1'b1;
            rd_start <= 1'b1;
            rd_start_first <= 7'd56;
            rd_start_last <= 7'd55 + {3'd0, state_words};
          end
          if (cbc_cmd_valid && cbc_cmd_ready) cbc_cmd_pending <= 1'b0;
          if (gcm_cmd_valid && gcm_cmd_ready) gcm_cmd_pending <= 1'b0;
          if (hmac_take) hmac_idx <= hmac_idx + CW_1;
          if (in_take) begin
            esp_w <= esp_w + CW_1;
            if (gcm_iv_word) begin
              if (esp_w == CW_0) gcm_iv[63:32] <= in_data;
              else begin
                gcm_iv[31:0] <= in_data;
                gcm_cmd_pending <= 1'b1;
              end
            end
            if (!in_iv_ct && !icv_done)
              case (icv_k)
                2'd0: icv_reg[127:96] <= in_data;
                2'd1: icv_reg[95:64] <= in_data;
                2'd2: icv_reg[63:32] <= in_data;
                default: icv_reg[31:0] <= in_data;
              endcase
          end
          if (pt_take) begin
            pt_idx <= pt_idx + CW_1;
            pad_run <= pr4;
            if (pt_idx == ct_words - CW_1) begin
              pad_len <= pt_data[15:8];
              next_header <= pt_data[7:0];
              pad_ok <= pt_data[15:8] == 8'd0 || pr2 == pt_data[15:8];
            end
          end
          if (hmac_m_icv_tvalid && hmac_m_icv_tready) begin
            icv_got <= 1'b1;
            auth_ok <= hmac_m_icv_match && !hmac_m_icv_error;
          end
          if (gcm_m_tag_tvalid && gcm_m_tag_tready) begin
            tag_got <= 1'b1;
            auth_ok <= gcm_tag_match;
          end
          if (run_done) st <= P_DECIDE;
        end

        P_DECIDE:
        if (framing_err) begin
          st <= P_HANDOFF;
          req_r <= 1'b0;
        end else if (!auth_ok) begin
          sts_code <= ST_AUTH;
          wb_kind <= WB_AUTH;
          st <= P_ERRCALC;
        end else if (anti_replay) st <= P_UPDATE;
        else st <= P_PAD;

        P_UPDATE: begin
          if (rw_cmd_valid && rw_cmd_ready) rw_issued <= 1'b1;
          if (rw_issued && rw_res_valid) begin
            rw_issued <= 1'b0;
            if (rw_res_status == 2'd0) st <= P_PAD;
            else begin
              sts_code <= ST_REPLAY;
              wb_kind <= WB_REPLAY;
              st <= P_ERRCALC;
            end
          end
        end

        P_PAD:
        if (!pad_ok) begin
          sts_code <= ST_DECRYPT;
          wb_kind <= WB_DECRYPT;
          st <= P_ERRCALC;
        end else begin
          sts_code <= ST_OK;
          {bytes_wrap, byte_count} <= {1'b0, byte_count} + {49'd0, payload_len};
          {packets_wrap, packet_count} <= {1'b0, packet_count} + 65'd1;
          st <= P_OKCALC;
        end

        P_OKCALC: begin
          // RFC 1071 checksum of the transport header with its new fields
          new_checksum <= ~fold16(csum_rest + {8'd0, new_total} + {8'd0, ttl, next_header});
          events[0] <= !flags_word[`SA_SOFT_EVENT_RAISED_LSB] &&
                       (fires(soft_b_on, soft_b_borrow, bytes_wrap,
                              soft_b_small && payload_len >= soft_b_d16) ||
                        fires(soft_p_on, soft_p_borrow, packets_wrap, soft_p_le1));
          events[1] <= !flags_word[`SA_EXPIRED_LSB] &&
                       (fires(hard_b_on, hard_b_borrow, bytes_wrap,
                              hard_b_small && payload_len >= hard_b_d16) ||
                        fires(hard_p_on, hard_p_borrow, packets_wrap, hard_p_le1));
          st <= P_OKEV;
        end

        P_OKEV: begin
          wr_ok_list <= 1'b1;
          wr_step <= 3'd0;
          wr_on <= 1'b1;
          st <= P_WB;
        end

        P_ERRCALC: begin
          if (error_limit && !flags_word[`SA_ERROR_EVENT_RAISED_LSB]) events[3] <= 1'b1;
          rd_start <= 1'b1;
          rd_start_first <= err_addr;
          rd_start_last <= err_addr;
          st <= P_ERRRD;
        end

        P_ERRRD:
        if (rd_done) begin
          wr_ok_list <= 1'b0;
          wr_step <= 3'd0;
          wr_on <= 1'b1;
          st <= P_WB;
        end

        P_WB:
        if (!wr_on) begin
          req_r <= 1'b0;
          st <= P_HANDOFF;
        end

        P_DRAIN:
        if (in_tlast_seen) begin
          if (wb_kind != WB_NONE && !framing_err) st <= P_ERRCALC;
          else begin
            req_r <= 1'b0;
            st <= P_HANDOFF;
          end
        end

        P_HANDOFF:
        if (job_ready) begin
          if (job_has_data) begin
            half_busy[wr_half] <= 1'b1;
            wr_half <= !wr_half;
          end
          st <= P_IDLE;
        end

        default: st <= P_IDLE;
      endcase
    end
  end

  function [15:0] fold16(input [23:0] s);
    reg [16:0] f1;
    begin
      f1 = {1'b0, s[15:0]} + {9'd0, s[23:16]};
      fold16 = f1[15:0] + {15'd0, f1[16]};
    end
  endfunction
endmodule
`default_nettype wire
