`default_nettype none
// AES key expansion (FIPS-197 5.2), one 32-bit word w[i] per clock, run once
// per key load. The words go out through a write port (rk_write, word index i,
// rk_word) into whatever holds the round keys (EBR in the iterative core,
// registers in the unrolled one); round key r is w[4r..4r+3].
//
// key_in (left-aligned: a 128-bit key in key_in[255:128]) and key_size
// (0 = 128, 1 = 192, 2 = 256 bits) are sampled on the rising edge where
// key_load is high, at any time: the key is copied into the sliding window
// at once, and the expansion itself waits until datapath_idle says no block
// still needs the old round keys. key_ready is low from that edge until the
// round keys are complete.
//
// SubWord borrows four S-box ROM lanes of the datapath while sbox_claim is
// high (the datapath is empty then): the address goes out one clock before
// the S-box value is needed, because the ROM read is registered.
module aes_key_expansion (
    input  wire         clk,
    input  wire         rst,
    input  wire [255:0] key_in,
    input  wire [  1:0] key_size,
    input  wire         key_load,
    input  wire         datapath_idle,
    output wire         sbox_claim,
    output wire [ 31:0] sbox_addr,
    input  wire [ 31:0] sbox_data,
    output wire         rk_write,
    output wire [  5:0] rk_word_index,
    output wire [ 31:0] rk_word,
    output reg  [  1:0] key_size_active,
    output reg          key_ready
);
  localparam [1:0] IDLE = 2'd0, PENDING = 2'd1, RUN = 2'd2, SETTLE = 2'd3;

  reg  [  1:0] phase;
  reg  [  1:0] key_size_loaded;
  // w[i .. i+Nk-1]: word m of the window is window[255-32m -: 32].
  reg  [255:0] window;
  reg  [  5:0] word_index;  // i: the word written this clock
  reg  [  2:0] word_in_key;  // i mod Nk
  reg  [  7:0] rcon;

  wire [  2:0] last_slot = key_size_loaded == 2'd0 ? 3'd3 : key_size_loaded == 2'd1 ? 3'd5 : 3'd7;
  // Nb * (Nr + 1) - 1: the index of the last round-key word.
  wire [  5:0] last_word = key_size_loaded == 2'd0 ? 6'd43 : key_size_loaded == 2'd1 ? 6'd51 : 6'd59;

  wire [ 31:0] head = window[255:224];  // w[i]
  reg  [ 31:0] tail;  // w[i+Nk-1]
  always @* begin
    case (last_slot)
      3'd3: tail = window[159:128];
      3'd5: tail = window[95:64];
      default: tail = window[31:0];
    endcase
  end

  // w[i+Nk] = w[i] ^ f(w[i+Nk-1]); sbox_data = SubWord(w[i+Nk-1]), looked
  // up last clock, and RotWord(SubWord(x)) = SubWord(RotWord(x)).
  reg [31:0] key_term;
  always @* begin
    if (word_in_key == 3'd0) key_term = {sbox_data[23:0], sbox_data[31:24]} ^ {rcon, 24'h000000};
    else if (key_size_loaded == 2'd2 && word_in_key == 3'd4) key_term = sbox_data;
    else key_term = tail;
  end
  wire [31:0] new_word = head ^ key_term;

  wire start = phase == PENDING && datapath_idle;
  assign sbox_claim = start || phase == RUN;
  // The word that will be the tail next clock.
  assign sbox_addr = phase == RUN ? new_word : tail;

  assign rk_write = phase == RUN;
  assign rk_word_index = word_index;
  assign rk_word = head;

  // The window shifted by one word, with w[i+Nk] at slot Nk-1.
  wire [255:0] window_shifted;
  genvar m;
  generate
    for (m = 0; m < 8; m = m + 1) begin : g_slot
      if (m < 7) begin : g_inner
        assign window_shifted[255-32*m-:32] = last_slot == m ? new_word : window[223-32*m-:32];
      end else begin : g_last
        assign window_shifted[31:0] = new_word;
      end
    end
  endgenerate

  always @(posedge clk) begin
    if (key_load) begin
      window <= key_in;
      key_size_loaded <= key_size;
    end else if (phase == RUN) begin
      window <= window_shifted;
    end
    if (start) begin
      word_index <= 6'd0;
      word_in_key <= 3'd0;
      rcon <= 8'h01;
      key_size_active <= key_size_loaded;
    end else if (phase == RUN) begin
      word_index <= word_index + 6'd1;
      word_in_key <= word_in_key == last_slot ? 3'd0 : word_in_key + 3'd1;
      if (word_in_key == 3'd0) rcon <= {rcon[6:0], 1'b0} ^ (rcon[7] ? 8'h1b : 8'h00);
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      phase <= IDLE;
      key_ready <= 1'b0;
    end else if (key_load) begin
      phase <= PENDING;
      key_ready <= 1'b0;
    end else begin
      case (phase)
        PENDING: if (datapath_idle) phase <= RUN;
        RUN: if (word_index == last_word) phase <= SETTLE;
        SETTLE: begin
          // One clock after the last write, so that the datapath's first
          // (registered) round-key read never collides with a write.
          phase <= IDLE;
          key_ready <= 1'b1;
        end
        default: phase <= IDLE;
      endcase
    end
  end
endmodule
`default_nettype wire
