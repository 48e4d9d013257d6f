`default_nettype none
// Chooses the board's next frame for link_frame_tx: the dispatcher's frames
// (responses, credit reports, packet results, events) in their order, and a
// link_error frame (tag 0) made from link_frame_rx's error report, between
// frames. When both wait, they alternate, so neither a stream of damaged
// input nor a busy dispatcher can starve the other.
//
// The request registers hold a frame's header fields until link_frame_tx has
// read all of it (req_ready); req_buffer tells the top which result buffer
// half its tail is read from. The fixed bytes are not copied (one copy of
// them in the link, the dispatcher's): a dispatcher's frame is read in place
// and taken (frame_ready) once link_frame_tx has read its fixed bytes
// (fixed_read), so the dispatcher goes on while the tail is sent. A
// link_error frame's five fixed bytes are kept here.
module link_tx_arbiter #(
    parameter integer FIXED_BYTES_MAX = 32
) (
    input wire clk,
    input wire rst,

    input  wire                         frame_valid,
    output wire                         frame_ready,
    input  wire [                  7:0] frame_type,
    input  wire [                  7:0] frame_tag,
    input  wire [8*FIXED_BYTES_MAX-1:0] frame_fixed,
    input  wire [                  5:0] frame_fixed_bytes,
    input  wire [                 15:0] frame_tail_bytes,
    input  wire                         frame_buffer,

    input  wire        err_valid,
    output wire        err_ready,
    input  wire [ 7:0] err_reason,
    input  wire [15:0] err_count,
    input  wire [15:0] err_dropped,

    output reg                          req_valid,
    input  wire                         req_ready,
    output reg  [                  7:0] req_type,
    output reg  [                  7:0] req_tag,
    output wire [8*FIXED_BYTES_MAX-1:0] req_fixed,
    output reg  [                  5:0] req_fixed_bytes,
    output reg  [                 15:0] req_tail_bytes,
    output reg                          req_buffer,
    input  wire                         fixed_read   // link_frame_tx: req_fixed was read
);
`include "host_link.vh"

  localparam integer TOP = 8 * FIXED_BYTES_MAX - 1;
  localparam integer ERROR_BITS = 8 * `HL_LINK_ERROR_FIXED_BYTES;

  reg  error_turn;  // when both wait: 1 = the error report goes next
  reg  sending_frame;  // the request is the dispatcher's frame, its fixed bytes not read yet
  wire take_error = !req_valid && err_valid && (error_turn || !frame_valid);
  wire take_frame = !req_valid && frame_valid && !take_error && !sending_frame;
  assign err_ready   = take_error;
  assign frame_ready = sending_frame && fixed_read;

  // A link_error frame: its fixed bytes, in their frame order.
  reg [ERROR_BITS-1:0] error_fixed;
  reg                  req_error;
  reg  [8*FIXED_BYTES_MAX-1:0] error_in;
  always @(*) begin
    error_in = {8 * FIXED_BYTES_MAX{1'b0}};
    error_in[TOP-8*`HL_LINK_ERROR_REASON_OFFSET-:8*`HL_LINK_ERROR_REASON_BYTES] = err_reason;
    error_in[TOP-8*`HL_LINK_ERROR_COUNT_OFFSET-:8*`HL_LINK_ERROR_COUNT_BYTES] = err_count;
    error_in[TOP-8*`HL_LINK_ERROR_DROPPED_BYTES_OFFSET-:8*`HL_LINK_ERROR_DROPPED_BYTES_BYTES] =
        err_dropped;
  end
  // link_frame_tx reads only req_fixed_bytes of them: past a link_error
  // frame's five, the dispatcher's bytes need no multiplexer.
  assign req_fixed = {req_error ? error_fixed : frame_fixed[TOP-:ERROR_BITS],
                      frame_fixed[TOP-ERROR_BITS:0]};

  always @(posedge clk) begin
    if (rst) begin
      req_valid     <= 1'b0;
      error_turn    <= 1'b0;
      sending_frame <= 1'b0;
    end else begin
      if (req_valid && req_ready) req_valid <= 1'b0;
      if (take_error || take_frame) req_valid <= 1'b1;
      if (take_error) error_turn <= 1'b0;
      else if (take_frame) error_turn <= 1'b1;
      if (take_frame) sending_frame <= 1'b1;
      else if (fixed_read) sending_frame <= 1'b0;
    end
    if (take_error) begin
      req_type        <= `HL_TYPE_LINK_ERROR;
      req_tag         <= 8'd0;
      error_fixed     <= error_in[TOP-:ERROR_BITS];
      req_error       <= 1'b1;
      req_fixed_bytes <= `HL_LINK_ERROR_FIXED_BYTES;
      req_tail_bytes  <= 16'd0;
      req_buffer      <= 1'b0;
    end else if (take_frame) begin
      req_type        <= frame_type;
      req_tag         <= frame_tag;
      req_error       <= 1'b0;
      req_fixed_bytes <= frame_fixed_bytes;
      req_tail_bytes  <= frame_tail_bytes;
      req_buffer      <= frame_buffer;
    end
  end
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_error_in = &{1'b0, error_in[TOP-ERROR_BITS:0]};
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
`default_nettype wire
