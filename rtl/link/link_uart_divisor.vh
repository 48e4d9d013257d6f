// Clocks per UART bit as the reduced fraction N / D = CLOCK_HZ / BAUD, for
// link_uart_rx and link_uart_tx (included inside each module, which has the
// CLOCK_HZ and BAUD parameters): their fractional accumulators step by D and
// wrap at N, so a non-integer ratio keeps the exact average bit period.
  function integer gcd(input integer a, input integer b);
    integer x, y, t, i;
    begin
      x = a;
      y = b;
      // Euclid on 31-bit values ends within 46 steps.
      for (i = 0; i < 64; i = i + 1) begin
        if (y != 0) begin
          t = x % y;
          x = y;
          y = t;
        end
      end
      gcd = x;
    end
  endfunction

  localparam integer G = gcd(CLOCK_HZ, BAUD);
  localparam integer N = CLOCK_HZ / G;
  localparam integer D = BAUD / G;
