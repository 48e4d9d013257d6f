`default_nettype none
// The 16-byte AES state of aes_core_compact, one 4-byte bank per row. A row
// never moves its bytes: each round the datapath reads one byte per row (the
// bank slot `slot_select` names) and writes the new byte of the column it
// computed into the slot that was read in the same clock, so the state needs
// no second copy and no shifting logic; ShiftRows is only a per-row rotation
// of the slot numbering, which aes_core_compact tracks with a 2-bit offset per
// row. A block is loaded with byte 4c+r in row r, slot c. (The last round
// writes the output register, not the state.)
module aes_compact_state (
    input  wire         clk,
    input  wire         load,         // take `block` into every slot
    input  wire [127:0] block,        // byte 0 in [127:120]
    input  wire         write,        // write `column` into the selected slots
    input  wire [ 31:0] column,       // row 0 in [31:24]
    input  wire [  7:0] slot_select,  // row r's slot in [7-2r -: 2]
    output wire [ 31:0] tap           // the selected slot of each row, row 0 in [31:24]
);
  // Row r, slot s lives in bank[r][8*s +: 8].
  genvar r, s;
  generate
    for (r = 0; r < 4; r = r + 1) begin : g_row
      reg  [31:0] bank;
      wire [ 1:0] select = slot_select[7-2*r-:2];
      for (s = 0; s < 4; s = s + 1) begin : g_slot
        always @(posedge clk) begin
          if (load) bank[8*s+:8] <= block[127-8*(4*s+r)-:8];
          else if (write && select == s) bank[8*s+:8] <= column[31-8*r-:8];
        end
      end
      assign tap[31-8*r-:8] = bank[8*select+:8];
    end
  endgenerate
endmodule
`default_nettype wire
