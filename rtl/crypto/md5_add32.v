`default_nettype none
// A plain 32-bit adder kept as its own module in synthesis. Yosys' alumacc
// otherwise merges a chain of additions into one multi-operand adder (a
// carry-save tree of LUTs, then a carry chain), which puts two LUT levels
// between md5_core's late operand F and its carry chain.
(* keep_hierarchy *)
module md5_add32 (
    input  wire [31:0] x,
    input  wire [31:0] y,
    output wire [31:0] sum
);
  assign sum = x + y;
endmodule
`default_nettype wire
