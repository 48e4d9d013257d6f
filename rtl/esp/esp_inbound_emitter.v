`default_nettype none
// Emits one verified packet from the inbound buffer, then its status; or
// only the status for a packet that emits nothing. Jobs come from the
// processing side one at a time (job_valid/job_ready); statuses leave in
// job order, each after its packet's last beat was taken.
//
// A job's words: `hdr_words` header words from the start of its half (the
// processing side has already patched words 0 and 2 there), then the
// payload from word PAYLOAD_OFFSET of the half, `payload_len` bytes.
module esp_inbound_emitter #(
    parameter integer ENTRY_BITS     = 6,
    parameter integer ADDR_BITS      = 10,  // buffer words, both halves
    parameter integer PAYLOAD_OFFSET = 16
) (
    input  wire                  clk,
    input  wire                  rst,
    // job from the processing side
    input  wire                  job_valid,
    output wire                  job_ready,
    input  wire                  job_half,
    input  wire [           3:0] job_hdr_words,  // 0: no header
    input  wire [          15:0] job_payload_len,
    input  wire [           3:0] job_code,
    input  wire [ENTRY_BITS-1:0] job_sa,
    input  wire [          31:0] job_spi,
    input  wire [          63:0] job_sequence,
    input  wire [           3:0] job_events,
    // buffer read port
    output wire                  buf_re,
    output wire [ ADDR_BITS-1:0] buf_raddr,
    input  wire [          31:0] buf_rdata,
    output reg                   half_done,      // pulse: the half of the job is free again
    output reg                   half_done_which,
    // packet out
    output wire [          31:0] m_axis_tdata,
    output wire [           3:0] m_axis_tkeep,
    output wire                  m_axis_tlast,
    output wire                  m_axis_tuser,
    output wire                  m_axis_tvalid,
    input  wire                  m_axis_tready,
    // status out
    output reg                   m_sts_tvalid,
    input  wire                  m_sts_tready,
    output reg  [           3:0] m_sts_code,
    output reg  [ENTRY_BITS-1:0] m_sts_sa,
    output reg  [          31:0] m_sts_spi,
    output reg  [          63:0] m_sts_sequence,
    output reg  [          15:0] m_sts_length,
    output reg  [           3:0] m_sts_events
);
  reg        sending;  // words of the job still to fetch or to take
  reg        half;
  reg [ 3:0] hdr_words;
  reg [ 1:0] payload_tail;  // payload bytes in the last word (0: 4)
  reg [13:0] total_words;  // header + payload words
  reg [13:0] fetch_k;      // next word to read from the buffer
  reg [13:0] q_k;          // index of the word in buf_rdata
  reg        q_valid;

  wire busy = sending || m_sts_tvalid;
  assign job_ready = !busy;
  wire take_job = job_valid && !busy;

  wire pop = q_valid && m_axis_tready;
  wire more = sending && (fetch_k != total_words);
  wire fetch = more && (!q_valid || pop);
  assign buf_re = fetch;
  wire in_header = fetch_k < {10'd0, hdr_words};
  localparam [13:0] OFFSET = PAYLOAD_OFFSET[13:0];
  /* verilator lint_off UNUSEDSIGNAL */  // high bits: the offset stays inside the half
  wire [13:0] payload_k = fetch_k - {10'd0, hdr_words} + OFFSET;
  /* verilator lint_on UNUSEDSIGNAL */
  wire [ADDR_BITS-2:0] offset = in_header ? fetch_k[ADDR_BITS-2:0] : payload_k[ADDR_BITS-2:0];
  assign buf_raddr = {half, offset};

  wire q_last = q_k == total_words - 1'b1;
  assign m_axis_tvalid = q_valid;
  assign m_axis_tdata = buf_rdata;
  assign m_axis_tlast = q_last;
  assign m_axis_tuser = 1'b0;  // a verified packet is never discarded
  assign m_axis_tkeep = !q_last ? 4'b1111 :
                        (payload_tail == 2'd1) ? 4'b1000 :
                        (payload_tail == 2'd2) ? 4'b1100 :
                        (payload_tail == 2'd3) ? 4'b1110 : 4'b1111;

  wire [13:0] job_total = {10'd0, job_hdr_words} + job_payload_len[15:2] +
                          {13'd0, job_payload_len[1:0] != 2'd0};

  always @(posedge clk) begin
    half_done <= 1'b0;
    if (rst) begin
      sending      <= 1'b0;
      q_valid      <= 1'b0;
      m_sts_tvalid <= 1'b0;
    end else begin
      if (take_job) begin
        half           <= job_half;
        hdr_words      <= job_hdr_words;
        payload_tail   <= job_payload_len[1:0];
        total_words    <= job_total;
        fetch_k        <= 14'd0;
        m_sts_code     <= job_code;
        m_sts_sa       <= job_sa;
        m_sts_spi      <= job_spi;
        m_sts_sequence <= job_sequence;
        m_sts_events   <= job_events;
        m_sts_length   <= {10'd0, job_hdr_words, 2'b00} + job_payload_len;
        if (job_total == 14'd0) m_sts_tvalid <= 1'b1;
        else sending <= 1'b1;
      end
      if (fetch) begin
        fetch_k <= fetch_k + 1'b1;
        q_k     <= fetch_k;
        q_valid <= 1'b1;
      end else if (pop) begin
        q_valid <= 1'b0;
      end
      if (pop && q_last) begin
        sending      <= 1'b0;
        m_sts_tvalid <= 1'b1;
        half_done    <= 1'b1;
        half_done_which <= half;
      end
      if (m_sts_tvalid && m_sts_tready) m_sts_tvalid <= 1'b0;
    end
  end
endmodule
`default_nettype wire
