`default_nettype none
// Synthesis-check wrapper for sa_table: a few pins instead of about 200.
// A 96-bit shift register, filled one bit per clock while shift_in is high,
// holds a host request (bits 47:0: op, entry, word, wdata) and an engine
// request (bits 95:48: write, entry, word, wdata); host_go / engine_go raise
// the matching valid until the table accepts it. Read data is captured and
// shifted out on serial_out.
module sa_table_serial #(
    parameter ENTRY_BITS = 6,
    parameter USE_SPRAM  = 1
) (
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
  reg [95:0] in_bits;
  reg [31:0] out_bits;
  reg host_valid, engine_valid;
  wire host_rsp_valid, eng_rsp_valid;
  wire [31:0] host_rsp_rdata, eng_rsp_rdata;

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[94:0], serial_in};
    if (host_rsp_valid) out_bits <= host_rsp_rdata;
    else if (eng_rsp_valid) out_bits <= eng_rsp_rdata;
    else if (shift_out) out_bits <= {out_bits[30:0], 1'b0};
    if (rst) begin
      host_valid   <= 1'b0;
      engine_valid <= 1'b0;
    end else begin
      if (host_go) host_valid <= 1'b1;
      else if (host_ready) host_valid <= 1'b0;
      if (engine_go) engine_valid <= 1'b1;
      else if (engine_ready) engine_valid <= 1'b0;
    end
  end
  assign serial_out = out_bits[31];

  sa_table #(
      .ENTRY_BITS(ENTRY_BITS),
      .USE_SPRAM (USE_SPRAM)
  ) table_ (
      .clk           (clk),
      .rst           (rst),
      .host_req_valid(host_valid),
      .host_req_ready(host_ready),
      .host_req_op   (in_bits[47:46]),
      .host_req_entry(in_bits[39+:ENTRY_BITS]),
      .host_req_word (in_bits[38:32]),
      .host_req_wdata(in_bits[31:0]),
      .host_rsp_valid(host_rsp_valid),
      .host_rsp_rdata(host_rsp_rdata),
      .eng_req_valid (engine_valid),
      .eng_req_ready (engine_ready),
      .eng_req_write (in_bits[95]),
      .eng_req_entry (in_bits[87+:ENTRY_BITS]),
      .eng_req_word  (in_bits[86:80]),
      .eng_req_wdata (in_bits[79:48]),
      .eng_rsp_valid (eng_rsp_valid),
      .eng_rsp_rdata (eng_rsp_rdata),
      .busy          (busy)
  );

  // Bits between the fields are spare when ENTRY_BITS < 6.
  wire unused = &{1'b0, in_bits[45:39+ENTRY_BITS], in_bits[94:87+ENTRY_BITS]};
endmodule
`default_nettype wire
