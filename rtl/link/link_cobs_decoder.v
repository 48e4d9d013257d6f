`default_nettype none
// Streaming COBS decoder for the host link's receive side: wire bytes in
// (one per cycle, never stalls), decoded body bytes out one cycle later.
// A 0x00 ends a frame; an empty frame (0x00 after 0x00) is idle fill and
// yields nothing. At the delimiter of a non-empty frame, frame_end pulses with
// the frame's encoded size and whether its last code byte pointed past the
// delimiter (the only COBS error a 0x00-delimited stream can hold).
module link_cobs_decoder (
    input  wire        clk,
    input  wire        rst,
    input  wire        in_valid,
    input  wire [ 7:0] in_byte,
    output reg         out_valid,            // decoded body byte
    output reg  [ 7:0] out_byte,
    output reg         frame_end,            // the delimiter of a non-empty frame
    output reg         frame_cobs_error,     // from frame_end to the next one
    output reg  [15:0] frame_encoded_bytes   // from frame_end to the next one: bytes before the delimiter (saturates)
);
  reg [7:0] remaining;  // data bytes left in the current block; 0: next byte is a code byte
  reg zero_pending;  // the block just ended had code < 0xFF: a 0x00 comes before the next block
  reg [15:0] count;  // encoded bytes of the frame so far

  wire is_delimiter = in_byte == 8'h00;
  wire is_code = remaining == 8'd0;

  always @(posedge clk) begin
    out_valid <= 1'b0;
    frame_end <= 1'b0;
    if (rst) begin
      remaining    <= 8'd0;
      zero_pending <= 1'b0;
      count        <= 16'd0;
    end else if (in_valid) begin
      if (is_delimiter) begin
        // An empty frame leaves the last frame's figures in place (the
        // receiver reads them in the cycle after frame_end too).
        if (count != 16'd0) begin
          frame_end           <= 1'b1;
          frame_cobs_error    <= !is_code;
          frame_encoded_bytes <= count;
        end
        remaining           <= 8'd0;
        zero_pending        <= 1'b0;
        count               <= 16'd0;
      end else begin
        if (count != 16'hFFFF) count <= count + 16'd1;
        if (is_code) begin
          // The implied 0x00 of the previous block is emitted only now that
          // another block follows (none after the last block).
          out_valid    <= zero_pending;
          out_byte     <= 8'h00;
          remaining    <= in_byte - 8'd1;
          zero_pending <= in_byte != 8'hFF;
        end else begin
          out_valid <= 1'b1;
          out_byte  <= in_byte;
          remaining <= remaining - 8'd1;
        end
      end
    end
  end
endmodule
`default_nettype wire
