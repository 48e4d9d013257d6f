`default_nettype none
// The cheap half of InvMixColumns: InvMixColumns(a) = MixColumns(P(a)) with
// P multiplying each column by {04}x^2 + {05} ("The Design of Rijndael",
// 4.1.3). It lets encrypt and decrypt share one MixColumns, which is far
// smaller than a separate InvMixColumns ({0e},{0b},{0d},{09}) on iCE40.
module aes_inv_mix_prepare (
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
      wire [7:0] u = xtime(xtime(a0 ^ a2));
      wire [7:0] v = xtime(xtime(a1 ^ a3));
      assign state_out[127 - 32 * c -: 8] = a0 ^ u;
      assign state_out[119 - 32 * c -: 8] = a1 ^ v;
      assign state_out[111 - 32 * c -: 8] = a2 ^ u;
      assign state_out[103 - 32 * c -: 8] = a3 ^ v;
    end
  endgenerate
endmodule
`default_nettype wire
