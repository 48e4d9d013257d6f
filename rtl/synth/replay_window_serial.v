`default_nettype none
// Synthesis-check wrapper for replay_window: a few pins instead of about 250.
// A 66-bit shift register, filled one bit per clock while shift_in is high,
// gives the command (bit 65 update, bit 64 esn, bits 63:0 the sequence) and,
// in its low 32 bits, the memory's read data (answered when mem_answer is
// high). Two shift registers, chained onto serial_out, unload the outputs:
// 66 bits take {res_status, res_sequence ^ res_highest} at res_valid (both
// numbers are registers held by the unit, so their XOR keeps every bit of
// both), 40 bits take the memory request on capture. Separate loads and one
// LUT per bit keep this wrapper small next to the unit it measures.
module replay_window_serial #(
    parameter WINDOW = 64
) (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire cmd_go,
    input  wire mem_ready,
    input  wire mem_answer,
    input  wire capture,
    input  wire shift_out,
    output wire serial_out,
    output wire cmd_ready,
    output wire mem_req_valid,
    output wire res_valid
);
  reg  [65:0] in_bits;
  reg  [65:0] result_bits;
  reg  [39:0] request_bits;
  wire [ 1:0] res_status;
  wire [63:0] res_sequence, res_highest;
  wire        mem_req_write;
  wire [ 6:0] mem_req_word;
  wire [31:0] mem_req_wdata;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[64:0], serial_in};
    if (res_valid) result_bits <= {res_status, res_sequence ^ res_highest};
    else if (shift_out) result_bits <= {result_bits[64:0], request_bits[39]};
    if (capture) request_bits <= {mem_req_write, mem_req_word, mem_req_wdata};
    else if (shift_out) request_bits <= {request_bits[38:0], 1'b0};
  end
  assign serial_out = result_bits[65];

  replay_window #(
      .WINDOW(WINDOW)
  ) window (
      .clk          (clk),
      .rst          (rst),
      .cmd_valid    (cmd_go),
      .cmd_ready    (cmd_ready),
      .cmd_update   (in_bits[65]),
      .cmd_esn      (in_bits[64]),
      .cmd_sequence (in_bits[63:0]),
      .res_valid    (res_valid),
      .res_status   (res_status),
      .res_sequence (res_sequence),
      .res_highest  (res_highest),
      .mem_req_valid(mem_req_valid),
      .mem_req_ready(mem_ready),
      .mem_req_write(mem_req_write),
      .mem_req_word (mem_req_word),
      .mem_req_wdata(mem_req_wdata),
      .mem_rsp_valid(mem_answer),
      .mem_rsp_rdata(in_bits[31:0])
  );
endmodule
`default_nettype wire
