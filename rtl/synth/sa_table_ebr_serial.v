`default_nettype none
// Synthesis-check wrapper for sa_table on parts without SPRAM (HX8K):
// 16 entries in EBR, otherwise sa_table_serial.
module sa_table_ebr_serial (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire host_go,
    input  wire engine_go,
    input  wire shift_out,
    output wire serial_out,
    output wire host_ready,
    output wire engine_ready,
    output wire busy
);
  sa_table_serial #(
      .ENTRY_BITS(4),
      .USE_SPRAM (0)
  ) wrapper (
      .clk         (clk),
      .rst         (rst),
      .serial_in   (serial_in),
      .shift_in    (shift_in),
      .host_go     (host_go),
      .engine_go   (engine_go),
      .shift_out   (shift_out),
      .serial_out  (serial_out),
      .host_ready  (host_ready),
      .engine_ready(engine_ready),
      .busy        (busy)
  );
endmodule
`default_nettype wire
