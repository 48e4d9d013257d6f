`default_nettype none
// DES round keys on the fly (FIPS 46-3 key schedule) from one C||D register.
//
// `load` starts a DES pass with `pass_key_cd` (the pass's key after PC-1):
// the register then holds C0||D0, which is also C16||D16, the first key of a
// decrypt pass. Each `advance` rotates the halves for the next round: left by
// `shift_two ? 2 : 1` in an encrypt pass, right in a decrypt pass. The first
// encrypt round needs C1 = C0 <<< 1: rather than load a rotated copy (one more
// input on all 56 register muxes), that round reads the key through a 1-bit
// left "peek" (`peek_left_one`, a 2:1 mux that merges with the key XOR) and
// its advance rotates by 2 to reach C2. `load` wins over `advance`.
module des_key_schedule (
    input  wire        clk,
    input  wire        load,
    input  wire [55:0] pass_key_cd,
    input  wire        advance,
    input  wire        rotate_right,
    input  wire        shift_two,
    input  wire        peek_left_one,
    output wire [47:0] round_key
);
  reg  [27:0] c;
  reg  [27:0] d;

  wire [27:0] c_view = peek_left_one ? {c[26:0], c[27]} : c;
  wire [27:0] d_view = peek_left_one ? {d[26:0], d[27]} : d;

  des_pc2 pc2 (
      .key_cd   ({c_view, d_view}),
      .round_key(round_key)
  );

  function automatic [27:0] rotate;
    input [27:0] half;
    input right;
    input two;
    begin
      case ({right, two})
        2'b00:   rotate = {half[26:0], half[27]};
        2'b01:   rotate = {half[25:0], half[27:26]};
        2'b10:   rotate = {half[0], half[27:1]};
        default: rotate = {half[1:0], half[27:2]};
      endcase
    end
  endfunction

  always @(posedge clk) begin
    if (load) begin
      c <= pass_key_cd[55:28];
      d <= pass_key_cd[27:0];
    end else if (advance) begin
      c <= rotate(c, rotate_right, shift_two);
      d <= rotate(d, rotate_right, shift_two);
    end
  end
endmodule
`default_nettype wire
