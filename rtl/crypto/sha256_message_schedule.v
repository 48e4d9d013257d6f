`default_nettype none
// SHA-256 message schedule (FIPS 180-4 6.2.2 step 1) for a core running one
// round per clock. The core hands over W[t] of every round (the stream word in
// rounds 0..15, w_ahead after) and gets W[t+1] back one round early, so the
// schedule adders are never in series with the round adders, and 15 words of
// history are enough.
//
// W_IN_EBR = 1 keeps the history in block RAM: two read copies of a 16-word
// circular buffer (4 EBR on iCE40) give W[t-6] and W[t-14]; W[t-1] and
// W[t-15] come from registers. W_IN_EBR = 0 keeps it in a 480-bit shift
// register instead (about 400 logic cells more, no EBR).
module sha256_message_schedule #(
    parameter W_IN_EBR = 1
) (
    input  wire        clk,
    input  wire        advance,     // round t runs at this edge: store W[t]
    input  wire [3:0]  round,       // t mod 16
    input  wire [3:0]  next_round,  // round of the next cycle mod 16 (t+1 or t)
    input  wire [31:0] w_t,         // W[t]
    output reg  [31:0] w_ahead      // W[t+1] during round t+1 (used from t+1 = 16)
);
  wire [31:0] w_minus1, w_minus6, w_minus14, w_minus15;  // W[t-1] ... during round t

  generate
    if (W_IN_EBR != 0) begin : in_ebr
      // Written at address t mod 16; read one cycle ahead at the addresses of
      // the next round. A read never hits the address written at that edge.
      (* ram_style = "block" *) reg [31:0] history [0:15];
      reg [31:0] read_minus6, read_minus14, minus1, minus15;
      always @(posedge clk) begin
        if (advance) history[round] <= w_t;
        read_minus6  <= history[next_round - 4'd6];
        read_minus14 <= history[next_round - 4'd14];
        if (advance) begin
          minus1  <= w_t;
          minus15 <= read_minus14;  // W[t-14] now is W[(t+1)-15] next round
        end
      end
      assign w_minus1  = minus1;
      assign w_minus6  = read_minus6;
      assign w_minus14 = read_minus14;
      assign w_minus15 = minus15;
    end else begin : in_flip_flops
      reg [479:0] window;  // window[32*i +: 32] = W[t-1-i], i = 0..14
      wire unused_addresses = ^{round, next_round};  // a shift register needs none
      always @(posedge clk) begin
        if (advance) window <= {window[447:0], w_t};
      end
      assign w_minus1  = window[0 +: 32];
      assign w_minus6  = window[160 +: 32];
      assign w_minus14 = window[416 +: 32];
      assign w_minus15 = window[448 +: 32];
    end
  endgenerate

  function [31:0] small_sigma0(input [31:0] x);
    small_sigma0 = {x[6:0], x[31:7]} ^ {x[17:0], x[31:18]} ^ {3'b000, x[31:3]};
  endfunction
  function [31:0] small_sigma1(input [31:0] x);
    small_sigma1 = {x[16:0], x[31:17]} ^ {x[18:0], x[31:19]} ^ {10'd0, x[31:10]};
  endfunction

  // W[t+1] = s1(W[t-1]) + W[t-6] + s0(W[t-14]) + W[t-15]
  always @(posedge clk) begin
    if (advance)
      w_ahead <= (small_sigma1(w_minus1) + w_minus6) + (small_sigma0(w_minus14) + w_minus15);
  end
endmodule
`default_nettype wire
