`default_nettype none
// The combinational part of one AES round, between two reads of the S-box
// ROMs. The ROMs' registered outputs hold the state just after SubBytes;
// this module turns it into the ROM addresses of the next round, already
// ShiftRows-permuted, so the ROM output register is the only round register.
//
// Both directions address the ROMs with ShiftRows (never InvShiftRows), which
// saves a direction mux in front of every ROM address. When decrypting, the
// lanes then hold InvSubBytes(ShiftRows(x)) where the round needs
// InvShiftRows(InvSubBytes(x)) = InvShiftRows^2 of the lanes: rows 1 and 3
// rotated by two columns, free wiring on the decrypt-only side.
//   encrypt: next = MixColumns(S) ^ rk                 (FIPS-197 5.1)
//   decrypt: next = InvMixColumns(Sinv' ^ rk)          (FIPS-197 5.3)
//   first round (use_block_in): next = block_in ^ rk
//   addresses = ShiftRows(next)
//   last round: block_out = S ^ rk (encrypt) or Sinv' ^ rk (decrypt)
// Decryption is FIPS-197's straightforward inverse cipher, so both directions
// use the same round keys, in opposite order.
module aes_round_function (
    input  wire         decrypt,
    input  wire         use_block_in,
    input  wire [127:0] block_in,
    // Lane n (byte n) of the ROMs: sbox_q[255-16n -: 16] = {Sinv, S}.
    input  wire [255:0] sbox_q,
    input  wire [127:0] round_key,
    output wire [127:0] next_sbox_addr,
    output wire [127:0] block_out
);
  reg [127:0] sub_bytes;  // S of every lane
  reg [127:0] inv_sub_lanes;  // Sinv of every lane, in ShiftRows order
  integer n;
  always @* begin
    for (n = 0; n < 16; n = n + 1) begin
      inv_sub_lanes[127-8*n-:8] = sbox_q[255-16*n-:8];
      sub_bytes[127-8*n-:8] = sbox_q[247-16*n-:8];
    end
  end

  // InvShiftRows(InvSubBytes(x)) from InvSubBytes(ShiftRows(x)).
  wire [127:0] inv_sub_bytes;
  aes_row_rotate #(
      .SHIFT_ROW1(2),
      .SHIFT_ROW2(0),
      .SHIFT_ROW3(2)
  ) u_inv_order (
      .state_in (inv_sub_lanes),
      .state_out(inv_sub_bytes)
  );

  wire [127:0] inv_keyed = inv_sub_bytes ^ round_key;
  wire [127:0] inv_prepared;
  aes_inv_mix_prepare u_inv_mix_prepare (
      .state_in (inv_keyed),
      .state_out(inv_prepared)
  );

  wire [127:0] mixed;
  aes_mix_columns u_mix_columns (
      .state_in (decrypt ? inv_prepared : sub_bytes),
      .state_out(mixed)
  );

  wire [127:0] middle_round = decrypt ? mixed : mixed ^ round_key;
  wire [127:0] next_state = use_block_in ? block_in ^ round_key : middle_round;

  aes_row_rotate #(
      .SHIFT_ROW1(1),
      .SHIFT_ROW2(2),
      .SHIFT_ROW3(3)
  ) u_shift_rows (
      .state_in (next_state),
      .state_out(next_sbox_addr)
  );

  assign block_out = (decrypt ? inv_sub_bytes : sub_bytes) ^ round_key;
endmodule
`default_nettype wire
