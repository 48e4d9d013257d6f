`default_nettype none
// The 15 round keys of the iterative AES core, in four 16x32 memories, one per
// word column (w[4r+c] lives in column c at address r), so that the key
// expansion can write one word per clock while the datapath reads a whole
// 128-bit round key per clock. Each column maps to two iCE40 EBRs; reads are
// registered (the EBR output register), and a read in the same clock as a
// write to the same address is never done (the key expansion settles one
// clock before key_ready), hence no_rw_check: no bypass logic is built.
module aes_round_key_ram (
    input  wire         clk,
    input  wire         write,
    input  wire [  5:0] write_word_index,  // i of w[i]
    input  wire [ 31:0] write_word,
    input  wire [  3:0] read_round,
    output wire [127:0] read_key
);
  genvar c;
  generate
    for (c = 0; c < 4; c = c + 1) begin : g_column
      (* ram_style = "block", no_rw_check *)
      reg [31:0] words[0:15];
      reg [31:0] read_word;
      always @(posedge clk) begin
        if (write && write_word_index[1:0] == c) words[write_word_index[5:2]] <= write_word;
      end
      always @(posedge clk) begin
        read_word <= words[read_round];
      end
      assign read_key[127-32*c-:32] = read_word;
    end
  endgenerate
endmodule
`default_nettype wire
