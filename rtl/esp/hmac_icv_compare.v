`default_nettype none
// Constant-time ICV check: every bit of both values goes through one XOR and
// one OR tree, whatever they hold; there is no early exit and no data-
// dependent timing (it is a combinational network).
module hmac_icv_compare (
    input  wire [127:0] computed,  // the ICV, bits beyond its length zero
    input  wire [127:0] expected,
    input  wire [127:0] mask,      // 1 for the bits the ICV has
    output wire         match
);
  assign match = ~|((computed ^ expected) & mask);
endmodule
`default_nettype wire
