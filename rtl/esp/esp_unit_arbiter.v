`default_nettype none
// Gives the ESP engine's shared units (cipher, HMAC, GCM, SA memory port) to
// one direction at a time, a whole packet at a time. A direction holds
// units_request from the start of its packet until it no longer needs them;
// the grant follows the request and, when both wait, alternates so that
// neither direction can starve the other.
module esp_unit_arbiter (
    input  wire clk,
    input  wire rst,
    input  wire outbound_request,
    input  wire inbound_request,
    output reg  outbound_grant,
    output reg  inbound_grant
);
  reg inbound_was_last;  // the last grant went to inbound

  wire free = !outbound_grant && !inbound_grant;
  wire pick_inbound = inbound_request && (!outbound_request || !inbound_was_last);

  always @(posedge clk) begin
    if (rst) begin
      outbound_grant   <= 1'b0;
      inbound_grant    <= 1'b0;
      inbound_was_last <= 1'b0;
    end else if (free) begin
      if (pick_inbound) begin
        inbound_grant    <= 1'b1;
        inbound_was_last <= 1'b1;
      end else if (outbound_request) begin
        outbound_grant   <= 1'b1;
        inbound_was_last <= 1'b0;
      end
    end else begin
      // A grant ends the cycle after its request drops; the next starts one later.
      if (outbound_grant && !outbound_request) outbound_grant <= 1'b0;
      if (inbound_grant && !inbound_request) inbound_grant <= 1'b0;
    end
  end
endmodule
`default_nettype wire
