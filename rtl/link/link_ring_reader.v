`default_nettype none
// Streams `words` consecutive words of link_frame_rx's payload ring (from
// `start_word`, wrapping) as a valid/ready stream, one word per cycle under
// no back-pressure. The ring read port has one cycle of latency, so the
// reader keeps a two-word skid buffer and issues a read only when the word
// is sure to find room. A read the ring's port refuses (ring_rd_busy, a
// single-port memory shared with other users) is asked again next cycle.
module link_ring_reader #(
    parameter integer RING_ADDR_BITS = 10
) (
    input wire clk,
    input wire rst,

    input wire                      start,       // ignored while words are in flight
    input wire [RING_ADDR_BITS-1:0] start_word,
    input wire [  RING_ADDR_BITS:0] words,       // 0: nothing to stream

    output wire                      ring_rd_en,
    output wire [RING_ADDR_BITS-1:0] ring_rd_word,
    input  wire                      ring_rd_busy,  // the ring's port refused this read
    input  wire [              31:0] ring_rd_data,

    output wire [31:0] m_tdata,
    output wire        m_tlast,   // the last of the `words`
    output wire        m_tvalid,
    input  wire        m_tready
);
  reg [RING_ADDR_BITS-1:0] address;
  reg [  RING_ADDR_BITS:0] remaining;  // words not read yet
  reg                      pending;    // a read issued last cycle: its data is on ring_rd_data
  reg                      pending_last;
  reg [1:0] count;  // words held in the skid buffer
  reg [31:0] head_data, second_data;
  reg head_last, second_last;

  wire pop = m_tvalid && m_tready;
  // Room after this edge for the word a read now would bring next cycle.
  wire [2:0] held_after = {1'b0, count} + {2'b0, pending} - {2'b0, pop};
  assign ring_rd_en   = remaining != 0 && held_after < 3'd2;
  assign ring_rd_word = address;
  assign m_tvalid     = count != 2'd0;
  assign m_tdata      = head_data;
  assign m_tlast      = head_last;
  wire   busy         = remaining != 0 || pending || count != 2'd0;
  wire   read_done    = ring_rd_en && !ring_rd_busy;

  always @(posedge clk) begin
    if (rst) begin
      remaining <= {(RING_ADDR_BITS + 1) {1'b0}};
      pending   <= 1'b0;
      count     <= 2'd0;
    end else begin
      if (start && !busy) begin
        address   <= start_word;
        remaining <= words;
      end else if (read_done) begin
        address   <= address + 1'b1;
        remaining <= remaining - 1'b1;
      end
      pending      <= read_done;
      pending_last <= remaining == 1;
      count        <= held_after[1:0];
    end
  end

  // Skid buffer: head is what m_* show; a word arriving joins behind what stays.
  always @(posedge clk) begin
    if (pop) begin
      head_data <= second_data;
      head_last <= second_last;
    end
    if (pending) begin
      if (count == 2'd0 || (count == 2'd1 && pop)) begin
        head_data <= ring_rd_data;
        head_last <= pending_last;
      end else begin
        second_data <= ring_rd_data;
        second_last <= pending_last;
      end
    end
  end
endmodule
`default_nettype wire
