`default_nettype none
// AES block cipher core (FIPS-197): 128-, 192- and 256-bit keys, encrypt and
// decrypt, one 128-bit block stream in and out. Ports, timing and resources:
// docs/cores/aes.md.
//
// UNROLL = 0: iterative, one round per clock (Nr + 1 clocks per block), all
//             S-boxes and round keys in block RAM: fits an iCE40 UP5K.
// UNROLL = 1: fully unrolled and pipelined, one block per clock, for large
//             FPGAs.
// Both run the key expansion once per key load, one word per clock.
//
// Byte 0 of a block or key (FIPS-197's in[0] / key[0]) is the most
// significant byte of s_axis_tdata / m_axis_tdata / key_in; a 128- or 192-bit
// key is left-aligned in key_in. s_axis_tuser = 1 decrypts the block;
// m_axis_tuser returns it with the result.
module aes_core #(
    parameter integer UNROLL = 0
) (
    input  wire         clk,
    input  wire         rst,
    input  wire [255:0] key_in,
    input  wire [  1:0] key_size,       // 0 = AES-128, 1 = AES-192, 2 = AES-256
    input  wire         key_load,       // sampled every clock, also while busy
    output wire         key_ready,      // round keys complete; blocks only then
    input  wire [127:0] s_axis_tdata,
    input  wire         s_axis_tuser,   // 1 = decrypt
    input  wire         s_axis_tvalid,
    output wire         s_axis_tready,
    output wire [127:0] m_axis_tdata,
    output wire         m_axis_tuser,
    output wire         m_axis_tvalid,
    input  wire         m_axis_tready
);
  generate
    if (UNROLL == 0) begin : g_iterative
      aes_core_iterative u_core (
          .clk(clk),
          .rst(rst),
          .key_in(key_in),
          .key_size(key_size),
          .key_load(key_load),
          .key_ready(key_ready),
          .s_axis_tdata(s_axis_tdata),
          .s_axis_tuser(s_axis_tuser),
          .s_axis_tvalid(s_axis_tvalid),
          .s_axis_tready(s_axis_tready),
          .m_axis_tdata(m_axis_tdata),
          .m_axis_tuser(m_axis_tuser),
          .m_axis_tvalid(m_axis_tvalid),
          .m_axis_tready(m_axis_tready)
      );
    end else begin : g_unrolled
      aes_core_unrolled u_core (
          .clk(clk),
          .rst(rst),
          .key_in(key_in),
          .key_size(key_size),
          .key_load(key_load),
          .key_ready(key_ready),
          .s_axis_tdata(s_axis_tdata),
          .s_axis_tuser(s_axis_tuser),
          .s_axis_tvalid(s_axis_tvalid),
          .s_axis_tready(s_axis_tready),
          .m_axis_tdata(m_axis_tdata),
          .m_axis_tuser(m_axis_tuser),
          .m_axis_tvalid(m_axis_tvalid),
          .m_axis_tready(m_axis_tready)
      );
    end
  endgenerate
endmodule
`default_nettype wire
