`default_nettype none
// Rotates row r of the AES state left by SHIFT_ROWr columns: pure wiring.
// (0,1,2,3) is ShiftRows (FIPS-197 5.1.2). Byte n (row n%4, column n/4) is
// state[127-8n -: 8].
module aes_row_rotate #(
    parameter integer SHIFT_ROW1 = 1,
    parameter integer SHIFT_ROW2 = 2,
    parameter integer SHIFT_ROW3 = 3
) (
    input  wire [127:0] state_in,
    output wire [127:0] state_out
);
  genvar r, c;
  generate
    for (c = 0; c < 4; c = c + 1) begin : g_column
      for (r = 0; r < 4; r = r + 1) begin : g_row
        localparam integer SHIFT = r == 1 ? SHIFT_ROW1 : r == 2 ? SHIFT_ROW2 : r == 3 ? SHIFT_ROW3 : 0;
        // out[r][c] = in[r][(c + shift) mod 4]
        assign state_out[127-8*(r+4*c)-:8] = state_in[127-8*(r+4*((c+SHIFT)%4))-:8];
      end
    end
  endgenerate
endmodule
`default_nettype wire
