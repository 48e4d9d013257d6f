`default_nettype none
// The left rotation of one MD5 step by s[round][step mod 4] of RFC 1321
// (7,12,17,22 / 5,9,14,20 / 4,11,16,23 / 6,10,15,21), selected by a one-hot
// `select` (bit 4*round + step mod 4) that the core registers a cycle ahead.
// Each output bit is an AND-OR of 16 candidate bits: 3 LUT levels on the
// core's critical path, where a 5-stage barrel shifter takes 5 (it is smaller,
// 160 LUTs against about 350, but this path sets the clock). All-zero select
// gives 0, which the core uses while idle.
module md5_rotate (
    input  wire [15:0] select,
    input  wire [31:0] value,
    output wire [31:0] rotated
);
  // Amount k of select bit k, packed 5 bits each, select bit 0 lowest.
  localparam [79:0] AMOUNTS = {
    5'd21, 5'd15, 5'd10, 5'd6,    // round 4
    5'd23, 5'd16, 5'd11, 5'd4,    // round 3
    5'd20, 5'd14, 5'd9,  5'd5,    // round 2
    5'd22, 5'd17, 5'd12, 5'd7     // round 1
  };

  // AND-OR as a balanced tree: 8 pairs (one LUT4 each: 2 bits, 2 selects),
  // two ORs of 4, one OR of 2. `keep` stops ABC from trading depth for area.
  (* keep *) wire [31:0] pair [0:7];
  (* keep *) wire [31:0] half [0:1];
  genvar k;
  generate
    for (k = 0; k < 8; k = k + 1) begin : pairs
      assign pair[k] = (rotate_left(value, AMOUNTS[10*k+:5]) & {32{select[2*k]}}) |
                       (rotate_left(value, AMOUNTS[10*k+5+:5]) & {32{select[2*k+1]}});
    end
  endgenerate
  assign half[0] = pair[0] | pair[1] | pair[2] | pair[3];
  assign half[1] = pair[4] | pair[5] | pair[6] | pair[7];
  assign rotated = half[0] | half[1];

  function [31:0] rotate_left;
    input [31:0] x;
    input [4:0] amount;
    rotate_left = (x << amount) | (x >> (6'd32 - {1'b0, amount}));
  endfunction
endmodule
`default_nettype wire
