`default_nettype none
// First-word-fall-through FIFO in block RAM: it decouples the cipher from
// the HMAC on the inbound path. Both read the same input words, but the
// HMAC takes 16 words in a burst and then hashes for ~65 cycles, while the
// cipher takes 4 words per 11 cycles: with this FIFO in front of the cipher
// neither waits for the other's rhythm.
module esp_inbound_fifo #(
    parameter integer ADDR_BITS = 6  // depth 2^ADDR_BITS words
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        clear,       // empties the FIFO (between packets)
    input  wire        push,
    input  wire [31:0] push_data,
    output wire        room,        // a push is possible
    output wire        out_valid,
    output wire [31:0] out_data,
    input  wire        pop          // only with out_valid
);
  (* ram_style = "block" *)
  reg [31:0] mem[0:(1<<ADDR_BITS)-1];
  reg [ADDR_BITS:0] wr_ptr, rd_ptr;  // rd_ptr: next word to move into `q`
  reg [31:0] q;
  reg        q_valid;

  wire ram_empty = (wr_ptr == rd_ptr);
  wire fetch = !ram_empty && (!q_valid || pop);
  // Full when the RAM holds 2^ADDR_BITS words (q is extra slack).
  wire [ADDR_BITS:0] count = wr_ptr - rd_ptr;  // modulo 2^(ADDR_BITS+1)
  assign room = !count[ADDR_BITS];
  assign out_valid = q_valid;
  assign out_data = q;

  always @(posedge clk) begin
    if (push) mem[wr_ptr[ADDR_BITS-1:0]] <= push_data;
    if (fetch) q <= mem[rd_ptr[ADDR_BITS-1:0]];
  end

  always @(posedge clk) begin
    if (rst || clear) begin
      wr_ptr  <= 0;
      rd_ptr  <= 0;
      q_valid <= 1'b0;
    end else begin
      if (push) wr_ptr <= wr_ptr + 1'b1;
      if (fetch) rd_ptr <= rd_ptr + 1'b1;
      if (fetch) q_valid <= 1'b1;
      else if (pop) q_valid <= 1'b0;
    end
  end
endmodule
`default_nettype wire
