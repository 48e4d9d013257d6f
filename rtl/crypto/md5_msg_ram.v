`default_nettype none
// The 16 message words of the MD5 block in progress: written as they stream
// in (steps 0..15 use them in order), read back permuted for steps 16..63.
// Synchronous read (data = mem[rd_addr] one clock later) so that USE_EBR = 1
// lands in two iCE40 EBRs (16x32 in two 256x16 blocks) instead of 512
// flip-flops and a 32-bit 16:1 read mux; USE_EBR = 0 asks for flip-flops.
module md5_msg_ram #(
    parameter USE_EBR = 1
) (
    input  wire        clk,
    input  wire        wr_en,
    input  wire [3:0]  wr_addr,
    input  wire [31:0] wr_data,
    input  wire [3:0]  rd_addr,
    output reg  [31:0] rd_data
);
  /* verilator lint_off UNUSEDPARAM */  // only read by Yosys, in an attribute
  localparam RAM_STYLE = (USE_EBR != 0) ? "block" : "logic";
  /* verilator lint_on UNUSEDPARAM */
  // no_rw_check: the core never reads a word in the cycle it is written, so
  // Yosys need not add read-during-write bypass logic (about 190 LUTs).
  (* ram_style = RAM_STYLE, no_rw_check *) reg [31:0] words [0:15];

  always @(posedge clk) begin
    if (wr_en) words[wr_addr] <= wr_data;
    rd_data <= words[rd_addr];
  end
endmodule
`default_nettype wire
