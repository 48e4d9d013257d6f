`default_nettype none
// Synthesis wrapper for the whole esp_engine with a few pins, so every part
// of the engine is kept and placed: every wide input is driven from a 64-bit
// shift register loaded serially (wider ones take copies of it), the
// handshake strobes are pins, and every output bit feeds one XOR tree read on
// a pin. Not for use in a design; it exists for the synthesis check
// (verif/esp_engine/CMakeLists.txt) that measures the engine's resources and
// clock in a given configuration.
module esp_engine_serial #(
    parameter integer ENTRY_BITS   = 6,
    parameter integer USE_SPRAM    = 1,
    parameter integer HAS_AES      = 1,
    parameter integer HAS_TDES     = 1,
    parameter integer HAS_GCM      = 1,
    parameter integer HAS_MD5      = 1,
    parameter integer HAS_SHA1     = 1,
    parameter integer HAS_SHA256   = 1,
    parameter integer AES_COMPACT  = 0,
    parameter integer WINDOW       = 64,
    parameter integer BUFFER_BYTES = 2048
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       serial_in,
    input  wire       shift_in,
    input  wire [1:0] host_op,
    input  wire       host_valid,
    input  wire       out_cmd_valid,
    input  wire       out_beat_valid,
    input  wire       in_cmd_valid,
    input  wire       in_beat_valid,
    input  wire [3:0] readies,   // out data, out status, in data, in status
    output reg        signature  // XOR of every engine output, registered
);
  reg [63:0] pool;
  always @(posedge clk) if (shift_in) pool <= {pool[62:0], serial_in};

  wire host_req_ready, host_rsp_valid, sa_table_busy;
  wire [31:0] host_rsp_rdata;
  wire out_cmd_tready, out_s_axis_tready, out_m_axis_tlast, out_m_axis_tuser, out_m_axis_tvalid;
  wire [31:0] out_m_axis_tdata;
  wire [3:0] out_m_axis_tkeep;
  wire out_sts_tvalid, in_sts_tvalid;
  wire [3:0] out_sts_code, out_sts_events, in_sts_code, in_sts_events;
  wire [ENTRY_BITS-1:0] out_sts_sa, in_sts_sa;
  wire [31:0] out_sts_spi, in_sts_spi;
  wire [63:0] out_sts_sequence, in_sts_sequence;
  wire [15:0] out_sts_length, in_sts_length;
  wire in_cmd_tready, in_s_axis_tready, in_m_axis_tlast, in_m_axis_tuser, in_m_axis_tvalid;
  wire [31:0] in_m_axis_tdata;
  wire [3:0] in_m_axis_tkeep;
  wire [7:0] ciphers;
  wire [3:0] integrities;

  esp_engine #(
      .ENTRY_BITS(ENTRY_BITS),
      .USE_SPRAM(USE_SPRAM),
      .HAS_AES(HAS_AES),
      .HAS_TDES(HAS_TDES),
      .HAS_GCM(HAS_GCM),
      .HAS_MD5(HAS_MD5),
      .HAS_SHA1(HAS_SHA1),
      .HAS_SHA256(HAS_SHA256),
      .AES_COMPACT(AES_COMPACT),
      .WINDOW(WINDOW),
      .BUFFER_BYTES(BUFFER_BYTES)
  ) engine (
      .clk(clk),
      .rst(rst),
      .now(pool[63:32]),
      .host_req_valid(host_valid),
      .host_req_ready(host_req_ready),
      .host_req_op(host_op),
      .host_req_entry(pool[ENTRY_BITS+38:39]),
      .host_req_word(pool[38:32]),
      .host_req_wdata(pool[31:0]),
      .host_rsp_valid(host_rsp_valid),
      .host_rsp_rdata(host_rsp_rdata),
      .sa_table_busy(sa_table_busy),
      .out_cmd_tvalid(out_cmd_valid),
      .out_cmd_tready(out_cmd_tready),
      .out_cmd_sa(pool[ENTRY_BITS+47:48]),
      .out_cmd_length(pool[47:32]),
      .out_cmd_iv_valid(pool[0]),
      .out_cmd_iv({pool, pool}),
      .out_cmd_next_header_valid(pool[1]),
      .out_cmd_next_header(pool[15:8]),
      .out_s_axis_tdata(pool[31:0]),
      .out_s_axis_tkeep(pool[35:32]),
      .out_s_axis_tlast(pool[36]),
      .out_s_axis_tvalid(out_beat_valid),
      .out_s_axis_tready(out_s_axis_tready),
      .out_m_axis_tdata(out_m_axis_tdata),
      .out_m_axis_tkeep(out_m_axis_tkeep),
      .out_m_axis_tlast(out_m_axis_tlast),
      .out_m_axis_tuser(out_m_axis_tuser),
      .out_m_axis_tvalid(out_m_axis_tvalid),
      .out_m_axis_tready(readies[0]),
      .out_sts_tvalid(out_sts_tvalid),
      .out_sts_tready(readies[1]),
      .out_sts_code(out_sts_code),
      .out_sts_sa(out_sts_sa),
      .out_sts_spi(out_sts_spi),
      .out_sts_sequence(out_sts_sequence),
      .out_sts_length(out_sts_length),
      .out_sts_events(out_sts_events),
      .in_cmd_tvalid(in_cmd_valid),
      .in_cmd_tready(in_cmd_tready),
      .in_cmd_length(pool[63:48]),
      .in_cmd_encapsulation(pool[41:40]),
      .in_s_axis_tdata(pool[63:32]),
      .in_s_axis_tkeep(pool[3:0]),
      .in_s_axis_tlast(pool[4]),
      .in_s_axis_tvalid(in_beat_valid),
      .in_s_axis_tready(in_s_axis_tready),
      .in_m_axis_tdata(in_m_axis_tdata),
      .in_m_axis_tkeep(in_m_axis_tkeep),
      .in_m_axis_tlast(in_m_axis_tlast),
      .in_m_axis_tuser(in_m_axis_tuser),
      .in_m_axis_tvalid(in_m_axis_tvalid),
      .in_m_axis_tready(readies[2]),
      .in_sts_tvalid(in_sts_tvalid),
      .in_sts_tready(readies[3]),
      .in_sts_code(in_sts_code),
      .in_sts_sa(in_sts_sa),
      .in_sts_spi(in_sts_spi),
      .in_sts_sequence(in_sts_sequence),
      .in_sts_length(in_sts_length),
      .in_sts_events(in_sts_events),
      .ciphers(ciphers),
      .integrities(integrities)
  );

  always @(posedge clk)
    signature <= ^{host_req_ready, host_rsp_valid, host_rsp_rdata, sa_table_busy,
                   out_cmd_tready, out_s_axis_tready, out_m_axis_tdata, out_m_axis_tkeep,
                   out_m_axis_tlast, out_m_axis_tuser, out_m_axis_tvalid, out_sts_tvalid,
                   out_sts_code, out_sts_sa, out_sts_spi, out_sts_sequence, out_sts_length,
                   out_sts_events, in_cmd_tready, in_s_axis_tready, in_m_axis_tdata,
                   in_m_axis_tkeep, in_m_axis_tlast, in_m_axis_tuser, in_m_axis_tvalid,
                   in_sts_tvalid, in_sts_code, in_sts_sa, in_sts_spi, in_sts_sequence,
                   in_sts_length, in_sts_events, ciphers, integrities};
endmodule
`default_nettype wire
