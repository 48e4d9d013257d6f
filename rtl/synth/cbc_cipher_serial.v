`default_nettype none
// Synthesis wrapper for cbc_cipher with a handful of pins, so the whole unit
// (both cores, all key sizes) is kept and placed on an iCE40 SG48: key, IV,
// length and data words are shifted in serially, output words are read one
// bit at a time. Not for use in a design; it only exists for the synthesis
// check (verif/cbc/CMakeLists.txt). HAS_TDES = 0 leaves 3DES out;
// AES_COMPACT = 1 is the iCEBreaker's unit (aes_core_compact).
module cbc_cipher_serial #(
    parameter integer HAS_TDES    = 1,
    parameter integer AES_COMPACT = 0
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       serial_in,
    input  wire       shift_in,     // shifts serial_in into the 256-bit register
    input  wire [2:0] cipher,
    input  wire       key_cmd,      // key command: key = the register
    input  wire       start,        // packet command: IV = low 128 bits, length = low 16
    input  wire       decrypt,
    input  wire       explicit_iv,
    input  wire       word_in,      // input beat = low 32 bits
    input  wire       next_bit,     // moves serial_out to the next output bit
    input  wire       take,         // output beat consumed (m_axis_tready)
    output reg        serial_out,
    output wire       key_loaded,
    output wire       busy,
    output wire       word_ready,   // s_axis_tready
    output wire       out_valid,
    output wire       out_last
);
  reg  [255:0] shift_reg;
  reg key_pending, cmd_pending, word_pending;
  reg  [  4:0] bit_index;
  wire [ 31:0] out_word;
  wire key_ready, cmd_ready;

  always @(posedge clk) begin
    if (shift_in) shift_reg <= {shift_reg[254:0], serial_in};
    serial_out <= out_word[bit_index];
    if (rst) begin
      key_pending <= 1'b0;
      cmd_pending <= 1'b0;
      word_pending <= 1'b0;
      bit_index <= 5'd0;
    end else begin
      if (key_cmd) key_pending <= 1'b1;
      else if (key_ready) key_pending <= 1'b0;
      if (start) cmd_pending <= 1'b1;
      else if (cmd_ready) cmd_pending <= 1'b0;
      if (word_in) word_pending <= 1'b1;
      else if (word_ready) word_pending <= 1'b0;
      if (next_bit) bit_index <= bit_index + 5'd1;
    end
  end

  /* verilator lint_off PINCONNECTEMPTY */
  // The loaded cipher and tag are registers that only an engine would read.
  cbc_cipher #(
      .HAS_AES(1),
      .HAS_TDES(HAS_TDES),
      .AES_COMPACT(AES_COMPACT),
      .TAG_WIDTH(16)
  ) u_cbc (
      .clk(clk),
      .rst(rst),
      .key_cmd_valid(key_pending),
      .key_cmd_ready(key_ready),
      .key_cmd_cipher(cipher),
      .key_cmd_key(shift_reg),
      .key_cmd_tag(shift_reg[15:0]),
      .key_loaded(key_loaded),
      .key_loaded_cipher(),
      .key_loaded_tag(),
      .cmd_valid(cmd_pending),
      .cmd_ready(cmd_ready),
      .cmd_decrypt(decrypt),
      .cmd_explicit_iv(explicit_iv),
      .cmd_length(shift_reg[15:0]),
      .cmd_iv(shift_reg[127:0]),
      .s_axis_tdata(shift_reg[31:0]),
      .s_axis_tvalid(word_pending),
      .s_axis_tready(word_ready),
      .m_axis_tdata(out_word),
      .m_axis_tkeep(),
      .m_axis_tlast(out_last),
      .m_axis_tvalid(out_valid),
      .m_axis_tready(take),
      .busy(busy)
  );
  /* verilator lint_on PINCONNECTEMPTY */
endmodule
`default_nettype wire
