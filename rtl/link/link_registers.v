`default_nettype none
// The host link's register map (docs/host-link-layout.md, addresses from
// host_link.vh): identification from the build's parameters and the ESP
// engine's capability outputs, the credit totals, scratch, the time base and
// the link counters.
//
// Access port: the dispatcher raises req_valid for one cycle; the response
// (result, value) is combinational from the request, so it is sampled in the
// same cycle, and a write takes effect on that clock edge. The value of a
// write's response is the register's value after the write (read_only: the
// unchanged value; bad_address: 0).
//
// time: seconds, set by the host, counting up every CLOCK_HZ cycles; it is
// the ESP engine's `now` (SA last_used). A write restarts the second.
// Counters: any write clears them (the rx counters through clear_counters,
// one-cycle pulses; tx_frames here). Counters saturate at all-ones.
module link_registers #(
    parameter integer ENTRY_BITS       = 6,
    parameter integer WINDOW           = 64,
    parameter integer BUFFER_BYTES     = 2048,
    parameter integer CLOCK_HZ         = 12000000,
    parameter [31:0]  BUILD_ID         = 32'h0,
    parameter integer MAX_PACKET_BYTES = 1920,
    parameter integer PACKET_SLOTS     = 4,
    parameter integer BYTE_CREDITS     = 3580
) (
    input wire clk,
    input wire rst,

    input wire [7:0] ciphers,
    input wire [3:0] integrities,

    input  wire        req_valid,
    input  wire        req_write,
    input  wire [15:0] req_address,
    input  wire [31:0] req_wdata,
    output reg  [ 7:0] rsp_result,
    output reg  [31:0] rsp_value,

    input  wire [31:0] rx_frames,
    input  wire [31:0] rx_crc_errors,
    input  wire [31:0] rx_cobs_errors,
    input  wire [31:0] rx_length_errors,
    input  wire [31:0] rx_oversize_errors,
    input  wire [31:0] rx_unknown_type_errors,
    input  wire [31:0] rx_overrun_errors,
    output reg  [ 6:0] clear_counters,  // bit order as the inputs above
    input  wire        frame_sent,      // link_frame_tx: one pulse per frame sent

    output wire [31:0] now
);
`include "host_link.vh"
`include "sa_layout.vh"

  localparam integer PRESCALE_BITS = $clog2(CLOCK_HZ + 1);
  localparam [31:0] LAST_TICK = CLOCK_HZ - 1;

  reg [31:0] scratch;
  reg [31:0] seconds;
  reg [PRESCALE_BITS-1:0] prescale;
  reg [31:0] tx_frames;

  // ---------------- read side: value and kind of each address ----------------
  reg [31:0] read_value;
  reg        known;
  reg        writable;
  reg        counter;
  always @(*) begin
    read_value = 32'd0;
    known      = 1'b1;
    writable   = 1'b0;
    counter    = 1'b0;
    case (req_address)
      `HL_REG_PROTOCOL_VERSION:      read_value = `HL_PROTOCOL_VERSION;
      `HL_REG_BUILD_ID:              read_value = BUILD_ID;
      `HL_REG_CLOCK_HZ:              read_value = CLOCK_HZ;
      `HL_REG_SA_ENTRIES:            read_value = 32'd1 << ENTRY_BITS;
      `HL_REG_SA_ENTRY_WORDS:        read_value = `SA_ENTRY_WORDS;
      `HL_REG_CIPHERS:               read_value = {24'd0, ciphers};
      `HL_REG_INTEGRITIES:           read_value = {28'd0, integrities};
      `HL_REG_REPLAY_WINDOW:         read_value = WINDOW;
      `HL_REG_INBOUND_BUFFER_BYTES:  read_value = BUFFER_BYTES;
      `HL_REG_MAX_PAYLOAD:           read_value = `HL_MAX_PAYLOAD;
      `HL_REG_MAX_PACKET_BYTES:      read_value = MAX_PACKET_BYTES;
      `HL_REG_PACKET_CREDITS:        read_value = PACKET_SLOTS;
      `HL_REG_BYTE_CREDITS:          read_value = BYTE_CREDITS;
      `HL_REG_SCRATCH: begin
        read_value = scratch;
        writable   = `HL_REG_SCRATCH_WRITABLE;
      end
      `HL_REG_TIME: begin
        read_value = seconds;
        writable   = `HL_REG_TIME_WRITABLE;
      end
      `HL_REG_RX_FRAMES: begin
        read_value = rx_frames;
        writable   = `HL_REG_RX_FRAMES_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_CRC_ERRORS: begin
        read_value = rx_crc_errors;
        writable   = `HL_REG_RX_CRC_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_COBS_ERRORS: begin
        read_value = rx_cobs_errors;
        writable   = `HL_REG_RX_COBS_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_LENGTH_ERRORS: begin
        read_value = rx_length_errors;
        writable   = `HL_REG_RX_LENGTH_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_OVERSIZE_ERRORS: begin
        read_value = rx_oversize_errors;
        writable   = `HL_REG_RX_OVERSIZE_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_UNKNOWN_TYPE_ERRORS: begin
        read_value = rx_unknown_type_errors;
        writable   = `HL_REG_RX_UNKNOWN_TYPE_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_TX_FRAMES: begin
        read_value = tx_frames;
        writable   = `HL_REG_TX_FRAMES_WRITABLE;
        counter    = 1'b1;
      end
      `HL_REG_RX_OVERRUN_ERRORS: begin
        read_value = rx_overrun_errors;
        writable   = `HL_REG_RX_OVERRUN_ERRORS_WRITABLE;
        counter    = 1'b1;
      end
      default: known = 1'b0;
    endcase
  end

  // ---------------- response ----------------
  always @(*) begin
    if (!known) begin
      rsp_result = `HL_RESULT_BAD_ADDRESS;
      rsp_value  = 32'd0;
    end else if (req_write && !writable) begin
      rsp_result = `HL_RESULT_READ_ONLY;
      rsp_value  = read_value;
    end else begin
      rsp_result = `HL_RESULT_OK;
      rsp_value  = !req_write ? read_value : counter ? 32'd0 : req_wdata;
    end
  end

  wire write = req_valid && req_write && known && writable;

  // ---------------- state ----------------
  always @(posedge clk) begin
    if (rst) begin
      scratch        <= 32'd0;
      seconds        <= 32'd0;
      prescale       <= {PRESCALE_BITS{1'b0}};
      tx_frames      <= 32'd0;
      clear_counters <= 7'd0;
    end else begin
      clear_counters <= 7'd0;
      if (write && req_address == `HL_REG_SCRATCH) scratch <= req_wdata;

      if (write && req_address == `HL_REG_TIME) begin
        seconds  <= req_wdata;
        prescale <= {PRESCALE_BITS{1'b0}};
      end else if ({{(32 - PRESCALE_BITS) {1'b0}}, prescale} == LAST_TICK) begin
        seconds  <= seconds + 32'd1;
        prescale <= {PRESCALE_BITS{1'b0}};
      end else begin
        prescale <= prescale + 1'b1;
      end

      if (write && req_address == `HL_REG_TX_FRAMES) tx_frames <= 32'd0;
      else if (frame_sent && ~&tx_frames) tx_frames <= tx_frames + 32'd1;

      if (write) begin
        clear_counters[0] <= req_address == `HL_REG_RX_FRAMES;
        clear_counters[1] <= req_address == `HL_REG_RX_CRC_ERRORS;
        clear_counters[2] <= req_address == `HL_REG_RX_COBS_ERRORS;
        clear_counters[3] <= req_address == `HL_REG_RX_LENGTH_ERRORS;
        clear_counters[4] <= req_address == `HL_REG_RX_OVERSIZE_ERRORS;
        clear_counters[5] <= req_address == `HL_REG_RX_UNKNOWN_TYPE_ERRORS;
        clear_counters[6] <= req_address == `HL_REG_RX_OVERRUN_ERRORS;
      end
    end
  end

  assign now = seconds;
endmodule
`default_nettype wire
