`default_nettype none
// The ESP engine's integrity unit: HMAC-MD5-96, HMAC-SHA1-96 and
// HMAC-SHA-256-128 over a byte stream, from the inner and outer chaining
// states the host precomputed (key XOR ipad / opad, compressed once).
//
// Per message: a command (algorithm, both states, length in bytes), the
// message on a 32-bit AXI-Stream in network order, and one ICV out (or, in
// verify mode, a constant-time match against `expected_icv`; the ICV itself
// then stays inside). The unit pads in hardware and runs the outer hash
// itself. See docs/esp/hmac_engine.md for the exact timing.
//
// The command is held by its sender until s_cmd_tready (AXI rule): the unit
// reads the inner state at the start and the outer state when the inner
// hash is done, so it keeps no 512-bit copy of the command.
module hmac_engine #(
    // 0 leaves a core out (small FPGAs); `algorithms` tells the driver.
    parameter HAS_MD5    = 1,
    parameter HAS_SHA1   = 1,
    parameter HAS_SHA256 = 1
) (
    input  wire         clk,
    input  wire         rst,
    // Command: sampled from the first edge with s_cmd_tvalid while the unit is
    // free; must stay stable until the s_cmd_tready edge (end of inner hash).
    input  wire         s_cmd_tvalid,
    output wire         s_cmd_tready,
    input  wire [1:0]   s_cmd_alg,          // 0 MD5, 1 SHA-1, 2 SHA-256
    input  wire         s_cmd_verify,       // 1: compare with expected_icv, do not output the ICV
    input  wire [15:0]  s_cmd_length,       // message bytes, 0..65535
    input  wire [255:0] s_cmd_inner_state,  // left-aligned: SHA-256 H0..H7, SHA-1 H0..H4 in
    input  wire [255:0] s_cmd_outer_state,  //   [255:96], MD5 A..D in [255:128]
    // Message, network byte order, tkeep/tlast on the last beat only.
    input  wire [31:0]  s_axis_tdata,
    input  wire [3:0]   s_axis_tkeep,
    input  wire         s_axis_tlast,
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    // Result: ICV byte 0 in [127:120]; 96-bit ICVs leave [31:0] zero.
    output wire [127:0] m_icv_tdata,   // zero in verify mode
    output wire         m_icv_match,   // computed ICV == expected_icv (its bits only)
    output wire         m_icv_error,   // framing (tlast/tkeep vs length) or algorithm not built in
    output reg          m_icv_tvalid,
    input  wire         m_icv_tready,
    input  wire [127:0] expected_icv,  // same layout as m_icv_tdata; held while m_icv_tvalid
    output wire [2:0]   algorithms     // bit a: algorithm a is built in
);
  localparam [1:0] ALG_MD5 = 2'd0, ALG_SHA1 = 2'd1, ALG_SHA256 = 2'd2;
  localparam [1:0] IDLE = 2'd0, INNER = 2'd1, OUTER = 2'd2;

  assign algorithms = {HAS_SHA256 != 0, HAS_SHA1 != 0, HAS_MD5 != 0};
  // A SHA-1-only build (the smallest boards) uses sha1_core's small form:
  // H added one word per clock, 85 clocks per block and 6 per load instead
  // of 81 and 2 (docs/esp/hmac_engine.md).
  localparam SHA1_SERIAL_FINISH = (HAS_MD5 == 0 && HAS_SHA256 == 0) ? 1 : 0;

  // ---------------------------------------------------------------- control
  reg [1:0] phase;
  reg [1:0] msg_alg;      // algorithm of the message in progress
  reg       msg_verify;
  reg       done_seen;    // the core finished the part's last block
  wire      words_busy;   // the word source still has words of the part
  wire      core_done;    // selected core's block_done (1 without a core)

  wire part_finished = (phase != IDLE) && !words_busy && (core_done || done_seen);
  // The digest register holds the pending ICV until it is taken.
  wire to_outer = (phase == INNER) && part_finished && !m_icv_tvalid;
  wire finish   = (phase == OUTER) && part_finished;
  wire start    = s_cmd_tvalid && ((phase == IDLE) || finish);

  assign s_cmd_tready = to_outer;

  always @(posedge clk) begin
    if (rst) begin
      phase     <= IDLE;
      done_seen <= 1'b0;
    end else begin
      if (start) phase <= INNER;
      else if (to_outer) phase <= OUTER;
      else if (finish) phase <= IDLE;
      if (to_outer || finish) done_seen <= 1'b0;
      else if (phase != IDLE && !words_busy && core_done) done_seen <= 1'b1;
    end
  end

  always @(posedge clk) begin
    if (start) begin
      msg_alg    <= s_cmd_alg;
      msg_verify <= s_cmd_verify;
    end
  end

  wire msg_md5    = (msg_alg == ALG_MD5);
  wire msg_sha1   = (msg_alg == ALG_SHA1);
  wire msg_sha256 = (msg_alg == ALG_SHA256);
  // The outer part's shape only matters for a built-in algorithm (the words
  // of one that is not built in are dropped), so a one-hash build makes it
  // a constant.
  wire part_md5    = msg_md5 && HAS_MD5 != 0;
  wire part_sha1   = msg_sha1 || HAS_SHA256 == 0;  // else 8 digest words (SHA-256 and 3)
  wire msg_supported = (msg_md5 && HAS_MD5 != 0) || (msg_sha1 && HAS_SHA1 != 0) ||
                       (msg_sha256 && HAS_SHA256 != 0);

  // ------------------------------------------------------------ word source
  // The inner part starts with the command, the outer part as the inner
  // digest is captured (4, 5 or 8 digest words; length (64 + 16/20/32) * 8).
  reg [255:0] digest;
  wire        digest_next;
  wire [31:0] word;
  wire        word_valid;
  wire        word_ready;
  wire        framing_error;
  wire [16:0] inner_bytes = {1'b0, s_cmd_length} + 17'd64;

  hmac_word_source words (
      .clk(clk),
      .rst(rst),
      .start(start || to_outer),
      .start_words(to_outer ? (part_md5 ? 14'd4 : part_sha1 ? 14'd5 : 14'd8) : s_cmd_length[15:2]),
      .start_tail(to_outer ? 2'd0 : s_cmd_length[1:0]),
      .start_bitlen(to_outer ? (part_md5 ? 20'd640 : part_sha1 ? 20'd672 : 20'd768)
                             : {inner_bytes, 3'b000}),
      .start_from_stream(!to_outer),
      .md5(part_md5),
      .s_axis_tdata(s_axis_tdata),
      .s_axis_tkeep(s_axis_tkeep),
      .s_axis_tlast(s_axis_tlast),
      .s_axis_tvalid(s_axis_tvalid),
      .s_axis_tready(s_axis_tready),
      .digest_word(digest[255:224]),
      .digest_next(digest_next),
      .m_word(word),
      .m_valid(word_valid),
      .m_ready(word_ready),
      .busy(words_busy),
      .framing_error(framing_error)
  );

  // ------------------------------------------------------------------ cores
  // One state_in for all cores: the inner state when a message starts, the
  // outer state when the inner hash is done (the only load during INNER).
  // Without SHA-256 (HAS_SHA256 = 0) the low 96 bits are not used.
  /* verilator lint_off UNUSEDSIGNAL */
  wire [255:0] load_state = (phase == INNER) ? s_cmd_outer_state : s_cmd_inner_state;
  /* verilator lint_on UNUSEDSIGNAL */
  wire [1:0]   load_alg = (phase == INNER) ? msg_alg : s_cmd_alg;
  wire         load = start || to_outer;

  wire [127:0] md5_state;
  wire [159:0] sha1_state;
  wire [255:0] sha256_state;
  wire md5_ready, sha1_ready, sha256_ready;
  wire md5_done, sha1_done, sha256_done;

  generate
    if (HAS_MD5 != 0) begin : g_md5
      wire md5_busy_unused, md5_idle_unused;
      md5_core md5 (
          .clk(clk),
          .rst(rst),
          .init(1'b0),
          .state_load(load && load_alg == ALG_MD5),
          .state_in(load_state[255:128]),
          .state_out(md5_state),
          .s_axis_tdata(word),
          .s_axis_tvalid(word_valid && msg_md5),
          .s_axis_tready(md5_ready),
          .busy(md5_busy_unused),
          .idle(md5_idle_unused),
          .block_done(md5_done)
      );
    end else begin : g_no_md5
      assign md5_state = 128'd0;
      assign md5_ready = 1'b1;  // without a core, words are dropped
      assign md5_done  = 1'b1;
    end

    if (HAS_SHA1 != 0) begin : g_sha1
      wire sha1_idle_unused;
      sha1_core #(
          .SERIAL_FINISH(SHA1_SERIAL_FINISH)
      ) sha1 (
          .clk(clk),
          .rst(rst),
          .init(1'b0),
          .state_load(load && load_alg == ALG_SHA1),
          .state_in(load_state[255:96]),
          .state_out(sha1_state),
          .s_axis_tdata(word),
          .s_axis_tvalid(word_valid && msg_sha1),
          .s_axis_tready(sha1_ready),
          .idle(sha1_idle_unused),
          .block_done(sha1_done)
      );
    end else begin : g_no_sha1
      assign sha1_state = 160'd0;
      assign sha1_ready = 1'b1;
      assign sha1_done  = 1'b1;
    end

    if (HAS_SHA256 != 0) begin : g_sha256
      wire sha256_idle_unused;
      sha256_core sha256 (
          .clk(clk),
          .rst(rst),
          .init(1'b0),
          .state_load(load && load_alg == ALG_SHA256),
          .state_in(load_state),
          .state_out(sha256_state),
          .s_axis_tdata(word),
          .s_axis_tvalid(word_valid && msg_sha256),
          .s_axis_tready(sha256_ready),
          .idle(sha256_idle_unused),
          .block_done(sha256_done)
      );
    end else begin : g_no_sha256
      assign sha256_state = 256'd0;
      assign sha256_ready = 1'b1;
      assign sha256_done  = 1'b1;
    end
  endgenerate

  // An algorithm that is not built in (or 3) drops its words and "finishes"
  // at once; its ICV is flagged with m_icv_error.
  wire selected_md5    = msg_md5 && HAS_MD5 != 0;
  wire selected_sha1   = msg_sha1 && HAS_SHA1 != 0;
  wire selected_sha256 = msg_sha256 && HAS_SHA256 != 0;
  assign word_ready = selected_md5 ? md5_ready : selected_sha1 ? sha1_ready :
                      selected_sha256 ? sha256_ready : 1'b1;
  assign core_done  = selected_md5 ? md5_done : selected_sha1 ? sha1_done :
                      selected_sha256 ? sha256_done : 1'b1;

  // ---------------------------------------------------------------- digest
  // Captures the inner digest (shifted out word by word into the outer hash)
  // and then the final digest (the ICV, until it is taken).
  wire [255:0] core_state = selected_md5 ? {md5_state, 128'd0} :
                            selected_sha1 ? {sha1_state, 96'd0} :
                            selected_sha256 ? sha256_state : 256'd0;

  always @(posedge clk) begin
    if (to_outer || finish) digest <= core_state;
    else if (digest_next) digest <= {digest[223:0], 32'd0};
  end

  // ------------------------------------------------------------------- ICV
  reg [1:0] icv_alg;
  reg       icv_verify, icv_error;
  always @(posedge clk) begin
    if (rst) m_icv_tvalid <= 1'b0;
    else if (finish) m_icv_tvalid <= 1'b1;
    else if (m_icv_tready) m_icv_tvalid <= 1'b0;
    if (finish) begin
      icv_alg    <= msg_alg;
      icv_verify <= msg_verify;
      icv_error  <= framing_error || !msg_supported;
    end
  end

  // MD5's digest bytes are its words written little-endian. The ICV of an
  // algorithm that is not built in is meaningless, so a build without MD5
  // (or SHA-256) has no swap (or a constant 96-bit mask).
  wire [127:0] top = digest[255:128];
  wire icv_md5    = icv_alg == ALG_MD5 && HAS_MD5 != 0;
  wire icv_sha256 = icv_alg == ALG_SHA256 && HAS_SHA256 != 0;
  wire [127:0] digest_bytes = icv_md5 ?
      {top[103:96], top[111:104], top[119:112], top[127:120],
       top[71:64], top[79:72], top[87:80], top[95:88],
       top[39:32], top[47:40], top[55:48], top[63:56],
       top[7:0], top[15:8], top[23:16], top[31:24]} : top;
  wire [127:0] icv_mask = icv_sha256 ? {128{1'b1}} : {{96{1'b1}}, 32'd0};
  wire [127:0] icv = digest_bytes & icv_mask;

  assign m_icv_tdata = icv_verify ? 128'd0 : icv;
  assign m_icv_error = icv_error;

  hmac_icv_compare compare (
      .computed(icv),
      .expected(expected_icv),
      .mask(icv_mask),
      .match(m_icv_match)
  );

endmodule
`default_nettype wire
