`default_nettype none
// Synthesis wrapper for gcm_cipher with a handful of pins, so the whole unit
// (AES-128/256, GHASH, both directions) is kept and placed on an iCE40 SG48:
// key, salt, IV, AAD, length and text words are shifted in serially, the
// output word and the tag are read one bit at a time. Not for use in a
// design; it only exists for the synthesis check (verif/gcm/CMakeLists.txt).
module gcm_cipher_serial #(
    parameter integer DIGIT_BITS = 16
) (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,    // shifts serial_in into the 256-bit register
    input  wire aes256,
    input  wire key_cmd,     // key command: key = the register, salt and tag its low bits
    input  wire start,       // packet command: IV, AAD and length from the register
    input  wire decrypt,
    input  wire esn,
    input  wire word_in,     // input beat = low 32 bits
    input  wire next_bit,    // moves serial_out to the next bit of {tag, output word}
    input  wire take,        // output beat consumed (m_axis_tready)
    input  wire take_tag,    // tag consumed (m_tag_tready)
    output reg  serial_out,
    output wire key_loaded,
    output wire busy,
    output wire word_ready,  // s_axis_tready
    output wire out_valid,
    output wire out_last,
    output wire tag_valid
);
  reg [255:0] shift_reg;
  reg key_pending, cmd_pending, word_pending;
  reg  [  7:0] bit_index;
  wire [ 31:0] out_word;
  wire [127:0] tag;
  wire key_ready, cmd_ready;
  wire [255:0] out_bits = {96'd0, tag, out_word};

  always @(posedge clk) begin
    if (shift_in) shift_reg <= {shift_reg[254:0], serial_in};
    serial_out <= out_bits[bit_index];
    if (rst) begin
      key_pending <= 1'b0;
      cmd_pending <= 1'b0;
      word_pending <= 1'b0;
      bit_index <= 8'd0;
    end else begin
      if (key_cmd) key_pending <= 1'b1;
      else if (key_ready) key_pending <= 1'b0;
      if (start) cmd_pending <= 1'b1;
      else if (cmd_ready) cmd_pending <= 1'b0;
      if (word_in) word_pending <= 1'b1;
      else if (word_ready) word_pending <= 1'b0;
      if (next_bit) bit_index <= bit_index + 8'd1;
    end
  end

  /* verilator lint_off PINCONNECTEMPTY */
  // The loaded tag is a register that only an engine would read.
  gcm_cipher #(
      .TAG_WIDTH (16),
      .DIGIT_BITS(DIGIT_BITS)
  ) u_gcm (
      .clk(clk),
      .rst(rst),
      .key_cmd_valid(key_pending),
      .key_cmd_ready(key_ready),
      .key_cmd_aes256(aes256),
      .key_cmd_key(shift_reg),
      .key_cmd_salt(shift_reg[31:0]),
      .key_cmd_tag(shift_reg[47:32]),
      .key_loaded(key_loaded),
      .key_loaded_tag(),
      .cmd_valid(cmd_pending),
      .cmd_ready(cmd_ready),
      .cmd_decrypt(decrypt),
      .cmd_iv(shift_reg[255:192]),
      .cmd_aad(shift_reg[191:96]),
      .cmd_aad_esn(esn),
      .cmd_length(shift_reg[15:0]),
      .s_axis_tdata(shift_reg[31:0]),
      .s_axis_tvalid(word_pending),
      .s_axis_tready(word_ready),
      .m_axis_tdata(out_word),
      .m_axis_tlast(out_last),
      .m_axis_tvalid(out_valid),
      .m_axis_tready(take),
      .m_tag_tdata(tag),
      .m_tag_tvalid(tag_valid),
      .m_tag_tready(take_tag),
      .busy(busy)
  );
  /* verilator lint_on PINCONNECTEMPTY */
endmodule
`default_nettype wire
