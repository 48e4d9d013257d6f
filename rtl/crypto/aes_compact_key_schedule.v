`default_nettype none
// The key schedule of aes_core_compact (FIPS-197 5.2), run once per key load
// and only while no block is in the rounds: it writes w[0..4(Nr+1)-1] into
// the round-key RAM, one word per clock, plus one wait clock before each
// word that needs SubWord (the S-box lanes are the datapath's EBR ROMs, read
// with one clock of latency). AES-128 and AES-256 only.
//
// `window` is the key register and the sliding window at once: it holds
// w[i..i+Nk-1] (w[i] in window[255:224]); each step writes w[i] and shifts
// in w[i+Nk] = w[i] ^ g(w[i+Nk-1]). For Nk = 4 the new word enters at word 3
// instead of word 7; word 7 always takes it too, so the S-box lanes see the
// newest word through one 2:1 choice.
module aes_compact_key_schedule (
    input  wire         clk,
    input  wire         rst,
    input  wire [255:0] key_in,
    input  wire [  1:0] key_size,      // 0 = AES-128, 2 = AES-256 (1 and 3: refused)
    input  wire         key_load,
    input  wire         rounds_idle,   // no block in the rounds: the RAM may be rewritten
    output reg          key_ready,
    output wire         expanding,     // the S-box lanes belong to the schedule
    output reg          aes256,        // key size of the round keys in the RAM
    output wire [ 31:0] sbox_word,     // to the S-box lanes while expanding
    input  wire [ 31:0] sbox_forward,  // S of each byte of sbox_word, one clock later
    output wire         ram_write,
    output wire [  5:0] ram_write_index,
    output wire [ 31:0] ram_write_word
);
  reg  [255:0] window;
  reg          pending;       // a key waits for the rounds to drain
  reg          pending_aes256;
  reg          pending_supported;
  reg          running;
  reg  [  5:0] index;         // i: the word written this step
  reg          waited;        // the wait clock of a SubWord step is over
  reg  [  7:0] rcon;

  function [7:0] xtime;
    input [7:0] b;
    xtime = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction

  wire [31:0] oldest = window[255:224];
  wire [31:0] newest = aes256 ? window[31:0] : window[159:128];
  wire [ 5:0] last_index = aes256 ? 6'd59 : 6'd43;
  // w[i+Nk] exists while i + Nk <= 4 Nr + 3, i.e. i < 52 (AES-256) / 40 (AES-128).
  wire        compute = index < (aes256 ? 6'd52 : 6'd40);
  wire        sub_word = compute && index[1:0] == 2'b00;      // i+Nk = 0 mod 4
  wire        rot_word = aes256 ? index[2:0] == 3'd0 : 1'b1;  // i+Nk = 0 mod Nk
  wire        step = running && (!sub_word || waited);

  wire [31:0] rotated = {sbox_forward[23:16] ^ rcon, sbox_forward[15:0], sbox_forward[31:24]};
  wire [31:0] g = sub_word ? (rot_word ? rotated : sbox_forward) : newest;
  wire [31:0] appended = oldest ^ g;

  assign expanding = running;
  assign sbox_word = newest;
  assign ram_write = step;
  assign ram_write_index = index;
  assign ram_write_word = oldest;

  always @(posedge clk) begin
    if (key_load) begin
      window <= key_in;
    end else if (step) begin
      window[255:160] <= window[223:128];
      window[159:128] <= aes256 ? window[127:96] : appended;
      window[127:32] <= window[95:0];
      window[31:0] <= appended;
    end
    if (key_load) begin
      pending_aes256 <= key_size == 2'd2;
      pending_supported <= key_size == 2'd0 || key_size == 2'd2;
    end
    if (!running) begin
      index <= 6'd0;
      waited <= 1'b0;
      rcon <= 8'h01;
    end else if (step) begin
      index <= index + 6'd1;
      waited <= 1'b0;
      if (sub_word && rot_word) rcon <= xtime(rcon);
    end else begin
      waited <= 1'b1;
    end

    if (rst) begin
      key_ready <= 1'b0;
      pending <= 1'b0;
      running <= 1'b0;
      aes256 <= 1'b0;
    end else if (key_load) begin
      key_ready <= 1'b0;
      pending <= 1'b1;
      running <= 1'b0;
    end else if (pending && rounds_idle && pending_supported) begin
      pending <= 1'b0;
      running <= 1'b1;
      aes256 <= pending_aes256;
    end else if (step && index == last_index) begin
      running <= 1'b0;
      key_ready <= 1'b1;
    end
  end
endmodule
`default_nettype wire
