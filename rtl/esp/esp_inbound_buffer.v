`default_nettype none
// The inbound packet buffer: two halves of BUFFER_BYTES (ping-pong), one
// write port (the packet being processed) and one read port with a read
// enable (the packet being emitted), so it maps to iCE40 block RAM.
module esp_inbound_buffer #(
    parameter integer ADDR_BITS = 10  // total words = 2^ADDR_BITS (both halves)
) (
    input  wire                 clk,
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] waddr,
    input  wire [         31:0] wdata,
    input  wire                 re,
    input  wire [ADDR_BITS-1:0] raddr,
    output reg  [         31:0] rdata   // holds while re is low
);
  (* ram_style = "block" *)
  reg [31:0] mem[0:(1<<ADDR_BITS)-1];

  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
    if (re) rdata <= mem[raddr];
  end
endmodule
`default_nettype wire
