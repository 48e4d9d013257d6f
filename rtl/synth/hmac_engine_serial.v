`default_nettype none
// Synthesis-check wrapper for hmac_engine: a few pins only. The command
// fields, one message beat and the expected ICV are shifted in serially; the
// ICV is read one bit at a time through a bit-select counter, so every part
// of the unit stays observable and nothing is optimised away. The HAS_*
// parameters pass through (e.g. SHA-1 only for the UP5K check).
module hmac_engine_serial #(
    parameter HAS_MD5    = 1,
    parameter HAS_SHA1   = 1,
    parameter HAS_SHA256 = 1
) (
    input  wire clk,
    input  wire rst,
    input  wire sdi,         // serial data, shifted in while `shift_in`
    input  wire shift_in,    // {state, alg, verify, length, tkeep, tlast, tdata} <= {.., sdi}
    input  wire cmd_valid,   // -> s_cmd_tvalid
    input  wire data_valid,  // -> s_axis_tvalid
    input  wire icv_ready,   // -> m_icv_tready
    input  wire next_bit,    // select the next bit of m_icv_tdata for `sdo`
    output reg  sdo,
    output wire cmd_ready,
    output wire data_ready,
    output wire icv_valid,
    output wire icv_match,
    output wire icv_error
);
  localparam W = 256 + 2 + 1 + 16 + 4 + 1 + 32;
  reg [W-1:0] shift_reg;
  reg         cmd_valid_q, data_valid_q, icv_ready_q;
  reg [6:0]   out_bit;
  wire [127:0] icv;
  wire [2:0]   algorithms_unused;

  always @(posedge clk) begin
    if (shift_in) shift_reg <= {shift_reg[W-2:0], sdi};
    cmd_valid_q  <= cmd_valid;
    data_valid_q <= data_valid;
    icv_ready_q  <= icv_ready;
    if (rst) out_bit <= 7'd0;
    else if (next_bit) out_bit <= out_bit + 7'd1;
    sdo <= icv[out_bit];
  end

  wire [255:0] state = shift_reg[W-1:W-256];

  hmac_engine #(
      .HAS_MD5(HAS_MD5),
      .HAS_SHA1(HAS_SHA1),
      .HAS_SHA256(HAS_SHA256)
  ) unit (
      .clk(clk),
      .rst(rst),
      .s_cmd_tvalid(cmd_valid_q),
      .s_cmd_tready(cmd_ready),
      .s_cmd_alg(shift_reg[55:54]),
      .s_cmd_verify(shift_reg[53]),
      .s_cmd_length(shift_reg[52:37]),
      // Two different views of one register: the inner/outer multiplexer is
      // kept (identical inputs would let yosys drop it), at half the flip-flops.
      .s_cmd_inner_state(state),
      .s_cmd_outer_state({state[127:0], state[255:128]}),
      .s_axis_tdata(shift_reg[31:0]),
      .s_axis_tkeep(shift_reg[36:33]),
      .s_axis_tlast(shift_reg[32]),
      .s_axis_tvalid(data_valid_q),
      .s_axis_tready(data_ready),
      .m_icv_tdata(icv),
      .m_icv_match(icv_match),
      .m_icv_error(icv_error),
      .m_icv_tvalid(icv_valid),
      .m_icv_tready(icv_ready_q),
      .expected_icv(state[191:64]),
      .algorithms(algorithms_unused)
  );
endmodule
`default_nettype wire
