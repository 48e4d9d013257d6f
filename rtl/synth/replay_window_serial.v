`default_nettype none
// Synthesis-check wrapper for replay_window: a few pins instead of about 250.
// A 66-bit shift register, filled one bit per clock while shift_in is high,
// gives the command (bit 65 update, bit 64 esn, bits 63:0 the sequence) and,
// in its low 32 bits, the memory's read data (answered when mem_answer is
// high). A 130-bit register captures the result at res_valid, or the memory
// request on capture, and shifts it out on serial_out.
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
  reg  [ 65:0] in_bits;
  reg  [129:0] out_bits;
  wire [  1:0] res_status;
  wire [63:0] res_sequence, res_highest;
  wire        mem_req_write;
  wire [ 6:0] mem_req_word;
  wire [31:0] mem_req_wdata;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[64:0], serial_in};
    if (res_valid) out_bits <= {res_status, res_sequence, res_highest};
    else if (capture) out_bits <= {90'd0, mem_req_write, mem_req_word, mem_req_wdata};
    else if (shift_out) out_bits <= {out_bits[128:0], 1'b0};
  end
  assign serial_out = out_bits[129];

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
