// Timeouts and retries of a Board. Times are board time: clock cycles of the
// simulated board (deterministic), wall time on hardware.
#pragma once

#include <chrono>

namespace ipsec_fpga::driver {

struct BoardOptions {
  // How long one attempt of a register or SA request waits for its answer.
  std::chrono::milliseconds request_timeout{250};
  // Extra attempts of an idempotent request (reg_read, sa_read, sa_write,
  // sa_erase, credit_request) and of any request answered `busy`.
  unsigned retries = 2;
  // How long a submitted packet may wait for its packet_result before it is
  // reported lost (status lost; never resent).
  std::chrono::milliseconds packet_timeout{1000};
  // How long submit() waits for credit before asking for a credit report;
  // after `retries` reports without credit it throws TimeoutError.
  std::chrono::milliseconds credit_timeout{250};
};

}  // namespace ipsec_fpga::driver
