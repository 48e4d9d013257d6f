`default_nettype none
// The SA table: 2^ENTRY_BITS entries of SA_ENTRY_WORDS 32-bit words (layout
// in sa_layout.def) in one single-port memory, shared by two ports.
//
// Host port (the link): read, write or erase (zero every word of an entry).
// Reads of key words return zero: the mask comes from the generated layout,
// so keys are write-only by construction. Engine port: reads any word,
// writes only the words the layout marks `engine` (mutable state); its other
// writes are accepted and dropped.
//
// Arbitration, one memory access per clock: the engine wins, so its latency
// is fixed; the host takes every cycle the engine leaves free, and a host
// request refused HOST_WAIT_LIMIT cycles in a row takes the next cycle even
// from the engine (no starvation). A request is accepted on a rising edge
// where valid && ready and is never lost. Read data: rsp_valid is high (one
// cycle) two cycles after the cycle in which the read was accepted.
//
// After reset the whole memory is zeroed (SPRAM keeps its contents over a
// reset: no key may survive it); `busy` is high meanwhile and during an
// erase, and the host port is not ready then.
module sa_table #(
    parameter ENTRY_BITS      = 6,
    parameter USE_SPRAM       = 1,
    parameter HOST_WAIT_LIMIT = 4
) (
    input wire clk,
    input wire rst,

    input  wire                  host_req_valid,
    output wire                  host_req_ready,
    input  wire [           1:0] host_req_op,      // 0 read, 1 write, 2 erase entry
    input  wire [ENTRY_BITS-1:0] host_req_entry,
    input  wire [           6:0] host_req_word,
    input  wire [          31:0] host_req_wdata,
    output reg                   host_rsp_valid,
    output wire [          31:0] host_rsp_rdata,

    input  wire                  eng_req_valid,
    output wire                  eng_req_ready,
    input  wire                  eng_req_write,
    input  wire [ENTRY_BITS-1:0] eng_req_entry,
    input  wire [           6:0] eng_req_word,
    input  wire [          31:0] eng_req_wdata,
    output reg                   eng_rsp_valid,
    output wire [          31:0] eng_rsp_rdata,

    output wire busy
);
`include "sa_layout.vh"

  localparam ADDR_BITS = ENTRY_BITS + 7;
  localparam [1:0] OP_READ = 2'd0, OP_WRITE = 2'd1, OP_ERASE = 2'd2;
  localparam [127:0] KEY_WORDS = `SA_KEY_WORD_MASK;
  localparam [127:0] ENGINE_WORDS = `SA_ENGINE_WORD_MASK;

  // Eraser: walks words with zeros in the host's slots (one entry, or all
  // of them after reset).
  reg                 erasing;
  reg                 erase_all;
  reg [ADDR_BITS-1:0] erase_addr;

  localparam [3:0] WAIT_LIMIT = HOST_WAIT_LIMIT;  // at most 15
  reg  [3:0] host_wait;
  wire       host_wants = erasing || host_req_valid;
  wire       host_first = host_wait >= WAIT_LIMIT;
  wire eng_grant = eng_req_valid && !(host_first && host_wants);
  wire host_slot = !eng_grant;  // the cycle is the host's (or the eraser's)

  assign eng_req_ready  = !(host_first && host_wants);
  assign host_req_ready = host_slot && !erasing;
  assign busy           = erasing;

  wire host_accept = host_req_valid && host_req_ready;
  wire erase_step = erasing && host_slot;
  wire host_read = host_accept && host_req_op == OP_READ;
  wire host_write = host_accept && host_req_op == OP_WRITE;
  wire host_erase = host_accept && host_req_op == OP_ERASE;
  wire eng_write = eng_grant && eng_req_write && ENGINE_WORDS[eng_req_word];
  wire eng_read = eng_grant && !eng_req_write;

  // The memory port.
  reg                 mem_en;
  reg                 mem_we;
  reg [ADDR_BITS-1:0] mem_addr;
  reg [         31:0] mem_wdata;
  always @(*) begin
    mem_en    = 1'b0;
    mem_we    = 1'b0;
    mem_addr  = {host_req_entry, host_req_word};
    mem_wdata = 32'd0;
    if (eng_grant) begin
      mem_en    = eng_read || eng_write;
      mem_we    = eng_write;
      mem_addr  = {eng_req_entry, eng_req_word};
      mem_wdata = eng_req_wdata;
    end else if (erase_step) begin
      mem_en   = 1'b1;
      mem_we   = 1'b1;
      mem_addr = erase_addr;
    end else if (host_accept) begin
      // An erase starts with word 0 of its entry in the same cycle.
      mem_en    = 1'b1;
      mem_we    = !host_read;
      mem_addr  = host_erase ? {host_req_entry, 7'd0} : {host_req_entry, host_req_word};
      mem_wdata = host_write ? host_req_wdata : 32'd0;
    end
  end

  wire [31:0] q;
  sa_memory #(
      .ADDR_BITS(ADDR_BITS),
      .USE_SPRAM(USE_SPRAM)
  ) memory (
      .clk  (clk),
      .en   (mem_en),
      .we   (mem_we),
      .addr (mem_addr),
      .wdata(mem_wdata),
      .q    (q)
  );

  wire erase_last = erase_all ? &erase_addr : &erase_addr[6:0];
  always @(posedge clk) begin
    if (rst) begin
      erasing    <= 1'b1;
      erase_all  <= 1'b1;
      erase_addr <= {ADDR_BITS{1'b0}};
      host_wait  <= 4'd0;
    end else begin
      if (host_erase) begin
        erasing    <= 1'b1;
        erase_all  <= 1'b0;
        erase_addr <= {host_req_entry, 7'd1};
      end else if (erase_step) begin
        erasing    <= !erase_last;
        erase_addr <= erase_addr + 1'b1;
      end
      if (host_wants && !host_slot) host_wait <= host_wait + 1'b1;
      else host_wait <= 4'd0;
    end
  end

  // Read pipeline: q is valid the cycle after the read; one more register
  // stage masks key words for the host and keeps the memory's slow output
  // off the consumer's logic.
  reg        read_host;
  reg        read_eng;
  reg        read_key;
  reg [31:0] rdata;
  always @(posedge clk) begin
    if (rst) begin
      read_host      <= 1'b0;
      read_eng       <= 1'b0;
      host_rsp_valid <= 1'b0;
      eng_rsp_valid  <= 1'b0;
    end else begin
      read_host      <= host_read;
      read_eng       <= eng_read;
      host_rsp_valid <= read_host;
      eng_rsp_valid  <= read_eng;
    end
    read_key <= KEY_WORDS[host_req_word];
    rdata    <= (read_host && read_key) ? 32'd0 : q;
  end
  assign host_rsp_rdata = rdata;
  assign eng_rsp_rdata  = rdata;
endmodule
`default_nettype wire
