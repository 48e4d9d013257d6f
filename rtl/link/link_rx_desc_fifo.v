`default_nettype none
// The receiver's descriptor FIFO, in one 16-bit block RAM instead of ~800
// flip-flops: a 128-bit record is written as 8 halfwords in the 8 cycles after
// push (most significant first) and read back the same way into the output
// register, which shows one record at a time (valid/ready). Frames reach the
// receiver's verdict at least 10 cycles apart, so the writer is always idle
// at a push; `full` also covers a busy writer, to stay safe regardless.
// Capacity: 2^ADDR_BITS records, the one shown on the output included.
module link_rx_desc_fifo #(
    parameter integer ADDR_BITS = 3  // at most 5 (one 256x16 EBR)
) (
    input  wire         clk,
    input  wire         rst,
    output wire         full,
    input  wire         push,
    input  wire [127:0] push_record,
    output reg          out_valid,
    input  wire         out_ready,
    output reg  [127:0] out_record
);
  localparam [ADDR_BITS:0] DEPTH = 1 << ADDR_BITS;

  (* ram_style = "block" *) reg [15:0] halfwords[0:(8 << ADDR_BITS) - 1];

  reg [ADDR_BITS:0] write_ptr;  // records completely written
  reg [ADDR_BITS:0] read_ptr;  // records read into the output register
  reg [ADDR_BITS:0] used;  // records pushed and not yet taken from the output

  reg writing;
  reg [2:0] write_index;
  reg [127:0] staged;
  reg reading;
  reg [3:0] read_index;  // 0..7: read halfword; 1..8: take the previous one's data
  reg [15:0] read_data;

  assign full = writing || used == DEPTH;

  wire start_read = !reading && !out_valid && read_ptr != write_ptr;
  wire read_en = reading && !read_index[3];

  always @(posedge clk) begin
    if (writing) halfwords[{write_ptr[ADDR_BITS-1:0], write_index}] <= staged[127:112];
    if (read_en) read_data <= halfwords[{read_ptr[ADDR_BITS-1:0], read_index[2:0]}];
  end

  always @(posedge clk) begin
    if (push && !full) staged <= push_record;
    else if (writing) staged <= {staged[111:0], 16'd0};
    if (reading && read_index != 4'd0) out_record <= {out_record[111:0], read_data};
  end

  always @(posedge clk) begin
    if (rst) begin
      write_ptr   <= {(ADDR_BITS + 1) {1'b0}};
      read_ptr    <= {(ADDR_BITS + 1) {1'b0}};
      used        <= {(ADDR_BITS + 1) {1'b0}};
      writing     <= 1'b0;
      write_index <= 3'd0;
      reading     <= 1'b0;
      read_index  <= 4'd0;
      out_valid   <= 1'b0;
    end else begin
      if (push && !full) begin
        writing     <= 1'b1;
        write_index <= 3'd0;
      end else if (writing) begin
        write_index <= write_index + 3'd1;
        if (write_index == 3'd7) begin
          writing   <= 1'b0;
          write_ptr <= write_ptr + 1'b1;
        end
      end
      if (start_read) begin
        reading    <= 1'b1;
        read_index <= 4'd0;
      end else if (reading) begin
        read_index <= read_index + 4'd1;
        if (read_index == 4'd8) begin
          reading   <= 1'b0;
          read_ptr  <= read_ptr + 1'b1;
          out_valid <= 1'b1;
        end
      end
      if (out_valid && out_ready) out_valid <= 1'b0;
      used <= used + {{ADDR_BITS{1'b0}}, push && !full} - {{ADDR_BITS{1'b0}}, out_valid && out_ready};
    end
  end
endmodule
`default_nettype wire
