`default_nettype none
// One digit step of GHASH's multiplication, all combinational:
//   product = acc * x^DIGIT_BITS  XOR  digit(x) * H   in GF(2^128) mod
//   P(x) = x^128 + x^7 + x^2 + x + 1.
// Horner's rule over DIGIT_BITS bits of the multiplier per clock, highest
// degree first, so H is the only operand multiplied by more than one power of
// x and those multiples H * x^j (j < DIGIT_BITS) depend on H alone.
//
// Bit order (SP 800-38D section 6.3): port bit 127 - i holds the coefficient
// of x^i, so byte 0's most significant bit (port bit 127) is x^0, and
// multiplying by x is a right shift that folds the bit leaving at port bit 0
// (x^127) back in as R = 11100001 || 0^120.
// digit[m] is the coefficient of x^(DIGIT_BITS - 1 - m) of the digit: the
// digit is taken straight from the low port bits of the multiplier.
module ghash_digit_multiply #(
    parameter integer DIGIT_BITS = 16
) (
    input  wire [         127:0] acc,
    input  wire [         127:0] h,
    input  wire [DIGIT_BITS-1:0] digit,
    output wire [         127:0] product
);
  localparam [127:0] R = {8'he1, 120'd0};

  // v * x^n: n single shifts (SP 800-38D algorithm 1's V update). With n a
  // constant each result bit is an XOR of a few input bits; synthesis
  // flattens the loop.
  function [127:0] times_x_pow(input [127:0] v, input integer n);
    integer i;
    begin
      times_x_pow = v;
      for (i = 0; i < n; i = i + 1)
        times_x_pow = (times_x_pow >> 1) ^ (times_x_pow[0] ? R : 128'd0);
    end
  endfunction

  // digit[m] selects H * x^(DIGIT_BITS - 1 - m). The selected multiples are
  // summed as a balanced tree of 128-bit XORs (as written, which is how
  // synthesis keeps it: log2(DIGIT_BITS) levels rather than a chain). One
  // always block with a flat vector keeps the simulation model small.
  reg     [             127:0] acc_shifted;
  reg     [             127:0] h_multiple;
  reg     [128*DIGIT_BITS-1:0] terms;
  integer                      m;
  integer                      width;

  always @* begin
    acc_shifted = times_x_pow(acc, DIGIT_BITS);
    h_multiple  = h;
    for (m = DIGIT_BITS - 1; m >= 0; m = m - 1) begin
      terms[128*m+:128] = h_multiple & {128{digit[m]}};
      h_multiple = times_x_pow(h_multiple, 1);
    end
    for (width = DIGIT_BITS; width > 1; width = width / 2)
      for (m = 0; m < width / 2; m = m + 1)
        terms[128*m+:128] = terms[128*(2*m)+:128] ^ terms[128*(2*m+1)+:128];
  end
  assign product = acc_shifted ^ terms[127:0];
endmodule
`default_nettype wire
