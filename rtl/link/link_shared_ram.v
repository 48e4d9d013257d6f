`default_nettype none
// The receive ring and the result buffer in one single-port memory (the
// iCE40 UP5K's SPRAM, USE_SPRAM builds: two SB_SPRAM256KA side by side), in
// place of link_rx_ring and link_result_buffer (two EBR memories with a read
// and a write port each). The ring is the low region, the result buffer the
// high one. One access per clock, in this order of priority:
//   1. the receiver's ring write: always granted, so link_frame_rx never
//      waits and the input may run at one byte per clock (one write per
//      four bytes);
//   2. the dispatcher's result write, from a one-word holding register
//      (res_wr_ready = the register is empty);
//   3. the reads, the ring reader's and link_frame_tx's, alternating when
//      both ask. A refused ring read is told at once (ring_rd_busy); the
//      transmitter learns a cycle later that its word did not come
//      (tx_rd_miss) and asks again.
// Read data is registered (valid the cycle after the granted read) and the
// port's output is shared, so the transmitter's last word is kept here: it
// reads every cycle of a tail, and only a new word costs an access (one per
// four bytes).
module link_shared_ram #(
    parameter integer RING_ADDR_BITS = 10,  // ring words: 2^RING_ADDR_BITS
    parameter integer RES_ADDR_BITS  = 10   // result buffer words (both halves)
) (
    input wire clk,
    input wire rst,

    input wire                      ring_wr_en,
    input wire [RING_ADDR_BITS-1:0] ring_wr_addr,
    input wire [              31:0] ring_wr_data,

    input  wire                      ring_rd_en,
    input  wire [RING_ADDR_BITS-1:0] ring_rd_addr,
    output wire                      ring_rd_busy,  // the read was not done: ask again
    output wire [              31:0] ring_rd_data,  // the cycle after a read that was done

    input  wire                     res_wr_en,
    output wire                     res_wr_ready,
    input  wire [RES_ADDR_BITS-1:0] res_wr_addr,
    input  wire [             31:0] res_wr_data,

    input  wire                     tx_rd_en,
    input  wire [RES_ADDR_BITS-1:0] tx_rd_addr,
    output reg                      tx_rd_miss,  // the word asked for last cycle is not here
    output wire [             31:0] tx_rd_data
);
  localparam integer REGION_BITS = RING_ADDR_BITS > RES_ADDR_BITS ? RING_ADDR_BITS : RES_ADDR_BITS;
  localparam integer ADDR_BITS = REGION_BITS + 1;  // top bit: 0 ring, 1 result buffer

  // ---- the result write holding register ----
  reg                     pend;
  reg [RES_ADDR_BITS-1:0] pend_addr;
  reg [             31:0] pend_data;
  assign res_wr_ready = !pend;

  // ---- the transmitter's word ----
  reg                     hold_valid;
  reg [RES_ADDR_BITS-1:0] hold_addr;
  reg [             31:0] hold_data;
  reg                     tx_fresh;  // the port's output is the word tx asked for
  wire tx_hit = tx_rd_en && hold_valid && hold_addr == tx_rd_addr;
  wire tx_ask = tx_rd_en && !tx_hit;

  // ---- arbitration ----
  reg  tx_last;  // the last read granted was the transmitter's
  wire port_free = !ring_wr_en && !pend;
  wire ring_go = port_free && ring_rd_en && !(tx_ask && !tx_last);
  wire tx_go = port_free && tx_ask && !ring_go;
  assign ring_rd_busy = ring_rd_en && !ring_go;

  wire                 wr = ring_wr_en || pend;
  reg  [ADDR_BITS-1:0] addr;
  reg  [         31:0] wdata;
  always @(*) begin
    if (ring_wr_en) begin
      addr  = {1'b0, {(REGION_BITS - RING_ADDR_BITS) {1'b0}}, ring_wr_addr};
      wdata = ring_wr_data;
    end else if (pend) begin
      addr  = {1'b1, {(REGION_BITS - RES_ADDR_BITS) {1'b0}}, pend_addr};
      wdata = pend_data;
    end else if (tx_go) begin
      addr  = {1'b1, {(REGION_BITS - RES_ADDR_BITS) {1'b0}}, tx_rd_addr};
      wdata = pend_data;
    end else begin
      addr  = {1'b0, {(REGION_BITS - RING_ADDR_BITS) {1'b0}}, ring_rd_addr};
      wdata = pend_data;
    end
  end

  // One port, q kept while writing: what the UP5K SPRAM does.
  (* ram_style = "huge" *) reg [31:0] mem[0:(1 << ADDR_BITS) - 1];
  reg [31:0] q;
  wire en = wr || ring_go || tx_go;
  always @(posedge clk)
    if (en) begin
      if (wr) mem[addr] <= wdata;
      else q <= mem[addr];
    end
  assign ring_rd_data = q;
  assign tx_rd_data   = tx_fresh ? q : hold_data;

  always @(posedge clk) begin
    if (rst) begin
      pend       <= 1'b0;
      hold_valid <= 1'b0;
      tx_fresh   <= 1'b0;
      tx_rd_miss <= 1'b0;
      tx_last    <= 1'b0;
    end else begin
      if (res_wr_en && !pend) begin
        pend <= 1'b1;
      end else if (pend && !ring_wr_en) begin
        pend <= 1'b0;
      end
      tx_fresh   <= tx_go;
      tx_rd_miss <= tx_rd_en && !tx_go && !tx_hit;
      if (ring_go) tx_last <= 1'b0;
      else if (tx_go) tx_last <= 1'b1;
      // The held word belongs to the frame being read; a tail's end forgets it.
      if (!tx_rd_en) hold_valid <= 1'b0;
      else if (tx_go) hold_valid <= 1'b1;
    end
    if (res_wr_en && !pend) begin
      pend_addr <= res_wr_addr;
      pend_data <= res_wr_data;
    end
    if (tx_go) hold_addr <= tx_rd_addr;
    if (tx_fresh) hold_data <= q;
  end
endmodule
`default_nettype wire
