`default_nettype none
// DES permuted choice 2 (FIPS 46-3): selects the 48 round-key bits from the
// 56-bit C||D register (C in [55:28]).
module des_pc2 (
    input  wire [55:0] key_cd,
    output wire [47:0] round_key
);
  // PC-2 as printed in FIPS 46-3, row by row.
  localparam [48*6-1:0] PC2 = {
    6'd14, 6'd17, 6'd11, 6'd24, 6'd1,  6'd5,
    6'd3,  6'd28, 6'd15, 6'd6,  6'd21, 6'd10,
    6'd23, 6'd19, 6'd12, 6'd4,  6'd26, 6'd8,
    6'd16, 6'd7,  6'd27, 6'd20, 6'd13, 6'd2,
    6'd41, 6'd52, 6'd31, 6'd37, 6'd47, 6'd55,
    6'd30, 6'd40, 6'd51, 6'd45, 6'd33, 6'd48,
    6'd44, 6'd49, 6'd39, 6'd56, 6'd34, 6'd53,
    6'd46, 6'd42, 6'd50, 6'd36, 6'd29, 6'd32
  };

  genvar i;
  generate
    for (i = 0; i < 48; i = i + 1) begin : g_bit
      assign round_key[i] = key_cd[56 - PC2[i*6 +: 6]];
    end
  endgenerate
endmodule
`default_nettype wire
