`default_nettype none
// AES MixColumns (FIPS-197 5.1.3) on a whole 128-bit state, combinational.
// Byte n of the state (FIPS-197's in[n], column n/4, row n%4) is
// state[127-8n -: 8], i.e. byte 0 is the most significant byte.
module aes_mix_columns (
    input  wire [127:0] state_in,
    output wire [127:0] state_out
);
  function [7:0] xtime;  // multiplication by {02} in GF(2^8)
    input [7:0] b;
    xtime = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction

  genvar c;
  generate
    for (c = 0; c < 4; c = c + 1) begin : g_column
      wire [7:0] a0 = state_in[127 - 32 * c -: 8];
      wire [7:0] a1 = state_in[119 - 32 * c -: 8];
      wire [7:0] a2 = state_in[111 - 32 * c -: 8];
      wire [7:0] a3 = state_in[103 - 32 * c -: 8];
      // {02}a ^ {03}b = xtime(a ^ b) ^ b: one shared xtime per output byte.
      assign state_out[127 - 32 * c -: 8] = xtime(a0 ^ a1) ^ a1 ^ a2 ^ a3;
      assign state_out[119 - 32 * c -: 8] = xtime(a1 ^ a2) ^ a2 ^ a3 ^ a0;
      assign state_out[111 - 32 * c -: 8] = xtime(a2 ^ a3) ^ a3 ^ a0 ^ a1;
      assign state_out[103 - 32 * c -: 8] = xtime(a3 ^ a0) ^ a0 ^ a1 ^ a2;
    end
  endgenerate
endmodule
`default_nettype wire
