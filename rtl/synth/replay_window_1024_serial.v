`default_nettype none
// Synthesis-check wrapper for replay_window with a 1024-packet window.
module replay_window_1024_serial (
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
  replay_window_serial #(
      .WINDOW(1024)
  ) wrapper (
      .clk          (clk),
      .rst          (rst),
      .serial_in    (serial_in),
      .shift_in     (shift_in),
      .cmd_go       (cmd_go),
      .mem_ready    (mem_ready),
      .mem_answer   (mem_answer),
      .capture      (capture),
      .shift_out    (shift_out),
      .serial_out   (serial_out),
      .cmd_ready    (cmd_ready),
      .mem_req_valid(mem_req_valid),
      .res_valid    (res_valid)
  );
endmodule
`default_nettype wire
