`default_nettype none
// The SA table's storage: one port, one read or one write per clock, read
// data registered (valid the cycle after the read). A read during a write
// is not possible, and q keeps its value while writing ("no change"), which
// is exactly what the iCE40 UP5K SPRAM offers, so Yosys can map it there.
// USE_SPRAM = 1: SB_SPRAM256KA (16K x 16 each, so 2 per 16K words of 32
// bits); 0: EBR (SB_RAM40_4K, 256 words of 32 bits per 2 EBRs).
module sa_memory #(
    parameter ADDR_BITS = 13,
    parameter USE_SPRAM = 1
) (
    input  wire                 clk,
    input  wire                 en,
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] addr,
    input  wire [         31:0] wdata,
    output reg  [         31:0] q
);
  generate
    if (USE_SPRAM != 0) begin : g_spram
      (* ram_style = "huge" *) reg [31:0] mem[0:(1 << ADDR_BITS) - 1];
      always @(posedge clk)
        if (en) begin
          if (we) mem[addr] <= wdata;
          else q <= mem[addr];
        end
    end else begin : g_ebr
      (* ram_style = "block" *) reg [31:0] mem[0:(1 << ADDR_BITS) - 1];
      always @(posedge clk)
        if (en) begin
          if (we) mem[addr] <= wdata;
          else q <= mem[addr];
        end
    end
  endgenerate
endmodule
`default_nettype wire
