`default_nettype none
// DES permuted choice 1 (FIPS 46-3): drops the 8 parity bits of a 64-bit key
// and splits the other 56 into C (key_cd[55:28]) and D (key_cd[27:0]).
module des_pc1 (
    input  wire [63:0] key,
    output wire [55:0] key_cd
);
  // PC-1 as printed in FIPS 46-3: four rows for C, then four rows for D.
  localparam [56*7-1:0] PC1 = {
    7'd57, 7'd49, 7'd41, 7'd33, 7'd25, 7'd17, 7'd9,
    7'd1,  7'd58, 7'd50, 7'd42, 7'd34, 7'd26, 7'd18,
    7'd10, 7'd2,  7'd59, 7'd51, 7'd43, 7'd35, 7'd27,
    7'd19, 7'd11, 7'd3,  7'd60, 7'd52, 7'd44, 7'd36,
    7'd63, 7'd55, 7'd47, 7'd39, 7'd31, 7'd23, 7'd15,
    7'd7,  7'd62, 7'd54, 7'd46, 7'd38, 7'd30, 7'd22,
    7'd14, 7'd6,  7'd61, 7'd53, 7'd45, 7'd37, 7'd29,
    7'd21, 7'd13, 7'd5,  7'd28, 7'd20, 7'd12, 7'd4
  };

  genvar i;
  generate
    for (i = 0; i < 56; i = i + 1) begin : g_bit
      assign key_cd[i] = key[64 - PC1[i*7 +: 7]];
    end
  endgenerate
endmodule
`default_nettype wire
