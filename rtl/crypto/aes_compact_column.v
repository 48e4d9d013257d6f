`default_nettype none
// One column of one AES round for aes_core_compact, combinational: from the
// four S-box lanes (registered EBR outputs) and one round-key word to the new
// column. Decryption is the straightforward inverse cipher (FIPS-197 5.3), so
// both directions use the same stored round keys, read in opposite order:
//   encrypt round:    MixColumns(S(a)) ^ k
//   decrypt round:    InvMixColumns(S^-1(a) ^ k)
//   first (round 0):  a ^ k, with a taken straight from the state (`tap`)
// (The last round, S(a) ^ k, is computed at the output register.)
// InvMixColumns is MixColumns(P(x)) with P the cheap {04}x^2+{05} factor
// ("The Design of Rijndael", 4.1.3), so one MixColumns serves both.
module aes_compact_column (
    input  wire [63:0] sbox,         // lane r = {S^-1, S} of row r in [63-16r -: 16]
    input  wire [31:0] round_key,    // row 0 in [31:24]
    input  wire [31:0] tap,          // the state bytes themselves, for round 0
    input  wire        decrypt,
    input  wire        first_round,
    output wire [31:0] column
);
  function [7:0] xtime;  // multiplication by {02} in GF(2^8)
    input [7:0] b;
    xtime = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction

  wire [31:0] substituted;
  genvar r;
  generate
    for (r = 0; r < 4; r = r + 1) begin : g_lane
      assign substituted[31-8*r-:8] = decrypt ? sbox[63-16*r-:8] : sbox[55-16*r-:8];
    end
  endgenerate

  // Decryption adds the round key before InvMixColumns, encryption after.
  wire [31:0] keyed = substituted ^ (decrypt ? round_key : 32'd0);

  wire [7:0] a0 = keyed[31:24], a1 = keyed[23:16], a2 = keyed[15:8], a3 = keyed[7:0];
  wire [7:0] u = decrypt ? xtime(xtime(a0 ^ a2)) : 8'd0;
  wire [7:0] v = decrypt ? xtime(xtime(a1 ^ a3)) : 8'd0;
  wire [7:0] b0 = a0 ^ u, b1 = a1 ^ v, b2 = a2 ^ u, b3 = a3 ^ v;

  // {02}a ^ {03}b = xtime(a ^ b) ^ b: one shared xtime per output byte.
  wire [31:0] mixed = {
    xtime(b0 ^ b1) ^ b1 ^ b2 ^ b3,
    xtime(b1 ^ b2) ^ b2 ^ b3 ^ b0,
    xtime(b2 ^ b3) ^ b3 ^ b0 ^ b1,
    xtime(b3 ^ b0) ^ b0 ^ b1 ^ b2
  };

  wire        add_key_last = first_round || !decrypt;
  assign column = (first_round ? tap : mixed) ^ (add_key_last ? round_key : 32'd0);
endmodule
`default_nettype wire
