`default_nettype none
// One 32-bit word of the ESP plaintext (RFC 4303 section 2.4): payload bytes
// from the input beat, then padding 1, 2, 3, ..., pad length, next header.
// Purely combinational: `rel` = (word index * 4) - payload bytes, so byte
// lane j is payload when rel + j < 0, padding byte (rel + j + 1) while
// rel + j < pad_length, then pad length, then next header.
module esp_outbound_plaintext (
    input  wire signed [17:0] rel,          // 4k - P for word k
    input  wire        [ 3:0] pad_length,   // 0..15
    input  wire        [ 7:0] next_header,
    input  wire        [31:0] payload_word,  // the input beat (zero if the input ended)
    output wire        [31:0] word
);
  // Words of the plaintext have rel <= pad_length - 2 <= 13, and any rel <= -4
  // means four payload bytes: clamp to -4 so the lanes compare 7-bit numbers.
  wire all_payload = rel[17] && !(&rel[16:2]);
  wire signed [6:0] rel_c = all_payload ? -7'sd4 : rel[6:0];
  genvar j;
  generate
    for (j = 0; j < 4; j = j + 1) begin : lane
      wire signed [6:0] r = rel_c + j;
      wire [7:0] in_byte = payload_word[31-8*j -: 8];
      wire is_payload = r[6];
      wire is_pad = !is_payload && (r[5:0] < {2'd0, pad_length});
      wire is_pad_length = r[5:0] == {2'd0, pad_length};
      assign word[31-8*j -: 8] = is_payload ? in_byte
                               : is_pad ? {2'd0, r[5:0]} + 8'd1
                               : is_pad_length ? {4'd0, pad_length}
                               : next_header;
    end
  endgenerate
endmodule
`default_nettype wire
