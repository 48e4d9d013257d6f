`default_nettype none
// Synthesis wrapper for aes_core_compact with a handful of pins, so the
// whole core is kept and placed on an iCE40 SG48: key and block are shifted
// in serially, the result is read out one bit at a time from the core's own
// output register (its state). Not for use in a design; it only exists for the synthesis
// check (verif/aes_compact/CMakeLists.txt).
module aes_core_compact_serial (
    input  wire       clk,
    input  wire       rst,
    input  wire       serial_in,
    input  wire       shift_in,    // shifts serial_in into the key/block register
    input  wire [1:0] key_size,
    input  wire       key_load,    // key = the 256-bit register
    input  wire       start,       // block = its low 128 bits
    input  wire       decrypt,
    input  wire       next_bit,    // moves serial_out to the next result bit
    input  wire       take,        // result consumed (m_axis_tready)
    output reg        serial_out,
    output wire       key_ready,
    output wire       block_ready, // s_axis_tready
    output wire       result_valid
);
  reg  [255:0] shift_reg;
  reg          block_pending;
  reg  [  6:0] bit_index;
  wire [127:0] result;
  wire         accept = block_pending && block_ready;

  always @(posedge clk) begin
    if (shift_in) shift_reg <= {shift_reg[254:0], serial_in};
    serial_out <= result[bit_index];
    if (rst) begin
      block_pending <= 1'b0;
      bit_index <= 7'd0;
    end else begin
      if (start) block_pending <= 1'b1;
      else if (accept) block_pending <= 1'b0;
      if (next_bit) bit_index <= bit_index + 7'd1;
    end
  end

  /* verilator lint_off PINCONNECTEMPTY */
  // The direction that comes back with the result is not needed here.
  aes_core_compact u_aes (
      .clk(clk),
      .rst(rst),
      .key_in(shift_reg),
      .key_size(key_size),
      .key_load(key_load),
      .key_ready(key_ready),
      .s_axis_tdata(shift_reg[127:0]),
      .s_axis_tuser(decrypt),
      .s_axis_tvalid(block_pending),
      .s_axis_tready(block_ready),
      .m_axis_tdata(result),
      .m_axis_tuser(),
      .m_axis_tvalid(result_valid),
      .m_axis_tready(take)
  );
  /* verilator lint_on PINCONNECTEMPTY */
endmodule
`default_nettype wire
