`default_nettype none
// The board's result buffers: one block RAM of 2^ADDR_BITS 32-bit words with
// one write port (the dispatcher: engine output, SA read words) and one read
// port (link_frame_tx reading a frame's tail). The top address bit selects
// one of two halves, so the next packet's output can be captured while the
// previous result frame is still being sent from the other half.
module link_result_buffer #(
    parameter integer ADDR_BITS = 10
) (
    input wire clk,

    input wire                 wr_en,
    input wire [ADDR_BITS-1:0] wr_word,
    input wire [         31:0] wr_data,

    input  wire                 rd_en,
    input  wire [ADDR_BITS-1:0] rd_word,
    output reg  [         31:0] rd_data   // the cycle after rd_en
);
  (* ram_style = "block" *)
  reg [31:0] memory[0:(1 << ADDR_BITS) - 1];

  always @(posedge clk) begin
    if (wr_en) memory[wr_word] <= wr_data;
    if (rd_en) rd_data <= memory[rd_word];
  end
endmodule
`default_nettype wire
