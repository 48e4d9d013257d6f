`default_nettype none
// The receiver's payload ring: 2^ADDR_BITS 32-bit words in block RAM, one
// write port (the receiver) and one synchronous read port (the dispatcher,
// data the cycle after rd_en). Byte 0 of a word is in [31:24].
module link_rx_ring #(
    parameter integer ADDR_BITS = 10
) (
    input  wire                 clk,
    input  wire                 wr_en,
    input  wire [ADDR_BITS-1:0] wr_addr,
    input  wire [         31:0] wr_data,
    input  wire                 rd_en,
    input  wire [ADDR_BITS-1:0] rd_addr,
    output reg  [         31:0] rd_data
);
  (* ram_style = "block" *) reg [31:0] words[0:(1 << ADDR_BITS) - 1];

  always @(posedge clk) begin
    if (wr_en) words[wr_addr] <= wr_data;
    if (rd_en) rd_data <= words[rd_addr];
  end
endmodule
`default_nettype wire
