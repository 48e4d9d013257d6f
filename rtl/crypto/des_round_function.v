`default_nettype none
// The DES cipher function f(R, K) (FIPS 46-3): expand R to 48 bits (E), add
// the round key, substitute through the eight S-boxes, permute (P).
module des_round_function (
    input  wire [31:0] right,
    input  wire [47:0] round_key,
    output wire [31:0] f_out
);
  // E bit-selection table as printed in FIPS 46-3.
  localparam [48*6-1:0] E = {
    6'd32, 6'd1,  6'd2,  6'd3,  6'd4,  6'd5,
    6'd4,  6'd5,  6'd6,  6'd7,  6'd8,  6'd9,
    6'd8,  6'd9,  6'd10, 6'd11, 6'd12, 6'd13,
    6'd12, 6'd13, 6'd14, 6'd15, 6'd16, 6'd17,
    6'd16, 6'd17, 6'd18, 6'd19, 6'd20, 6'd21,
    6'd20, 6'd21, 6'd22, 6'd23, 6'd24, 6'd25,
    6'd24, 6'd25, 6'd26, 6'd27, 6'd28, 6'd29,
    6'd28, 6'd29, 6'd30, 6'd31, 6'd32, 6'd1
  };
  // P permutation as printed in FIPS 46-3.
  localparam [32*6-1:0] P = {
    6'd16, 6'd7,  6'd20, 6'd21,
    6'd29, 6'd12, 6'd28, 6'd17,
    6'd1,  6'd15, 6'd23, 6'd26,
    6'd5,  6'd18, 6'd31, 6'd10,
    6'd2,  6'd8,  6'd24, 6'd14,
    6'd32, 6'd27, 6'd3,  6'd9,
    6'd19, 6'd13, 6'd30, 6'd6,
    6'd22, 6'd11, 6'd4,  6'd25
  };

  wire [47:0] expanded;
  wire [31:0] substituted;

  genvar i;
  generate
    for (i = 0; i < 48; i = i + 1) begin : g_expand
      assign expanded[i] = right[32 - E[i*6 +: 6]];
    end

    // S-box 1 takes the leftmost six bits and gives the leftmost four.
    for (i = 1; i <= 8; i = i + 1) begin : g_sbox
      des_sbox #(
          .BOX(i)
      ) sbox (
          .in (expanded[48 - 6*i +: 6] ^ round_key[48 - 6*i +: 6]),
          .out(substituted[32 - 4*i +: 4])
      );
    end

    for (i = 0; i < 32; i = i + 1) begin : g_permute
      assign f_out[i] = substituted[32 - P[i*6 +: 6]];
    end
  endgenerate
endmodule
`default_nettype wire
