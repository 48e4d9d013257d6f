`default_nettype none
// SHA-1 message schedule (FIPS 180-4 6.1.2 step 1) for a core running one
// round per clock. The core hands over W[t] of every round (the stream word in
// rounds 0..15, w_ahead after) and gets W[t+1] back one round early, so the
// XOR is not in the round path and 15 words of history are enough.
//
// W_IN_EBR = 1 keeps the history in block RAM: two read copies of a 16-word
// circular buffer (4 EBR on iCE40) give W[t-7] and W[t-13]; W[t-1], W[t-2],
// W[t-14] and W[t-15] come from registers. W_IN_EBR = 0 keeps it in a
// 480-bit shift register instead (about 300 logic cells more, no EBR).
module sha1_message_schedule #(
    parameter W_IN_EBR = 1
) (
    input  wire        clk,
    input  wire        advance,     // round t runs at this edge: store W[t]
    input  wire [3:0]  round,       // t mod 16
    input  wire [3:0]  next_round,  // round of the next cycle mod 16 (t+1 or t)
    input  wire [31:0] w_t,         // W[t]
    output reg  [31:0] w_ahead      // W[t+1] during round t+1 (used from t+1 = 16)
);
  wire [31:0] w_minus2, w_minus7, w_minus13, w_minus15;  // W[t-2] ... during round t

  generate
    if (W_IN_EBR != 0) begin : in_ebr
      // Written at address t mod 16; read one cycle ahead at the addresses of
      // the next round. A read never hits the address written at that edge.
      (* ram_style = "block" *) reg [31:0] history [0:15];
      reg [31:0] read_minus7, read_minus13, minus1, minus2, minus14, minus15;
      always @(posedge clk) begin
        if (advance) history[round] <= w_t;
        read_minus7  <= history[next_round - 4'd7];
        read_minus13 <= history[next_round - 4'd13];
        if (advance) begin
          minus1  <= w_t;
          minus2  <= minus1;
          minus14 <= read_minus13;  // W[t-13] now is W[(t+1)-14] next round
          minus15 <= minus14;
        end
      end
      assign w_minus2  = minus2;
      assign w_minus7  = read_minus7;
      assign w_minus13 = read_minus13;
      assign w_minus15 = minus15;
    end else begin : in_flip_flops
      reg [479:0] window;  // window[32*i +: 32] = W[t-1-i], i = 0..14
      wire unused_addresses = ^{round, next_round};  // a shift register needs none
      always @(posedge clk) begin
        if (advance) window <= {window[447:0], w_t};
      end
      assign w_minus2  = window[32 +: 32];
      assign w_minus7  = window[192 +: 32];
      assign w_minus13 = window[384 +: 32];
      assign w_minus15 = window[448 +: 32];
    end
  endgenerate

  // W[t+1] = ROTL1(W[t-2] ^ W[t-7] ^ W[t-13] ^ W[t-15])
  wire [31:0] mix = w_minus2 ^ w_minus7 ^ w_minus13 ^ w_minus15;
  always @(posedge clk) begin
    if (advance) w_ahead <= {mix[30:0], mix[31]};
  end
endmodule
`default_nettype wire
