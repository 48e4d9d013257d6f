`default_nettype none
// The board core: the host link around the ESP engine. Wire bytes in ->
// link_frame_rx (COBS, CRC, checks, payload ring, descriptors, credits) ->
// link_dispatch (one request at a time, in order: registers, SA table host
// port, packets through esp_engine into a two-half result buffer) ->
// link_tx_arbiter (responses, results, events, credit reports and link_error
// frames) -> link_frame_tx (header, CRC, COBS) -> wire bytes out.
// Design, order of work, latencies and resources: docs/link/ipsec_fpga_core.md.
module ipsec_fpga_core #(
    // esp_engine's
    parameter integer ENTRY_BITS       = 6,
    parameter integer USE_SPRAM        = 0,
    parameter integer HAS_AES          = 1,
    parameter integer HAS_TDES         = 1,
    parameter integer HAS_GCM          = 1,
    parameter integer HAS_MD5          = 1,
    parameter integer HAS_SHA1         = 1,
    parameter integer HAS_SHA256       = 1,
    parameter integer AES_COMPACT      = 0,  // aes_core_compact in cbc_cipher (no AES-192)
    parameter integer WINDOW           = 64,
    parameter integer BUFFER_BYTES     = 2048,
    // the link's
    parameter integer CLOCK_HZ         = 12000000,
    parameter [31:0]  BUILD_ID         = 32'h0,
    parameter integer RING_ADDR_BITS   = 10,
    parameter integer PACKET_SLOTS     = 4,
    parameter integer MAX_PACKET_BYTES = 1920
) (
    input wire clk,
    input wire rst,

    input  wire [7:0] s_byte_tdata,
    input  wire       s_byte_tvalid,
    output wire       s_byte_tready,

    output wire [7:0] m_byte_tdata,
    output wire       m_byte_tvalid,
    input  wire       m_byte_tready,

    output wire led_link,   // a frame was received recently
    output wire led_packet  // a packet was processed recently
);

  localparam integer FIXED_BYTES_MAX = 32;
  localparam integer BUFFER_ADDR_BITS = 9;  // result buffer halves of 512 words: max_payload fits
`include "host_link.vh"
  // Ring bytes link_frame_rx keeps for control frames: the rest is the
  // packet byte credit.
  localparam integer BYTE_CREDITS = (4 << RING_ADDR_BITS) - `HL_CONTROL_RESERVE_BYTES;
  localparam integer LED_CYCLES = CLOCK_HZ / 10;

  // ---------------- receive ----------------
  wire desc_valid, desc_ready, desc_no_credit, desc_taken;
  wire [7:0] desc_type, desc_tag;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [15:0] desc_length;  // fixed + tail: the dispatcher needs only the tail
  /* verilator lint_on UNUSEDSIGNAL */
  wire [63:0] desc_fixed;
  wire [15:0] desc_tail_bytes;
  wire [RING_ADDR_BITS-1:0] desc_tail_word, ring_rd_word;
  wire ring_rd_en, ring_rd_busy, ring_free_valid, ring_free_packet;
  wire [31:0] ring_rd_data, rx_ring_rd_data;
  wire ring_wr_en;
  wire [RING_ADDR_BITS-1:0] ring_wr_word;
  wire [31:0] ring_wr_data;
  wire [RING_ADDR_BITS:0] ring_free_words;
  wire [7:0] credit_tag;
  wire [15:0] credit_packets;
  wire [31:0] credit_bytes;
  wire [31:0] rx_frames, rx_crc_errors, rx_cobs_errors, rx_length_errors, rx_oversize_errors,
              rx_unknown_type_errors, rx_overrun_errors;
  wire [6:0] clear_counters;
  wire err_valid, err_ready;
  wire [7:0] err_reason;
  wire [15:0] err_count, err_dropped;

  link_frame_rx #(
      .RING_ADDR_BITS(RING_ADDR_BITS),
      .PACKET_SLOTS  (PACKET_SLOTS),
      .RING_INSIDE   (USE_SPRAM == 0 ? 1 : 0)
  ) rx (
      .clk                   (clk),
      .rst                   (rst),
      .s_byte_tdata          (s_byte_tdata),
      .s_byte_tvalid         (s_byte_tvalid),
      .s_byte_tready         (s_byte_tready),
      .desc_valid            (desc_valid),
      .desc_ready            (desc_ready),
      .desc_type             (desc_type),
      .desc_tag              (desc_tag),
      .desc_length           (desc_length),
      .desc_fixed            (desc_fixed),
      .desc_tail_bytes       (desc_tail_bytes),
      .desc_tail_word        (desc_tail_word),
      .desc_no_credit        (desc_no_credit),
      .ring_rd_en            (ring_rd_en),
      .ring_rd_word          (ring_rd_word),
      .ring_rd_data          (rx_ring_rd_data),
      .ring_wr_en            (ring_wr_en),
      .ring_wr_word          (ring_wr_word),
      .ring_wr_data          (ring_wr_data),
      .ring_free_valid       (ring_free_valid),
      .ring_free_words       (ring_free_words),
      .ring_free_packet      (ring_free_packet),
      .credit_tag            (credit_tag),
      .credit_packets        (credit_packets),
      .credit_bytes          (credit_bytes),
      .rx_frames             (rx_frames),
      .rx_crc_errors         (rx_crc_errors),
      .rx_cobs_errors        (rx_cobs_errors),
      .rx_length_errors      (rx_length_errors),
      .rx_oversize_errors    (rx_oversize_errors),
      .rx_unknown_type_errors(rx_unknown_type_errors),
      .rx_overrun_errors     (rx_overrun_errors),
      .clear_counters        (clear_counters),
      .err_valid             (err_valid),
      .err_ready             (err_ready),
      .err_reason            (err_reason),
      .err_count             (err_count),
      .err_dropped           (err_dropped)
  );

  // ---------------- registers ----------------
  wire reg_req_valid, reg_req_write;
  wire [15:0] reg_req_address;
  wire [31:0] reg_req_wdata, reg_rsp_value, now;
  wire [7:0] reg_rsp_result;
  wire [7:0] ciphers;
  wire [3:0] integrities;
  wire frame_sent;

  link_registers #(
      .ENTRY_BITS      (ENTRY_BITS),
      .WINDOW          (WINDOW),
      .BUFFER_BYTES    (BUFFER_BYTES),
      .CLOCK_HZ        (CLOCK_HZ),
      .BUILD_ID        (BUILD_ID),
      .MAX_PACKET_BYTES(MAX_PACKET_BYTES),
      .PACKET_SLOTS    (PACKET_SLOTS),
      .BYTE_CREDITS    (BYTE_CREDITS)
  ) registers (
      .clk                   (clk),
      .rst                   (rst),
      .ciphers               (ciphers),
      .integrities           (integrities),
      .req_valid             (reg_req_valid),
      .req_write             (reg_req_write),
      .req_address           (reg_req_address),
      .req_wdata             (reg_req_wdata),
      .rsp_result            (reg_rsp_result),
      .rsp_value             (reg_rsp_value),
      .rx_frames             (rx_frames),
      .rx_crc_errors         (rx_crc_errors),
      .rx_cobs_errors        (rx_cobs_errors),
      .rx_length_errors      (rx_length_errors),
      .rx_oversize_errors    (rx_oversize_errors),
      .rx_unknown_type_errors(rx_unknown_type_errors),
      .rx_overrun_errors     (rx_overrun_errors),
      .clear_counters        (clear_counters),
      .frame_sent            (frame_sent),
      .now                   (now)
  );

  // ---------------- the ESP engine ----------------
  wire host_req_valid, host_req_ready, host_rsp_valid, sa_table_busy;
  wire [1:0] host_req_op;
  wire [ENTRY_BITS-1:0] host_req_entry;
  wire [6:0] host_req_word;
  wire [31:0] host_req_wdata, host_rsp_rdata;

  wire out_cmd_tvalid, out_cmd_tready;
  wire [ENTRY_BITS-1:0] out_cmd_sa;
  wire [15:0] out_cmd_length;
  wire [31:0] out_s_axis_tdata, out_m_axis_tdata;
  wire [3:0] out_s_axis_tkeep, out_m_axis_tkeep;
  wire out_s_axis_tlast, out_s_axis_tvalid, out_s_axis_tready;
  wire out_m_axis_tlast, out_m_axis_tuser, out_m_axis_tvalid, out_m_axis_tready;
  wire out_sts_tvalid, out_sts_tready;
  wire [3:0] out_sts_code, out_sts_events;
  wire [ENTRY_BITS-1:0] out_sts_sa;
  wire [31:0] out_sts_spi;
  wire [63:0] out_sts_sequence;

  wire in_cmd_tvalid, in_cmd_tready;
  wire [15:0] in_cmd_length;
  wire [1:0] in_cmd_encapsulation;
  wire [31:0] in_s_axis_tdata, in_m_axis_tdata;
  wire [3:0] in_s_axis_tkeep, in_m_axis_tkeep;
  wire in_s_axis_tlast, in_s_axis_tvalid, in_s_axis_tready;
  wire in_m_axis_tlast, in_m_axis_tvalid, in_m_axis_tready;
  wire in_sts_tvalid, in_sts_tready;
  wire [3:0] in_sts_code, in_sts_events;
  wire [ENTRY_BITS-1:0] in_sts_sa;
  wire [31:0] in_sts_spi;
  wire [63:0] in_sts_sequence;
  /* verilator lint_off UNUSEDSIGNAL */
  // The dispatcher counts the bytes it captures itself; inbound never discards.
  wire [15:0] out_sts_length, in_sts_length;
  wire in_m_axis_tuser;
  /* verilator lint_on UNUSEDSIGNAL */

  esp_engine #(
      .ENTRY_BITS  (ENTRY_BITS),
      .USE_SPRAM   (USE_SPRAM),
      .HAS_AES     (HAS_AES),
      .HAS_TDES    (HAS_TDES),
      .HAS_GCM     (HAS_GCM),
      .HAS_MD5     (HAS_MD5),
      .HAS_SHA1    (HAS_SHA1),
      .HAS_SHA256  (HAS_SHA256),
      .AES_COMPACT (AES_COMPACT),
      .WINDOW      (WINDOW),
      .BUFFER_BYTES(BUFFER_BYTES)
  ) engine (
      .clk                      (clk),
      .rst                      (rst),
      .now                      (now),
      .host_req_valid           (host_req_valid),
      .host_req_ready           (host_req_ready),
      .host_req_op              (host_req_op),
      .host_req_entry           (host_req_entry),
      .host_req_word            (host_req_word),
      .host_req_wdata           (host_req_wdata),
      .host_rsp_valid           (host_rsp_valid),
      .host_rsp_rdata           (host_rsp_rdata),
      .sa_table_busy            (sa_table_busy),
      .out_cmd_tvalid           (out_cmd_tvalid),
      .out_cmd_tready           (out_cmd_tready),
      .out_cmd_sa               (out_cmd_sa),
      .out_cmd_length           (out_cmd_length),
      .out_cmd_iv_valid         (1'b0),
      .out_cmd_iv               (128'd0),
      .out_cmd_next_header_valid(1'b0),
      .out_cmd_next_header      (8'd0),
      .out_s_axis_tdata         (out_s_axis_tdata),
      .out_s_axis_tkeep         (out_s_axis_tkeep),
      .out_s_axis_tlast         (out_s_axis_tlast),
      .out_s_axis_tvalid        (out_s_axis_tvalid),
      .out_s_axis_tready        (out_s_axis_tready),
      .out_m_axis_tdata         (out_m_axis_tdata),
      .out_m_axis_tkeep         (out_m_axis_tkeep),
      .out_m_axis_tlast         (out_m_axis_tlast),
      .out_m_axis_tuser         (out_m_axis_tuser),
      .out_m_axis_tvalid        (out_m_axis_tvalid),
      .out_m_axis_tready        (out_m_axis_tready),
      .out_sts_tvalid           (out_sts_tvalid),
      .out_sts_tready           (out_sts_tready),
      .out_sts_code             (out_sts_code),
      .out_sts_sa               (out_sts_sa),
      .out_sts_spi              (out_sts_spi),
      .out_sts_sequence         (out_sts_sequence),
      .out_sts_length           (out_sts_length),
      .out_sts_events           (out_sts_events),
      .in_cmd_tvalid            (in_cmd_tvalid),
      .in_cmd_tready            (in_cmd_tready),
      .in_cmd_length            (in_cmd_length),
      .in_cmd_encapsulation     (in_cmd_encapsulation),
      .in_s_axis_tdata          (in_s_axis_tdata),
      .in_s_axis_tkeep          (in_s_axis_tkeep),
      .in_s_axis_tlast          (in_s_axis_tlast),
      .in_s_axis_tvalid         (in_s_axis_tvalid),
      .in_s_axis_tready         (in_s_axis_tready),
      .in_m_axis_tdata          (in_m_axis_tdata),
      .in_m_axis_tkeep          (in_m_axis_tkeep),
      .in_m_axis_tlast          (in_m_axis_tlast),
      .in_m_axis_tuser          (in_m_axis_tuser),
      .in_m_axis_tvalid         (in_m_axis_tvalid),
      .in_m_axis_tready         (in_m_axis_tready),
      .in_sts_tvalid            (in_sts_tvalid),
      .in_sts_tready            (in_sts_tready),
      .in_sts_code              (in_sts_code),
      .in_sts_sa                (in_sts_sa),
      .in_sts_spi               (in_sts_spi),
      .in_sts_sequence          (in_sts_sequence),
      .in_sts_length            (in_sts_length),
      .in_sts_events            (in_sts_events),
      .ciphers                  (ciphers),
      .integrities              (integrities)
  );

  // ---------------- dispatcher ----------------
  wire buf_wr_en, buf_wr_ready;
  wire [BUFFER_ADDR_BITS:0] buf_wr_word;
  wire [31:0] buf_wr_data;
  wire frame_valid, frame_ready, frame_buffer;
  wire [7:0] frame_type, frame_tag;
  wire [8*FIXED_BYTES_MAX-1:0] frame_fixed;
  wire [5:0] frame_fixed_bytes;
  wire [15:0] frame_tail_bytes;
  wire packet_done;

  link_dispatch #(
      .ENTRY_BITS      (ENTRY_BITS),
      .RING_ADDR_BITS  (RING_ADDR_BITS),
      .MAX_PACKET_BYTES(MAX_PACKET_BYTES),
      .BUFFER_ADDR_BITS(BUFFER_ADDR_BITS),
      .FIXED_BYTES_MAX (FIXED_BYTES_MAX),
      .SHARED_RAM      (USE_SPRAM == 0 ? 0 : 1)
  ) dispatch (
      .clk                 (clk),
      .rst                 (rst),
      .desc_valid          (desc_valid),
      .desc_ready          (desc_ready),
      .desc_type           (desc_type),
      .desc_tag            (desc_tag),
      .desc_fixed          (desc_fixed),
      .desc_tail_bytes     (desc_tail_bytes),
      .desc_tail_word      (desc_tail_word),
      .desc_no_credit      (desc_no_credit),
      .desc_taken          (desc_taken),
      .ring_rd_en          (ring_rd_en),
      .ring_rd_word        (ring_rd_word),
      .ring_rd_busy        (ring_rd_busy),
      .ring_rd_data        (ring_rd_data),
      .ring_free_valid     (ring_free_valid),
      .ring_free_words     (ring_free_words),
      .ring_free_packet    (ring_free_packet),
      .credit_tag          (credit_tag),
      .credit_packets      (credit_packets),
      .credit_bytes        (credit_bytes),
      .reg_req_valid       (reg_req_valid),
      .reg_req_write       (reg_req_write),
      .reg_req_address     (reg_req_address),
      .reg_req_wdata       (reg_req_wdata),
      .reg_rsp_result      (reg_rsp_result),
      .reg_rsp_value       (reg_rsp_value),
      .host_req_valid      (host_req_valid),
      .host_req_ready      (host_req_ready),
      .host_req_op         (host_req_op),
      .host_req_entry      (host_req_entry),
      .host_req_word       (host_req_word),
      .host_req_wdata      (host_req_wdata),
      .host_rsp_valid      (host_rsp_valid),
      .host_rsp_rdata      (host_rsp_rdata),
      .sa_table_busy       (sa_table_busy),
      .out_cmd_tvalid      (out_cmd_tvalid),
      .out_cmd_tready      (out_cmd_tready),
      .out_cmd_sa          (out_cmd_sa),
      .out_cmd_length      (out_cmd_length),
      .out_s_axis_tdata    (out_s_axis_tdata),
      .out_s_axis_tkeep    (out_s_axis_tkeep),
      .out_s_axis_tlast    (out_s_axis_tlast),
      .out_s_axis_tvalid   (out_s_axis_tvalid),
      .out_s_axis_tready   (out_s_axis_tready),
      .out_m_axis_tdata    (out_m_axis_tdata),
      .out_m_axis_tkeep    (out_m_axis_tkeep),
      .out_m_axis_tlast    (out_m_axis_tlast),
      .out_m_axis_tuser    (out_m_axis_tuser),
      .out_m_axis_tvalid   (out_m_axis_tvalid),
      .out_m_axis_tready   (out_m_axis_tready),
      .out_sts_tvalid      (out_sts_tvalid),
      .out_sts_tready      (out_sts_tready),
      .out_sts_code        (out_sts_code),
      .out_sts_sa          (out_sts_sa),
      .out_sts_spi         (out_sts_spi),
      .out_sts_sequence    (out_sts_sequence),
      .out_sts_events      (out_sts_events),
      .in_cmd_tvalid       (in_cmd_tvalid),
      .in_cmd_tready       (in_cmd_tready),
      .in_cmd_length       (in_cmd_length),
      .in_cmd_encapsulation(in_cmd_encapsulation),
      .in_s_axis_tdata     (in_s_axis_tdata),
      .in_s_axis_tkeep     (in_s_axis_tkeep),
      .in_s_axis_tlast     (in_s_axis_tlast),
      .in_s_axis_tvalid    (in_s_axis_tvalid),
      .in_s_axis_tready    (in_s_axis_tready),
      .in_m_axis_tdata     (in_m_axis_tdata),
      .in_m_axis_tkeep     (in_m_axis_tkeep),
      .in_m_axis_tlast     (in_m_axis_tlast),
      .in_m_axis_tvalid    (in_m_axis_tvalid),
      .in_m_axis_tready    (in_m_axis_tready),
      .in_sts_tvalid       (in_sts_tvalid),
      .in_sts_tready       (in_sts_tready),
      .in_sts_code         (in_sts_code),
      .in_sts_sa           (in_sts_sa),
      .in_sts_spi          (in_sts_spi),
      .in_sts_sequence     (in_sts_sequence),
      .in_sts_events       (in_sts_events),
      .buf_wr_en           (buf_wr_en),
      .buf_wr_ready        (buf_wr_ready),
      .buf_wr_word         (buf_wr_word),
      .buf_wr_data         (buf_wr_data),
      .frame_valid         (frame_valid),
      .frame_ready         (frame_ready),
      .frame_type          (frame_type),
      .frame_tag           (frame_tag),
      .frame_fixed         (frame_fixed),
      .frame_fixed_bytes   (frame_fixed_bytes),
      .frame_tail_bytes    (frame_tail_bytes),
      .frame_buffer        (frame_buffer),
      .packet_done         (packet_done)
  );

  // ---------------- transmit ----------------
  wire req_valid, req_ready, req_buffer;
  wire [7:0] req_type, req_tag;
  wire [8*FIXED_BYTES_MAX-1:0] req_fixed;
  wire [5:0] req_fixed_bytes;
  wire [15:0] req_tail_bytes;
  wire tail_rd_en, tail_rd_miss, fixed_read;
  wire [9:0] tail_rd_word;
  wire [31:0] tail_rd_data;

  link_tx_arbiter #(
      .FIXED_BYTES_MAX(FIXED_BYTES_MAX)
  ) arbiter (
      .clk              (clk),
      .rst              (rst),
      .frame_valid      (frame_valid),
      .frame_ready      (frame_ready),
      .frame_type       (frame_type),
      .frame_tag        (frame_tag),
      .frame_fixed      (frame_fixed),
      .frame_fixed_bytes(frame_fixed_bytes),
      .frame_tail_bytes (frame_tail_bytes),
      .frame_buffer     (frame_buffer),
      .err_valid        (err_valid),
      .err_ready        (err_ready),
      .err_reason       (err_reason),
      .err_count        (err_count),
      .err_dropped      (err_dropped),
      .req_valid        (req_valid),
      .req_ready        (req_ready),
      .req_type         (req_type),
      .req_tag          (req_tag),
      .req_fixed        (req_fixed),
      .req_fixed_bytes  (req_fixed_bytes),
      .req_tail_bytes   (req_tail_bytes),
      .req_buffer       (req_buffer),
      .fixed_read       (fixed_read)
  );

  // The payload ring and the result buffer (the tail of the frame being sent
  // is read from its half): two dual-port block RAMs, or, in SPRAM builds,
  // one single-port SPRAM memory shared by the four users (link_shared_ram:
  // the receiver's writes never wait, the others take turns).
  generate
    if (USE_SPRAM == 0) begin : g_ebr
      assign ring_rd_data = rx_ring_rd_data;
      assign ring_rd_busy = 1'b0;
      assign buf_wr_ready = 1'b1;
      assign tail_rd_miss = 1'b0;
      link_result_buffer #(
          .ADDR_BITS(BUFFER_ADDR_BITS + 1)
      ) results (
          .clk    (clk),
          .wr_en  (buf_wr_en),
          .wr_word(buf_wr_word),
          .wr_data(buf_wr_data),
          .rd_en  (tail_rd_en),
          .rd_word({req_buffer, tail_rd_word[BUFFER_ADDR_BITS-1:0]}),
          .rd_data(tail_rd_data)
      );
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_ring_wr = &{1'b0, ring_wr_en, ring_wr_word, ring_wr_data};  // link_rx_ring's
      /* verilator lint_on UNUSEDSIGNAL */
    end else begin : g_spram
      link_shared_ram #(
          .RING_ADDR_BITS(RING_ADDR_BITS),
          .RES_ADDR_BITS (BUFFER_ADDR_BITS + 1)
      ) memory (
          .clk         (clk),
          .rst         (rst),
          .ring_wr_en  (ring_wr_en),
          .ring_wr_addr(ring_wr_word),
          .ring_wr_data(ring_wr_data),
          .ring_rd_en  (ring_rd_en),
          .ring_rd_addr(ring_rd_word),
          .ring_rd_busy(ring_rd_busy),
          .ring_rd_data(ring_rd_data),
          .res_wr_en   (buf_wr_en),
          .res_wr_ready(buf_wr_ready),
          .res_wr_addr (buf_wr_word),
          .res_wr_data (buf_wr_data),
          .tx_rd_en    (tail_rd_en),
          .tx_rd_addr  ({req_buffer, tail_rd_word[BUFFER_ADDR_BITS-1:0]}),
          .tx_rd_miss  (tail_rd_miss),
          .tx_rd_data  (tail_rd_data)
      );
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_rx_ring = &{1'b0, rx_ring_rd_data};  // link_frame_rx has no ring inside
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_tail_word = tail_rd_word[9];  // a tail never exceeds one half
  /* verilator lint_on UNUSEDSIGNAL */

  link_frame_tx #(
      .FIXED_BYTES_MAX(FIXED_BYTES_MAX)
  ) tx (
      .clk            (clk),
      .rst            (rst),
      .req_valid      (req_valid),
      .req_ready      (req_ready),
      .req_type       (req_type),
      .req_tag        (req_tag),
      .req_fixed      (req_fixed),
      .req_fixed_bytes(req_fixed_bytes),
      .req_tail_bytes (req_tail_bytes),
      .tail_rd_en     (tail_rd_en),
      .tail_rd_word   (tail_rd_word),
      .tail_rd_data   (tail_rd_data),
      .tail_rd_miss   (tail_rd_miss),
      .fixed_read     (fixed_read),
      .frame_sent     (frame_sent),
      .m_byte_tdata   (m_byte_tdata),
      .m_byte_tvalid  (m_byte_tvalid),
      .m_byte_tready  (m_byte_tready)
  );

  // ---------------- LEDs ----------------
  link_led_stretcher #(
      .CYCLES(LED_CYCLES)
  ) link_led (
      .clk  (clk),
      .rst  (rst),
      .pulse(desc_taken),
      .led  (led_link)
  );
  link_led_stretcher #(
      .CYCLES(LED_CYCLES)
  ) packet_led (
      .clk  (clk),
      .rst  (rst),
      .pulse(packet_done),
      .led  (led_packet)
  );
endmodule
`default_nettype wire
