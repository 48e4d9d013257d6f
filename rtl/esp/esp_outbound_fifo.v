`default_nettype none
// First-word-fall-through FIFO of 32-bit words in block RAM, between
// cbc_cipher's output and the point where a ciphertext word goes to m_axis
// and into hmac_engine at once. hmac_engine takes words only during the 16
// word rounds of each block; without this FIFO the cipher (one block in its
// output register) would stall the HMAC there, and with it the cipher runs
// ahead while the HMAC compresses, so the packet takes the HMAC's time only.
// The RAM's read register is the output register: a word written at edge t
// can leave from edge t + 2.
module esp_outbound_fifo #(
    parameter integer DEPTH_BITS = 5
) (
    input  wire        clk,
    input  wire        rst,
    input  wire [31:0] s_data,
    input  wire        s_valid,
    output wire        s_ready,
    output wire [31:0] m_data,
    output wire        m_valid,
    input  wire        m_ready
);
  localparam integer DEPTH = 1 << DEPTH_BITS;

  (* ram_style = "block" *) reg [31:0] mem[0:DEPTH-1];
  reg [DEPTH_BITS:0] wr_ptr, rd_ptr;
  reg [31:0] q;
  reg q_valid;

  wire [DEPTH_BITS:0] stored = wr_ptr - rd_ptr;
  assign s_ready = stored != DEPTH[DEPTH_BITS:0];
  wire write = s_valid && s_ready;
  wire read = stored != 0 && (!q_valid || m_ready);

  assign m_data = q;
  assign m_valid = q_valid;

  always @(posedge clk) begin
    if (write) mem[wr_ptr[DEPTH_BITS-1:0]] <= s_data;
    if (read) q <= mem[rd_ptr[DEPTH_BITS-1:0]];
  end

  always @(posedge clk) begin
    if (rst) begin
      wr_ptr <= 0;
      rd_ptr <= 0;
      q_valid <= 1'b0;
    end else begin
      if (write) wr_ptr <= wr_ptr + 1'b1;
      if (read) begin
        rd_ptr <= rd_ptr + 1'b1;
        q_valid <= 1'b1;
      end else if (m_ready) q_valid <= 1'b0;
    end
  end
endmodule
`default_nettype wire
