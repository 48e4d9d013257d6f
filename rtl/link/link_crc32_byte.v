`default_nettype none
// One byte step of the host link's CRC-32 (IEEE 802.3, reflected, as zlib's
// crc32()): combinational, so a frame's CRC costs no cycles beyond its bytes.
// The running value starts at 32'hFFFFFFFF; the frame's CRC is its final value
// XOR 32'hFFFFFFFF, sent most significant byte first (docs/host-link.md).
module link_crc32_byte (
    input  wire [31:0] crc_in,
    input  wire [ 7:0] data,
    output wire [31:0] crc_out
);
  function automatic [31:0] step(input [31:0] crc, input [7:0] byte_in);
    integer bit_index;
    reg [31:0] value;
    begin
      value = crc ^ {24'd0, byte_in};
      for (bit_index = 0; bit_index < 8; bit_index = bit_index + 1)
        value = (value >> 1) ^ (32'hEDB88320 & {32{value[0]}});
      step = value;
    end
  endfunction

  assign crc_out = step(crc_in, data);
endmodule
`default_nettype wire
