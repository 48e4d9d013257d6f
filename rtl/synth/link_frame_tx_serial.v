`default_nettype none
// Synthesis-check wrapper for link_frame_tx: a few pins instead of about 340.
// A 326-bit shift register, filled one bit per clock while shift_in is high,
// holds the request as link_tx_arbiter's request register would (type, tag,
// fixed byte count, tail byte count, the 32 fixed bytes) and a 32-bit word
// that plays the tail memory: its read data is that word XOR the word index,
// registered on tail_rd_en like a block RAM's output, so the read address
// logic is kept. The wire bytes are folded into an 8-bit signature on every
// transfer and unloaded serially, so every output bit is kept.
module link_frame_tx_serial (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire shift_in,
    input  wire req_go,      // req_valid
    input  wire byte_ready,  // m_byte_tready
    input  wire shift_out,
    output wire serial_out,
    output wire req_ready,
    output wire byte_valid,
    output wire frame_sent
);
  localparam integer FIXED_BYTES_MAX = 32;
  localparam integer FIXED_BITS = 8 * FIXED_BYTES_MAX;
  localparam integer IN_BITS = 8 + 8 + 6 + 16 + 32 + FIXED_BITS;

  reg  [IN_BITS-1:0] in_bits;
  reg  [       31:0] tail_rd_data;
  reg  [        7:0] signature;
  wire               tail_rd_en;
  wire [        9:0] tail_rd_word;
  wire [        7:0] byte_data;
  /* verilator lint_off UNUSEDSIGNAL */
  wire               fixed_read;  // for a caller that reuses its fixed bytes early
  /* verilator lint_on UNUSEDSIGNAL */

  wire [        7:0] req_type = in_bits[IN_BITS-1-:8];
  wire [        7:0] req_tag = in_bits[IN_BITS-9-:8];
  wire [        5:0] req_fixed_bytes = in_bits[IN_BITS-17-:6];
  wire [       15:0] req_tail_bytes = in_bits[IN_BITS-23-:16];
  wire [       31:0] tail_word = in_bits[FIXED_BITS+:32];
  wire [FIXED_BITS-1:0] req_fixed = in_bits[FIXED_BITS-1:0];

  always @(posedge clk) begin
    if (shift_in) in_bits <= {in_bits[IN_BITS-2:0], serial_in};
    if (tail_rd_en) tail_rd_data <= tail_word ^ {22'd0, tail_rd_word};
    if (byte_valid && byte_ready) signature <= {signature[6:0], signature[7]} ^ byte_data;
    else if (shift_out) signature <= {signature[6:0], 1'b0};
  end
  assign serial_out = signature[7];

  link_frame_tx #(
      .FIXED_BYTES_MAX(FIXED_BYTES_MAX)
  ) tx (
      .clk            (clk),
      .rst            (rst),
      .req_valid      (req_go),
      .req_ready      (req_ready),
      .req_type       (req_type),
      .req_tag        (req_tag),
      .req_fixed      (req_fixed),
      .req_fixed_bytes(req_fixed_bytes),
      .req_tail_bytes (req_tail_bytes),
      .tail_rd_en     (tail_rd_en),
      .tail_rd_word   (tail_rd_word),
      .tail_rd_data   (tail_rd_data),
      .tail_rd_miss   (1'b0),
      .fixed_read     (fixed_read),
      .frame_sent     (frame_sent),
      .m_byte_tdata   (byte_data),
      .m_byte_tvalid  (byte_valid),
      .m_byte_tready  (byte_ready)
  );
endmodule
`default_nettype wire
