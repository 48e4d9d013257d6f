`default_nettype none
// Testbench top for esp_outbound: the direction module with its own units
// (cbc_cipher, hmac_engine, gcm_cipher) and an sa_table whose host port the
// testbench uses to install entries. units_grant = units_request.
module esp_outbound_harness #(
    parameter integer ENTRY_BITS = 6,
    parameter integer HAS_GCM    = 1
) (
    input wire        clk,
    input wire        rst,
    input wire [31:0] now,

    input  wire                  s_cmd_tvalid,
    output wire                  s_cmd_tready,
    input  wire [ENTRY_BITS-1:0] s_cmd_sa,
    input  wire [          15:0] s_cmd_length,
    input  wire                  s_cmd_iv_valid,
    input  wire [         127:0] s_cmd_iv,
    input  wire                  s_cmd_next_header_valid,
    input  wire [           7:0] s_cmd_next_header,

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

    output wire                  m_sts_tvalid,
    input  wire                  m_sts_tready,
    output wire [           3:0] m_sts_code,
    output wire [ENTRY_BITS-1:0] m_sts_sa,
    output wire [          31:0] m_sts_spi,
    output wire [          63:0] m_sts_sequence,
    output wire [          15:0] m_sts_length,
    output wire [           3:0] m_sts_events,

    input  wire                  host_req_valid,
    output wire                  host_req_ready,
    input  wire [           1:0] host_req_op,
    input  wire [ENTRY_BITS-1:0] host_req_entry,
    input  wire [           6:0] host_req_word,
    input  wire [          31:0] host_req_wdata,
    output wire                  host_rsp_valid,
    output wire [          31:0] host_rsp_rdata,
    output wire                  sa_busy,

    // The engine's arbiter as the direction sees it: grant follows request
    // once grant_allow is high (then stays while request is high).
    input  wire grant_allow,
    output wire grant_violation,  // a unit/memory valid while units_grant is low
    output wire units_request,
    output wire cbc_key_loads,  // a cbc key command handshake this cycle
    output wire gcm_key_loads
);
  reg  granted;
  wire units_grant = units_request && (granted || grant_allow);
  always @(posedge clk) granted <= !rst && units_grant;

  wire mem_req_valid, mem_req_ready, mem_req_write, mem_rsp_valid;
  wire [ENTRY_BITS-1:0] mem_req_entry;
  wire [6:0] mem_req_word;
  wire [31:0] mem_req_wdata, mem_rsp_rdata;

  wire cbc_key_cmd_valid, cbc_key_cmd_ready, cbc_key_loaded, cbc_cmd_valid, cbc_cmd_ready;
  wire cbc_cmd_decrypt, cbc_cmd_explicit_iv, cbc_s_axis_tvalid, cbc_s_axis_tready;
  wire cbc_m_axis_tlast, cbc_m_axis_tvalid, cbc_m_axis_tready, cbc_busy;
  wire [2:0] cbc_key_cmd_cipher, cbc_key_loaded_cipher;
  wire [255:0] cbc_key_cmd_key;
  wire [15:0] cbc_key_cmd_tag, cbc_key_loaded_tag, cbc_cmd_length;
  wire [127:0] cbc_cmd_iv;
  wire [31:0] cbc_s_axis_tdata, cbc_m_axis_tdata;
  wire [3:0] cbc_m_axis_tkeep;

  wire hmac_s_cmd_tvalid, hmac_s_cmd_tready, hmac_s_cmd_verify, hmac_s_axis_tlast;
  wire hmac_s_axis_tvalid, hmac_s_axis_tready, hmac_m_icv_match, hmac_m_icv_error;
  wire hmac_m_icv_tvalid, hmac_m_icv_tready;
  wire [1:0] hmac_s_cmd_alg;
  wire [15:0] hmac_s_cmd_length;
  wire [255:0] hmac_s_cmd_inner_state, hmac_s_cmd_outer_state;
  wire [31:0] hmac_s_axis_tdata;
  wire [3:0] hmac_s_axis_tkeep;
  wire [127:0] hmac_m_icv_tdata, hmac_expected_icv;

  wire gcm_key_cmd_valid, gcm_key_cmd_ready, gcm_key_cmd_aes256, gcm_key_loaded;
  wire gcm_cmd_valid, gcm_cmd_ready, gcm_cmd_decrypt, gcm_cmd_aad_esn;
  wire gcm_s_axis_tvalid, gcm_s_axis_tready, gcm_m_axis_tlast, gcm_m_axis_tvalid;
  wire gcm_m_axis_tready, gcm_m_tag_tvalid, gcm_m_tag_tready, gcm_busy;
  wire [255:0] gcm_key_cmd_key;
  wire [31:0] gcm_key_cmd_salt, gcm_s_axis_tdata, gcm_m_axis_tdata;
  wire [15:0] gcm_key_cmd_tag, gcm_key_loaded_tag, gcm_cmd_length;
  wire [63:0] gcm_cmd_iv;
  wire [95:0] gcm_cmd_aad;
  wire [127:0] gcm_m_tag_tdata;

  assign cbc_key_loads = cbc_key_cmd_valid && cbc_key_cmd_ready;
  assign grant_violation = !units_grant &&
      (mem_req_valid || cbc_key_cmd_valid || cbc_cmd_valid || cbc_s_axis_tvalid ||
       cbc_m_axis_tready || hmac_s_cmd_tvalid || hmac_s_axis_tvalid || hmac_m_icv_tready ||
       gcm_key_cmd_valid || gcm_cmd_valid || gcm_s_axis_tvalid || gcm_m_axis_tready ||
       gcm_m_tag_tready);
  assign gcm_key_loads = gcm_key_cmd_valid && gcm_key_cmd_ready;

  esp_outbound #(
      .ENTRY_BITS(ENTRY_BITS),
      .HAS_GCM(HAS_GCM)
  ) dut (
      .clk(clk), .rst(rst), .now(now),
      .offered_ciphers(8'hff), .offered_integrities(4'hf),
      .s_cmd_tvalid(s_cmd_tvalid), .s_cmd_tready(s_cmd_tready), .s_cmd_sa(s_cmd_sa),
      .s_cmd_length(s_cmd_length), .s_cmd_iv_valid(s_cmd_iv_valid), .s_cmd_iv(s_cmd_iv),
      .s_cmd_next_header_valid(s_cmd_next_header_valid), .s_cmd_next_header(s_cmd_next_header),
      .s_axis_tdata(s_axis_tdata), .s_axis_tkeep(s_axis_tkeep), .s_axis_tlast(s_axis_tlast),
      .s_axis_tvalid(s_axis_tvalid), .s_axis_tready(s_axis_tready),
      .m_axis_tdata(m_axis_tdata), .m_axis_tkeep(m_axis_tkeep), .m_axis_tlast(m_axis_tlast),
      .m_axis_tuser(m_axis_tuser), .m_axis_tvalid(m_axis_tvalid), .m_axis_tready(m_axis_tready),
      .m_sts_tvalid(m_sts_tvalid), .m_sts_tready(m_sts_tready), .m_sts_code(m_sts_code),
      .m_sts_sa(m_sts_sa), .m_sts_spi(m_sts_spi), .m_sts_sequence(m_sts_sequence),
      .m_sts_length(m_sts_length), .m_sts_events(m_sts_events),
      .units_request(units_request), .units_grant(units_grant),
      .mem_req_valid(mem_req_valid), .mem_req_ready(mem_req_ready),
      .mem_req_write(mem_req_write), .mem_req_entry(mem_req_entry),
      .mem_req_word(mem_req_word), .mem_req_wdata(mem_req_wdata),
      .mem_rsp_valid(mem_rsp_valid), .mem_rsp_rdata(mem_rsp_rdata),
      .cbc_key_cmd_valid(cbc_key_cmd_valid), .cbc_key_cmd_ready(cbc_key_cmd_ready),
      .cbc_key_cmd_cipher(cbc_key_cmd_cipher), .cbc_key_cmd_key(cbc_key_cmd_key),
      .cbc_key_cmd_tag(cbc_key_cmd_tag), .cbc_key_loaded(cbc_key_loaded),
      .cbc_key_loaded_cipher(cbc_key_loaded_cipher), .cbc_key_loaded_tag(cbc_key_loaded_tag),
      .cbc_cmd_valid(cbc_cmd_valid), .cbc_cmd_ready(cbc_cmd_ready),
      .cbc_cmd_decrypt(cbc_cmd_decrypt), .cbc_cmd_explicit_iv(cbc_cmd_explicit_iv),
      .cbc_cmd_length(cbc_cmd_length), .cbc_cmd_iv(cbc_cmd_iv),
      .cbc_s_axis_tdata(cbc_s_axis_tdata), .cbc_s_axis_tvalid(cbc_s_axis_tvalid),
      .cbc_s_axis_tready(cbc_s_axis_tready), .cbc_m_axis_tdata(cbc_m_axis_tdata),
      .cbc_m_axis_tkeep(cbc_m_axis_tkeep), .cbc_m_axis_tlast(cbc_m_axis_tlast),
      .cbc_m_axis_tvalid(cbc_m_axis_tvalid), .cbc_m_axis_tready(cbc_m_axis_tready),
      .cbc_busy(cbc_busy),
      .hmac_s_cmd_tvalid(hmac_s_cmd_tvalid), .hmac_s_cmd_tready(hmac_s_cmd_tready),
      .hmac_s_cmd_alg(hmac_s_cmd_alg), .hmac_s_cmd_verify(hmac_s_cmd_verify),
      .hmac_s_cmd_length(hmac_s_cmd_length), .hmac_s_cmd_inner_state(hmac_s_cmd_inner_state),
      .hmac_s_cmd_outer_state(hmac_s_cmd_outer_state), .hmac_s_axis_tdata(hmac_s_axis_tdata),
      .hmac_s_axis_tkeep(hmac_s_axis_tkeep), .hmac_s_axis_tlast(hmac_s_axis_tlast),
      .hmac_s_axis_tvalid(hmac_s_axis_tvalid), .hmac_s_axis_tready(hmac_s_axis_tready),
      .hmac_m_icv_tdata(hmac_m_icv_tdata), .hmac_m_icv_match(hmac_m_icv_match),
      .hmac_m_icv_error(hmac_m_icv_error), .hmac_m_icv_tvalid(hmac_m_icv_tvalid),
      .hmac_m_icv_tready(hmac_m_icv_tready), .hmac_expected_icv(hmac_expected_icv),
      .gcm_key_cmd_valid(gcm_key_cmd_valid), .gcm_key_cmd_ready(gcm_key_cmd_ready),
      .gcm_key_cmd_aes256(gcm_key_cmd_aes256), .gcm_key_cmd_key(gcm_key_cmd_key),
      .gcm_key_cmd_salt(gcm_key_cmd_salt), .gcm_key_cmd_tag(gcm_key_cmd_tag),
      .gcm_key_loaded(gcm_key_loaded), .gcm_key_loaded_tag(gcm_key_loaded_tag),
      .gcm_cmd_valid(gcm_cmd_valid), .gcm_cmd_ready(gcm_cmd_ready),
      .gcm_cmd_decrypt(gcm_cmd_decrypt), .gcm_cmd_iv(gcm_cmd_iv), .gcm_cmd_aad(gcm_cmd_aad),
      .gcm_cmd_aad_esn(gcm_cmd_aad_esn), .gcm_cmd_length(gcm_cmd_length),
      .gcm_s_axis_tdata(gcm_s_axis_tdata), .gcm_s_axis_tvalid(gcm_s_axis_tvalid),
      .gcm_s_axis_tready(gcm_s_axis_tready), .gcm_m_axis_tdata(gcm_m_axis_tdata),
      .gcm_m_axis_tlast(gcm_m_axis_tlast), .gcm_m_axis_tvalid(gcm_m_axis_tvalid),
      .gcm_m_axis_tready(gcm_m_axis_tready), .gcm_m_tag_tdata(gcm_m_tag_tdata),
      .gcm_m_tag_tvalid(gcm_m_tag_tvalid), .gcm_m_tag_tready(gcm_m_tag_tready),
      .gcm_busy(gcm_busy)
  );

  sa_table #(.ENTRY_BITS(ENTRY_BITS)) sa (
      .clk(clk), .rst(rst),
      .host_req_valid(host_req_valid), .host_req_ready(host_req_ready),
      .host_req_op(host_req_op), .host_req_entry(host_req_entry),
      .host_req_word(host_req_word), .host_req_wdata(host_req_wdata),
      .host_rsp_valid(host_rsp_valid), .host_rsp_rdata(host_rsp_rdata),
      .eng_req_valid(mem_req_valid), .eng_req_ready(mem_req_ready),
      .eng_req_write(mem_req_write), .eng_req_entry(mem_req_entry),
      .eng_req_word(mem_req_word), .eng_req_wdata(mem_req_wdata),
      .eng_rsp_valid(mem_rsp_valid), .eng_rsp_rdata(mem_rsp_rdata),
      .busy(sa_busy)
  );

  cbc_cipher cbc (
      .clk(clk), .rst(rst),
      .key_cmd_valid(cbc_key_cmd_valid), .key_cmd_ready(cbc_key_cmd_ready),
      .key_cmd_cipher(cbc_key_cmd_cipher), .key_cmd_key(cbc_key_cmd_key),
      .key_cmd_tag(cbc_key_cmd_tag), .key_loaded(cbc_key_loaded),
      .key_loaded_cipher(cbc_key_loaded_cipher), .key_loaded_tag(cbc_key_loaded_tag),
      .cmd_valid(cbc_cmd_valid), .cmd_ready(cbc_cmd_ready), .cmd_decrypt(cbc_cmd_decrypt),
      .cmd_explicit_iv(cbc_cmd_explicit_iv), .cmd_length(cbc_cmd_length), .cmd_iv(cbc_cmd_iv),
      .s_axis_tdata(cbc_s_axis_tdata), .s_axis_tvalid(cbc_s_axis_tvalid),
      .s_axis_tready(cbc_s_axis_tready),
      .m_axis_tdata(cbc_m_axis_tdata), .m_axis_tkeep(cbc_m_axis_tkeep),
      .m_axis_tlast(cbc_m_axis_tlast), .m_axis_tvalid(cbc_m_axis_tvalid),
      .m_axis_tready(cbc_m_axis_tready), .busy(cbc_busy)
  );

  /* verilator lint_off PINCONNECTEMPTY */
  hmac_engine hmac (
      .clk(clk), .rst(rst),
      .s_cmd_tvalid(hmac_s_cmd_tvalid), .s_cmd_tready(hmac_s_cmd_tready),
      .s_cmd_alg(hmac_s_cmd_alg), .s_cmd_verify(hmac_s_cmd_verify),
      .s_cmd_length(hmac_s_cmd_length), .s_cmd_inner_state(hmac_s_cmd_inner_state),
      .s_cmd_outer_state(hmac_s_cmd_outer_state),
      .s_axis_tdata(hmac_s_axis_tdata), .s_axis_tkeep(hmac_s_axis_tkeep),
      .s_axis_tlast(hmac_s_axis_tlast), .s_axis_tvalid(hmac_s_axis_tvalid),
      .s_axis_tready(hmac_s_axis_tready),
      .m_icv_tdata(hmac_m_icv_tdata), .m_icv_match(hmac_m_icv_match),
      .m_icv_error(hmac_m_icv_error), .m_icv_tvalid(hmac_m_icv_tvalid),
      .m_icv_tready(hmac_m_icv_tready), .expected_icv(hmac_expected_icv), .algorithms()
  );
  /* verilator lint_on PINCONNECTEMPTY */

  generate
    if (HAS_GCM != 0) begin : with_gcm
      gcm_cipher gcm (
          .clk(clk), .rst(rst),
          .key_cmd_valid(gcm_key_cmd_valid), .key_cmd_ready(gcm_key_cmd_ready),
          .key_cmd_aes256(gcm_key_cmd_aes256), .key_cmd_key(gcm_key_cmd_key),
          .key_cmd_salt(gcm_key_cmd_salt), .key_cmd_tag(gcm_key_cmd_tag),
          .key_loaded(gcm_key_loaded), .key_loaded_tag(gcm_key_loaded_tag),
          .cmd_valid(gcm_cmd_valid), .cmd_ready(gcm_cmd_ready), .cmd_decrypt(gcm_cmd_decrypt),
          .cmd_iv(gcm_cmd_iv), .cmd_aad(gcm_cmd_aad), .cmd_aad_esn(gcm_cmd_aad_esn),
          .cmd_length(gcm_cmd_length),
          .s_axis_tdata(gcm_s_axis_tdata), .s_axis_tvalid(gcm_s_axis_tvalid),
          .s_axis_tready(gcm_s_axis_tready),
          .m_axis_tdata(gcm_m_axis_tdata), .m_axis_tlast(gcm_m_axis_tlast),
          .m_axis_tvalid(gcm_m_axis_tvalid), .m_axis_tready(gcm_m_axis_tready),
          .m_tag_tdata(gcm_m_tag_tdata), .m_tag_tvalid(gcm_m_tag_tvalid),
          .m_tag_tready(gcm_m_tag_tready), .busy(gcm_busy)
      );
    end else begin : without_gcm
      // The module's gcm outputs (constant 0 with HAS_GCM = 0) go nowhere.
      /* verilator lint_off UNUSED */
      wire unused_gcm = &{1'b0, gcm_key_cmd_aes256, gcm_cmd_decrypt, gcm_cmd_aad_esn,
                          gcm_key_cmd_key, gcm_key_cmd_salt, gcm_s_axis_tdata, gcm_key_cmd_tag,
                          gcm_cmd_length, gcm_cmd_iv, gcm_cmd_aad};
      /* verilator lint_on UNUSED */
      assign gcm_key_cmd_ready = 1'b1;
      assign gcm_key_loaded = 1'b0;
      assign gcm_key_loaded_tag = 16'd0;
      assign gcm_cmd_ready = 1'b0;
      assign gcm_s_axis_tready = 1'b0;
      assign gcm_m_axis_tdata = 32'd0;
      assign gcm_m_axis_tlast = 1'b0;
      assign gcm_m_axis_tvalid = 1'b0;
      assign gcm_m_tag_tdata = 128'd0;
      assign gcm_m_tag_tvalid = 1'b0;
      assign gcm_busy = 1'b0;
    end
  endgenerate
endmodule
`default_nettype wire
