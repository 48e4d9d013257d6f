`default_nettype none
// The board's dispatcher: takes link_frame_rx's descriptors one at a time,
// in arrival order, and answers every host request exactly once, with its
// tag (docs/link/ipsec_fpga_core.md):
//   reg_read / reg_write  -> link_registers, reg_*_response
//   sa_write / sa_read / sa_erase -> esp_engine's SA host port (keys read
//                            back as zero there), sa_*_response
//   credit_request        -> credit frame with the request's tag
//   packet_submit         -> bad_direction / too_long / no_credit (and an
//                            outbound SA index beyond the table: no_sa)
//                            without touching the engine; else command and
//                            data beats from the ring to the engine's
//                            outbound (selector = SA index) or inbound
//                            (selector = encapsulation) channel, output into
//                            a result buffer half, then packet_result (status
//                            record, the credit report of that moment, the
//                            output bytes) and, if events != 0, an event frame
//   link_error (host)     -> ignored
// Right after reset it sends a credit frame (tag 0).
//
// One packet is in the engine at a time, so results come back in order. The
// frames go to link_tx_arbiter, which takes a frame as soon as the
// transmitter is free and holds it while it is sent: the dispatcher goes on
// with the next descriptor meanwhile, capturing into the other result buffer
// half (frames with a tail alternate halves; a half is written again only
// after the frame before the last one has been read entirely).
module link_dispatch #(
    parameter integer ENTRY_BITS       = 6,
    parameter integer RING_ADDR_BITS   = 10,
    parameter integer MAX_PACKET_BYTES = 1920,
    parameter integer BUFFER_ADDR_BITS = 9,   // words per result buffer half = 2^BUFFER_ADDR_BITS
    parameter integer FIXED_BYTES_MAX  = 32,
    // 1: the ring and the result buffer share one single-port memory
    // (link_shared_ram): SA words are read one at a time, each written
    // before the next is asked for, since their responses cannot wait.
    parameter integer SHARED_RAM       = 0
) (
    input wire clk,
    input wire rst,

    // ---- descriptors from link_frame_rx ----
    input  wire                      desc_valid,
    output wire                      desc_ready,
    input  wire [               7:0] desc_type,
    input  wire [               7:0] desc_tag,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [              63:0] desc_fixed,       // host frames use at most 6 bytes
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [              15:0] desc_tail_bytes,
    input  wire [RING_ADDR_BITS-1:0] desc_tail_word,
    input  wire                      desc_no_credit,
    output wire                      desc_taken,       // pulse per descriptor (LED)

    output wire                      ring_rd_en,
    output wire [RING_ADDR_BITS-1:0] ring_rd_word,
    input  wire                      ring_rd_busy,     // the read was refused: asked again
    input  wire [              31:0] ring_rd_data,
    output reg                       ring_free_valid,
    output reg  [  RING_ADDR_BITS:0] ring_free_words,
    output reg                       ring_free_packet,

    input wire [ 7:0] credit_tag,
    input wire [15:0] credit_packets,
    input wire [31:0] credit_bytes,

    // ---- link_registers ----
    output wire        reg_req_valid,
    output wire        reg_req_write,
    output wire [15:0] reg_req_address,
    output wire [31:0] reg_req_wdata,
    input  wire [ 7:0] reg_rsp_result,
    input  wire [31:0] reg_rsp_value,

    // ---- esp_engine: SA host port ----
    output wire                  host_req_valid,
    input  wire                  host_req_ready,
    output wire [           1:0] host_req_op,
    output wire [ENTRY_BITS-1:0] host_req_entry,
    output wire [           6:0] host_req_word,
    output wire [          31:0] host_req_wdata,
    input  wire                  host_rsp_valid,
    input  wire [          31:0] host_rsp_rdata,
    input  wire                  sa_table_busy,

    // ---- esp_engine: outbound ----
    output wire                  out_cmd_tvalid,
    input  wire                  out_cmd_tready,
    output wire [ENTRY_BITS-1:0] out_cmd_sa,
    output wire [          15:0] out_cmd_length,
    output wire [          31:0] out_s_axis_tdata,
    output wire [           3:0] out_s_axis_tkeep,
    output wire                  out_s_axis_tlast,
    output wire                  out_s_axis_tvalid,
    input  wire                  out_s_axis_tready,
    input  wire [          31:0] out_m_axis_tdata,
    input  wire [           3:0] out_m_axis_tkeep,
    input  wire                  out_m_axis_tlast,
    input  wire                  out_m_axis_tuser,
    input  wire                  out_m_axis_tvalid,
    output wire                  out_m_axis_tready,
    input  wire                  out_sts_tvalid,
    output wire                  out_sts_tready,
    input  wire [           3:0] out_sts_code,
    input  wire [ENTRY_BITS-1:0] out_sts_sa,
    input  wire [          31:0] out_sts_spi,
    input  wire [          63:0] out_sts_sequence,
    input  wire [           3:0] out_sts_events,

    // ---- esp_engine: inbound ----
    output wire                  in_cmd_tvalid,
    input  wire                  in_cmd_tready,
    output wire [          15:0] in_cmd_length,
    output wire [           1:0] in_cmd_encapsulation,
    output wire [          31:0] in_s_axis_tdata,
    output wire [           3:0] in_s_axis_tkeep,
    output wire                  in_s_axis_tlast,
    output wire                  in_s_axis_tvalid,
    input  wire                  in_s_axis_tready,
    input  wire [          31:0] in_m_axis_tdata,
    input  wire [           3:0] in_m_axis_tkeep,
    input  wire                  in_m_axis_tlast,
    input  wire                  in_m_axis_tvalid,
    output wire                  in_m_axis_tready,
    input  wire                  in_sts_tvalid,
    output wire                  in_sts_tready,
    input  wire [           3:0] in_sts_code,
    input  wire [ENTRY_BITS-1:0] in_sts_sa,
    input  wire [          31:0] in_sts_spi,
    input  wire [          63:0] in_sts_sequence,
    input  wire [           3:0] in_sts_events,

    // ---- result buffer write port (both halves) ----
    output wire                      buf_wr_en,
    input  wire                      buf_wr_ready,     // 0: hold the write (SHARED_RAM only)
    output wire [BUFFER_ADDR_BITS:0] buf_wr_word,
    output wire [              31:0] buf_wr_data,

    // ---- frames to send, to link_tx_arbiter ----
    output wire                         frame_valid,
    input  wire                         frame_ready,
    output reg  [                  7:0] frame_type,
    output reg  [                  7:0] frame_tag,
    output reg  [8*FIXED_BYTES_MAX-1:0] frame_fixed,
    output reg  [                  5:0] frame_fixed_bytes,
    output reg  [                 15:0] frame_tail_bytes,
    output reg                          frame_buffer,

    output wire packet_done  // pulse per packet status from the engine (LED)
);
`include "host_link.vh"
`include "sa_layout.vh"

  localparam integer FTOP = 8 * FIXED_BYTES_MAX - 1;
// A field of an outgoing frame's fixed bytes / of a descriptor's fixed bytes.
`define LD_OUT(offset, bytes) [FTOP-8*(offset)-:8*(bytes)]
`define LD_IN(offset, bytes) [63-8*(offset)-:8*(bytes)]

  localparam [3:0] S_RESET_CREDIT = 4'd0, S_IDLE = 4'd1, S_DECODE = 4'd2, S_SEND = 4'd3,
      S_SA_WRITE = 4'd4, S_SA_READ = 4'd5, S_SA_ERASE = 4'd6, S_SA_ERASE_WAIT = 4'd7,
      S_PACKET = 4'd8, S_PACKET_RESULT = 4'd9;

  reg [3:0] state;

  // ---------------- the descriptor in hand ----------------
  reg [7:0] d_type, d_tag;
  reg [63:16] d_fixed;  // the host frames' fixed bytes are at most 6
  reg [15:0] d_tail_bytes;
  reg [RING_ADDR_BITS-1:0] d_tail_word;
  reg d_no_credit;

  assign desc_ready = state == S_IDLE;
  assign desc_taken = desc_valid && desc_ready;

  // Ring words of the tail (a stored tail fits the ring, so the top bits are 0).
  /* verilator lint_off UNUSEDSIGNAL */
  wire [15:0] tail_words_16 = (d_tail_bytes + 16'd3) >> 2;
  /* verilator lint_on UNUSEDSIGNAL */
  wire [RING_ADDR_BITS:0] tail_words = tail_words_16[RING_ADDR_BITS:0];

  // Fields of each request (only the one matching d_type is meaningful).
  wire [15:0] reg_address = d_type == `HL_TYPE_REG_WRITE ? d_fixed`LD_IN(`HL_REG_WRITE_ADDRESS_OFFSET, `HL_REG_WRITE_ADDRESS_BYTES) :
                                                          d_fixed`LD_IN(`HL_REG_READ_ADDRESS_OFFSET, `HL_REG_READ_ADDRESS_BYTES);
  wire [31:0] reg_value = d_fixed`LD_IN(`HL_REG_WRITE_VALUE_OFFSET, `HL_REG_WRITE_VALUE_BYTES);
  // The SA requests share entry (0) and first_word (2) offsets; checked here once.
  wire [15:0] sa_entry = d_fixed`LD_IN(`HL_SA_WRITE_ENTRY_OFFSET, `HL_SA_WRITE_ENTRY_BYTES);
  wire [7:0] sa_first = d_fixed`LD_IN(`HL_SA_WRITE_FIRST_WORD_OFFSET, `HL_SA_WRITE_FIRST_WORD_BYTES);
  wire [7:0] sa_read_words = d_fixed`LD_IN(`HL_SA_READ_WORDS_OFFSET, `HL_SA_READ_WORDS_BYTES);
  wire [15:0] sa_words = d_type == `HL_TYPE_SA_WRITE ? d_tail_bytes >> 2 : {8'd0, sa_read_words};
  wire [7:0] direction = d_fixed`LD_IN(`HL_PACKET_SUBMIT_DIRECTION_OFFSET, `HL_PACKET_SUBMIT_DIRECTION_BYTES);
  wire [15:0] selector = d_fixed`LD_IN(`HL_PACKET_SUBMIT_SELECTOR_OFFSET, `HL_PACKET_SUBMIT_SELECTOR_BYTES);

  wire entry_ok = (sa_entry >> ENTRY_BITS) == 16'd0;
  wire [16:0] sa_end = {9'd0, sa_first} + {1'b0, sa_words};
  wire range_ok = sa_words != 16'd0 && sa_end <= `SA_ENTRY_WORDS;
  wire [7:0] sa_result = d_no_credit ? `HL_RESULT_BUSY : !entry_ok ? `HL_RESULT_BAD_ENTRY :
                         !range_ok ? `HL_RESULT_BAD_RANGE : `HL_RESULT_OK;
  wire [7:0] erase_result = d_no_credit ? `HL_RESULT_BUSY : !entry_ok ? `HL_RESULT_BAD_ENTRY :
                            `HL_RESULT_OK;
  wire dir_out = direction == `HL_DIRECTION_OUTBOUND;
  wire dir_in = direction == `HL_DIRECTION_INBOUND;
  // Link-level packet codes, checked in this order; 0: to the engine.
  localparam [3:0] CODE_BAD_DIRECTION = `HL_STATUS_BAD_DIRECTION, CODE_TOO_LONG = `HL_STATUS_TOO_LONG,
      CODE_NO_CREDIT = `HL_STATUS_NO_CREDIT, CODE_NO_SA = `HL_STATUS_NO_SA;
  localparam [31:0] MAX_BYTES = MAX_PACKET_BYTES;
  wire [3:0] link_code =
      !(dir_out || dir_in) ? CODE_BAD_DIRECTION :
      {16'd0, d_tail_bytes} > MAX_BYTES ? CODE_TOO_LONG :
      d_no_credit ? CODE_NO_CREDIT :
      (dir_out && (selector >> ENTRY_BITS) != 16'd0) ? CODE_NO_SA : 4'd0;
  // Inbound: a selector beyond the 2-bit encapsulation field is passed as 3,
  // which no SA holds, so the engine refuses it the reference's way.
  wire [1:0] encapsulation = selector[15:2] != 14'd0 ? 2'd3 : selector[1:0];

  // ---------------- ring reader: sa_write words and packet beats ----------------
  reg reader_start;
  wire [31:0] reader_data;
  wire reader_last, reader_valid;
  wire reader_ready;
  link_ring_reader #(
      .RING_ADDR_BITS(RING_ADDR_BITS)
  ) reader (
      .clk(clk),
      .rst(rst),
      .start(reader_start),
      .start_word(d_tail_word),
      .words(tail_words),
      .ring_rd_en(ring_rd_en),
      .ring_rd_word(ring_rd_word),
      .ring_rd_busy(ring_rd_busy),
      .ring_rd_data(ring_rd_data),
      .m_tdata(reader_data),
      .m_tlast(reader_last),
      .m_tvalid(reader_valid),
      .m_tready(reader_ready)
  );

  // ---------------- registers ----------------
  wire is_reg = d_type == `HL_TYPE_REG_READ || d_type == `HL_TYPE_REG_WRITE;
  assign reg_req_valid   = state == S_DECODE && is_reg && !d_no_credit;
  assign reg_req_write   = d_type == `HL_TYPE_REG_WRITE;
  assign reg_req_address = reg_address;
  assign reg_req_wdata   = reg_value;

  // ---------------- SA host port ----------------
  reg [8:0] sa_issued;    // words requested (read) or written
  reg [8:0] sa_received;  // read words back
  wire sa_reading = state == S_SA_READ && {7'd0, sa_issued} != sa_words &&
                    (SHARED_RAM == 0 || (sa_issued == sa_received && buf_wr_ready));
  assign host_req_valid = (state == S_SA_WRITE && reader_valid) || sa_reading ||
                          state == S_SA_ERASE;
  assign host_req_op = state == S_SA_ERASE ? 2'd2 : state == S_SA_WRITE ? 2'd1 : 2'd0;
  assign host_req_entry = sa_entry[ENTRY_BITS-1:0];
  assign host_req_word  = sa_first[6:0] + sa_issued[6:0];  // < 128: range checked
  assign host_req_wdata = reader_data;
  wire host_accept = host_req_valid && host_req_ready;

  // ---------------- packet path ----------------
  reg p_out;  // the packet in hand goes outbound
  reg cmd_sent, data_done;
  reg [3:0] last_keep;
  wire in_packet = state == S_PACKET;
  assign out_cmd_tvalid = in_packet && p_out && !cmd_sent;
  assign in_cmd_tvalid = in_packet && !p_out && !cmd_sent;
  assign out_cmd_sa = selector[ENTRY_BITS-1:0];
  assign out_cmd_length = d_tail_bytes;
  assign in_cmd_length = d_tail_bytes;
  assign in_cmd_encapsulation = encapsulation;
  wire [3:0] beat_keep = reader_last ? last_keep : 4'b1111;
  assign out_s_axis_tdata = reader_data;
  assign out_s_axis_tkeep = beat_keep;
  assign out_s_axis_tlast = reader_last;
  assign out_s_axis_tvalid = in_packet && p_out && reader_valid;
  assign in_s_axis_tdata = reader_data;
  assign in_s_axis_tkeep = beat_keep;
  assign in_s_axis_tlast = reader_last;
  assign in_s_axis_tvalid = in_packet && !p_out && reader_valid;
  assign reader_ready = state == S_SA_WRITE ? host_req_ready :
                        in_packet && (p_out ? out_s_axis_tready : in_s_axis_tready);
  wire beat_taken = in_packet && reader_valid && reader_ready;
  wire cmd_taken = (out_cmd_tvalid && out_cmd_tready) || (in_cmd_tvalid && in_cmd_tready);

  // Output capture: one packet at a time, ready whenever the result buffer
  // takes a word (always, unless it shares a single-port memory).
  assign out_m_axis_tready = in_packet && buf_wr_ready;
  assign in_m_axis_tready = in_packet && buf_wr_ready;
  wire cap_valid = in_packet && buf_wr_ready && (p_out ? out_m_axis_tvalid : in_m_axis_tvalid);
  wire [31:0] cap_data = p_out ? out_m_axis_tdata : in_m_axis_tdata;
  wire [3:0] cap_keep = p_out ? out_m_axis_tkeep : in_m_axis_tkeep;
  wire cap_last = p_out ? out_m_axis_tlast : in_m_axis_tlast;
  wire cap_discard = p_out && out_m_axis_tuser;  // inbound never discards
  reg [BUFFER_ADDR_BITS:0] cap_words;  // words written (saturates at the half's size)
  reg [15:0] cap_bytes;
  reg cap_dropped;  // outbound ended its packet with tuser: no bytes go to the host
  wire cap_room = !cap_words[BUFFER_ADDR_BITS];
  wire [2:0] keep_bytes = {2'b0, cap_keep[3]} + {2'b0, cap_keep[2]} + {2'b0, cap_keep[1]} +
                          {2'b0, cap_keep[0]};

  assign out_sts_tready = in_packet && data_done && p_out;
  assign in_sts_tready = in_packet && data_done && !p_out;
  wire sts_taken = (out_sts_tvalid && out_sts_tready) || (in_sts_tvalid && in_sts_tready);
  assign packet_done = sts_taken;

  // The status record of the packet in hand goes straight into the
  // packet_result's fixed bytes (free since the last frame's were read);
  // the event frame takes its fields from there.
  wire [7:0] result_events = frame_fixed`LD_OUT(`HL_PACKET_RESULT_EVENTS_OFFSET, `HL_PACKET_RESULT_EVENTS_BYTES);
  wire [15:0] result_sa = frame_fixed`LD_OUT(`HL_PACKET_RESULT_SA_OFFSET, `HL_PACKET_RESULT_SA_BYTES);
  wire [31:0] result_spi = frame_fixed`LD_OUT(`HL_PACKET_RESULT_SPI_OFFSET, `HL_PACKET_RESULT_SPI_BYTES);

  // ---------------- result buffer writes: SA read words or engine output ----------------
  reg cur_buf;  // the half the next frame with a tail is written into
  assign buf_wr_en = (state == S_SA_READ && host_rsp_valid) || (cap_valid && cap_room);
  assign buf_wr_word = state == S_SA_READ ? {cur_buf, sa_received[BUFFER_ADDR_BITS-1:0]} :
                                            {cur_buf, cap_words[BUFFER_ADDR_BITS-1:0]};
  assign buf_wr_data = state == S_SA_READ ? host_rsp_rdata : cap_data;

  // ---------------- frames out ----------------
  reg event_pending;
  assign frame_valid = state == S_SEND;

  // Cycles since the last ring_free pulse (saturating): link_frame_rx needs
  // a cycle to take a free into its credit report.
  reg [1:0] free_age;
  always @(posedge clk) begin
    if (rst || ring_free_valid) free_age <= 2'd0;
    else if (free_age != 2'd3) free_age <= free_age + 2'd1;
  end

  always @(posedge clk) begin
    if (rst) begin
      state           <= S_RESET_CREDIT;
      ring_free_valid <= 1'b0;
      reader_start    <= 1'b0;
      event_pending   <= 1'b0;
      cur_buf         <= 1'b0;
    end else begin
      ring_free_valid <= 1'b0;
      reader_start    <= 1'b0;
      case (state)
        S_RESET_CREDIT: begin
          frame_type        <= `HL_TYPE_CREDIT;
          frame_tag         <= 8'd0;
          frame_fixed       <= {8 * FIXED_BYTES_MAX{1'b0}};
          frame_fixed`LD_OUT(`HL_CREDIT_CREDIT_TAG_OFFSET, `HL_CREDIT_CREDIT_TAG_BYTES) <= credit_tag;
          frame_fixed`LD_OUT(`HL_CREDIT_PACKETS_OFFSET, `HL_CREDIT_PACKETS_BYTES) <= credit_packets;
          frame_fixed`LD_OUT(`HL_CREDIT_BYTES_OFFSET, `HL_CREDIT_BYTES_BYTES) <= credit_bytes;
          frame_fixed_bytes <= `HL_CREDIT_FIXED_BYTES;
          frame_tail_bytes  <= 16'd0;
          state             <= S_SEND;
        end

        S_IDLE:
        if (desc_valid) begin
          d_type       <= desc_type;
          d_tag        <= desc_tag;
          d_fixed      <= desc_fixed[63:16];
          d_tail_bytes <= desc_tail_bytes;
          d_tail_word  <= desc_tail_word;
          d_no_credit  <= desc_no_credit;
          state        <= S_DECODE;
        end

        S_DECODE: begin
          // Every response starts from zeros with the request's tag.
          frame_tag         <= d_tag;
          frame_fixed       <= {8 * FIXED_BYTES_MAX{1'b0}};
          frame_tail_bytes  <= 16'd0;
          sa_issued         <= 9'd0;
          sa_received       <= 9'd0;
          // Descriptors whose ring words nobody reads are freed at once.
          ring_free_valid   <= !(d_type == `HL_TYPE_SA_WRITE && sa_result == `HL_RESULT_OK) &&
                               !(d_type == `HL_TYPE_PACKET_SUBMIT && link_code == 4'd0 &&
                                 tail_words != 0);
          ring_free_words   <= d_no_credit ? {(RING_ADDR_BITS + 1) {1'b0}} : tail_words;
          ring_free_packet  <= d_type == `HL_TYPE_PACKET_SUBMIT && !d_no_credit;
          case (d_type)
            `HL_TYPE_REG_READ: begin
              frame_type        <= `HL_TYPE_REG_READ_RESPONSE;
              frame_fixed_bytes <= `HL_REG_READ_RESPONSE_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_REG_READ_RESPONSE_ADDRESS_OFFSET, `HL_REG_READ_RESPONSE_ADDRESS_BYTES) <= reg_address;
              frame_fixed`LD_OUT(`HL_REG_READ_RESPONSE_RESULT_OFFSET, `HL_REG_READ_RESPONSE_RESULT_BYTES) <=
                  d_no_credit ? `HL_RESULT_BUSY : reg_rsp_result;
              frame_fixed`LD_OUT(`HL_REG_READ_RESPONSE_VALUE_OFFSET, `HL_REG_READ_RESPONSE_VALUE_BYTES) <= d_no_credit ? 32'd0 : reg_rsp_value;
              state <= S_SEND;
            end
            `HL_TYPE_REG_WRITE: begin
              frame_type        <= `HL_TYPE_REG_WRITE_RESPONSE;
              frame_fixed_bytes <= `HL_REG_WRITE_RESPONSE_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_REG_WRITE_RESPONSE_ADDRESS_OFFSET, `HL_REG_WRITE_RESPONSE_ADDRESS_BYTES) <= reg_address;
              frame_fixed`LD_OUT(`HL_REG_WRITE_RESPONSE_RESULT_OFFSET, `HL_REG_WRITE_RESPONSE_RESULT_BYTES) <=
                  d_no_credit ? `HL_RESULT_BUSY : reg_rsp_result;
              frame_fixed`LD_OUT(`HL_REG_WRITE_RESPONSE_VALUE_OFFSET, `HL_REG_WRITE_RESPONSE_VALUE_BYTES) <= d_no_credit ? 32'd0 : reg_rsp_value;
              state <= S_SEND;
            end
            `HL_TYPE_SA_WRITE: begin
              frame_type        <= `HL_TYPE_SA_WRITE_RESPONSE;
              frame_fixed_bytes <= `HL_SA_WRITE_RESPONSE_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_SA_WRITE_RESPONSE_ENTRY_OFFSET, `HL_SA_WRITE_RESPONSE_ENTRY_BYTES) <= sa_entry;
              frame_fixed`LD_OUT(`HL_SA_WRITE_RESPONSE_FIRST_WORD_OFFSET, `HL_SA_WRITE_RESPONSE_FIRST_WORD_BYTES) <= sa_first;
              frame_fixed`LD_OUT(`HL_SA_WRITE_RESPONSE_RESULT_OFFSET, `HL_SA_WRITE_RESPONSE_RESULT_BYTES) <= sa_result;
              if (sa_result == `HL_RESULT_OK) begin
                reader_start <= 1'b1;
                state        <= S_SA_WRITE;
              end else begin
                state <= S_SEND;
              end
            end
            `HL_TYPE_SA_READ: begin
              frame_type        <= `HL_TYPE_SA_READ_RESPONSE;
              frame_fixed_bytes <= `HL_SA_READ_RESPONSE_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_SA_READ_RESPONSE_ENTRY_OFFSET, `HL_SA_READ_RESPONSE_ENTRY_BYTES) <= sa_entry;
              frame_fixed`LD_OUT(`HL_SA_READ_RESPONSE_FIRST_WORD_OFFSET, `HL_SA_READ_RESPONSE_FIRST_WORD_BYTES) <= sa_first;
              frame_fixed`LD_OUT(`HL_SA_READ_RESPONSE_RESULT_OFFSET, `HL_SA_READ_RESPONSE_RESULT_BYTES) <= sa_result;
              state <= sa_result == `HL_RESULT_OK ? S_SA_READ : S_SEND;
            end
            `HL_TYPE_SA_ERASE: begin
              frame_type        <= `HL_TYPE_SA_ERASE_RESPONSE;
              frame_fixed_bytes <= `HL_SA_ERASE_RESPONSE_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_SA_ERASE_RESPONSE_ENTRY_OFFSET, `HL_SA_ERASE_RESPONSE_ENTRY_BYTES) <= sa_entry;
              frame_fixed`LD_OUT(`HL_SA_ERASE_RESPONSE_RESULT_OFFSET, `HL_SA_ERASE_RESPONSE_RESULT_BYTES) <= erase_result;
              state <= erase_result == `HL_RESULT_OK ? S_SA_ERASE : S_SEND;
            end
            `HL_TYPE_CREDIT_REQUEST: begin
              frame_type        <= `HL_TYPE_CREDIT;
              frame_fixed_bytes <= `HL_CREDIT_FIXED_BYTES;
              frame_fixed`LD_OUT(`HL_CREDIT_CREDIT_TAG_OFFSET, `HL_CREDIT_CREDIT_TAG_BYTES) <= credit_tag;
              frame_fixed`LD_OUT(`HL_CREDIT_PACKETS_OFFSET, `HL_CREDIT_PACKETS_BYTES) <= credit_packets;
              frame_fixed`LD_OUT(`HL_CREDIT_BYTES_OFFSET, `HL_CREDIT_BYTES_BYTES) <= credit_bytes;
              state <= S_SEND;
            end
            `HL_TYPE_PACKET_SUBMIT: begin
              p_out       <= dir_out;
              cmd_sent    <= 1'b0;
              data_done   <= tail_words == 0;
              last_keep   <= d_tail_bytes[1:0] == 2'd1 ? 4'b1000 :
                             d_tail_bytes[1:0] == 2'd2 ? 4'b1100 :
                             d_tail_bytes[1:0] == 2'd3 ? 4'b1110 : 4'b1111;
              cap_words   <= {(BUFFER_ADDR_BITS + 1) {1'b0}};
              cap_bytes   <= 16'd0;
              cap_dropped <= 1'b0;
              frame_fixed`LD_OUT(`HL_PACKET_RESULT_CODE_OFFSET, `HL_PACKET_RESULT_CODE_BYTES) <= {4'd0, link_code};  // the rest: zero
              if (link_code == 4'd0) begin
                reader_start <= tail_words != 0;
                state        <= S_PACKET;
              end else begin
                state <= S_PACKET_RESULT;
              end
            end
            default: state <= S_IDLE;  // a host link_error: counted by rx, nothing to answer
          endcase
        end

        S_SEND:
        if (frame_ready) begin
          if (event_pending) begin
            event_pending     <= 1'b0;
            frame_type        <= `HL_TYPE_EVENT;
            frame_tag         <= 8'd0;
            frame_fixed       <= {8 * FIXED_BYTES_MAX{1'b0}};
            frame_fixed`LD_OUT(`HL_EVENT_DIRECTION_OFFSET, `HL_EVENT_DIRECTION_BYTES) <= direction;
            frame_fixed`LD_OUT(`HL_EVENT_EVENTS_OFFSET, `HL_EVENT_EVENTS_BYTES) <= result_events;
            frame_fixed`LD_OUT(`HL_EVENT_SA_OFFSET, `HL_EVENT_SA_BYTES) <= result_sa;
            frame_fixed`LD_OUT(`HL_EVENT_SPI_OFFSET, `HL_EVENT_SPI_BYTES) <= result_spi;
            frame_fixed_bytes <= `HL_EVENT_FIXED_BYTES;
            frame_tail_bytes  <= 16'd0;
          end else begin
            state <= S_IDLE;
          end
        end

        S_SA_WRITE:
        if (host_accept) begin
          sa_issued <= sa_issued + 9'd1;
          if (reader_last) begin
            frame_fixed`LD_OUT(`HL_SA_WRITE_RESPONSE_WORDS_OFFSET, `HL_SA_WRITE_RESPONSE_WORDS_BYTES) <= sa_words[7:0];
            ring_free_valid  <= 1'b1;
            state            <= S_SEND;
          end
        end

        S_SA_READ: begin
          if (host_accept) sa_issued <= sa_issued + 9'd1;
          if (host_rsp_valid) begin
            sa_received <= sa_received + 9'd1;
            if ({7'd0, sa_received} + 16'd1 == sa_words) begin
              frame_tail_bytes <= {sa_words[13:0], 2'b00};
              frame_buffer     <= cur_buf;
              cur_buf          <= !cur_buf;
              state            <= S_SEND;
            end
          end
        end

        S_SA_ERASE: if (host_accept) state <= S_SA_ERASE_WAIT;

        // The table zeroes the entry word by word; answer when it is done.
        S_SA_ERASE_WAIT: if (!sa_table_busy) state <= S_SEND;

        S_PACKET: begin
          if (cmd_taken) cmd_sent <= 1'b1;
          if (beat_taken && reader_last) begin
            data_done       <= 1'b1;
            ring_free_valid <= 1'b1;
          end
          if (cap_valid) begin
            if (cap_room) cap_words <= cap_words + 1'b1;
            cap_bytes <= cap_bytes + {13'd0, keep_bytes};
            if (cap_last && cap_discard) cap_dropped <= 1'b1;
          end
          if (sts_taken) begin
            frame_fixed`LD_OUT(`HL_PACKET_RESULT_CODE_OFFSET, `HL_PACKET_RESULT_CODE_BYTES) <= {4'd0, p_out ? out_sts_code : in_sts_code};
            frame_fixed`LD_OUT(`HL_PACKET_RESULT_SA_OFFSET, `HL_PACKET_RESULT_SA_BYTES) <= {{(16 - ENTRY_BITS) {1'b0}}, p_out ? out_sts_sa : in_sts_sa};
            frame_fixed`LD_OUT(`HL_PACKET_RESULT_SPI_OFFSET, `HL_PACKET_RESULT_SPI_BYTES) <= p_out ? out_sts_spi : in_sts_spi;
            frame_fixed`LD_OUT(`HL_PACKET_RESULT_SEQUENCE_OFFSET, `HL_PACKET_RESULT_SEQUENCE_BYTES) <= p_out ? out_sts_sequence : in_sts_sequence;
            frame_fixed`LD_OUT(`HL_PACKET_RESULT_EVENTS_OFFSET, `HL_PACKET_RESULT_EVENTS_BYTES) <= {4'd0, p_out ? out_sts_events : in_sts_events};
            state <= S_PACKET_RESULT;
          end
        end

        // The credit report is sampled here, after this packet's ring words
        // were freed (at least one cycle before).
        S_PACKET_RESULT:
        if (free_age == 2'd3) begin
          frame_type        <= `HL_TYPE_PACKET_RESULT;
          frame_fixed_bytes <= `HL_PACKET_RESULT_FIXED_BYTES;
          frame_fixed`LD_OUT(`HL_PACKET_RESULT_DIRECTION_OFFSET, `HL_PACKET_RESULT_DIRECTION_BYTES) <= direction;
          frame_fixed`LD_OUT(`HL_PACKET_RESULT_LENGTH_OFFSET, `HL_PACKET_RESULT_LENGTH_BYTES) <= cap_dropped ? 16'd0 : cap_bytes;
          frame_fixed`LD_OUT(`HL_PACKET_RESULT_CREDIT_TAG_OFFSET, `HL_PACKET_RESULT_CREDIT_TAG_BYTES) <= credit_tag;
          frame_fixed`LD_OUT(`HL_PACKET_RESULT_CREDIT_PACKETS_OFFSET, `HL_PACKET_RESULT_CREDIT_PACKETS_BYTES) <= credit_packets;
          frame_fixed`LD_OUT(`HL_PACKET_RESULT_CREDIT_BYTES_OFFSET, `HL_PACKET_RESULT_CREDIT_BYTES_BYTES) <= credit_bytes;
          frame_tail_bytes <= cap_dropped ? 16'd0 : cap_bytes;
          frame_buffer     <= cur_buf;
          if (!cap_dropped && cap_bytes != 16'd0) cur_buf <= !cur_buf;
          event_pending <= result_events != 8'd0;
          state         <= S_SEND;
        end

        default: state <= S_IDLE;
      endcase
    end
  end

`undef LD_OUT
`undef LD_IN
endmodule
`default_nettype wire
