#include "board/link_statistics.hpp"

#include <numeric>
#include <sstream>

namespace ipsec_fpga::driver {

namespace {
const char* reason_name(std::size_t reason) {
  static constexpr const char* names[] = {"?",        "crc",          "cobs",    "length",
                                          "oversize", "unknown_type", "overrun", "?"};
  return names[reason < 8 ? reason : 7];
}

void list(std::ostringstream& s, const std::array<std::uint64_t, 8>& counts) {
  bool first = true;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (counts[r] == 0) continue;
    s << (first ? "" : ", ") << counts[r] << ' ' << reason_name(r);
    first = false;
  }
  if (first) s << "none";
}
}  // namespace

std::uint64_t LinkStatistics::local_error_total() const {
  return std::accumulate(local_errors.begin(), local_errors.end(), std::uint64_t{0});
}

std::uint64_t LinkStatistics::board_error_total() const {
  return std::accumulate(board_errors.begin(), board_errors.end(), std::uint64_t{0});
}

std::string LinkStatistics::summary() const {
  std::ostringstream s;
  s << "driver dropped: ";
  list(s, local_errors);
  s << "; board reported: ";
  list(s, board_errors);
  s << "; " << retries << " retries, " << timeouts << " timeouts";
  return s.str();
}

}  // namespace ipsec_fpga::driver
