`default_nettype none
// The round keys of aes_core_compact: w[0..59] of FIPS-197 5.2 at their own
// index, one 32-bit word per address, in two iCE40 EBRs (256x16 each, a
// quarter used). The key schedule writes one word per clock; the rounds read
// one word per clock with a registered read (the EBR's output register). No
// read ever needs a word written in the same clock (blocks only run once the
// schedule has finished), hence no_rw_check: no bypass logic is built.
module aes_compact_key_ram (
    input  wire        clk,
    input  wire        write,
    input  wire [ 5:0] write_index,
    input  wire [31:0] write_word,
    input  wire [ 5:0] read_index,
    output reg  [31:0] read_word
);
  (* ram_style = "block", no_rw_check *)
  reg [31:0] words[0:63];

  always @(posedge clk) begin
    if (write) words[write_index] <= write_word;
    read_word <= words[read_index];
  end
endmodule
`default_nettype wire
