#include "sa/sa_status.hpp"

namespace ipsec_fpga::driver {

SaStatus parse_sa_status(const SaWords& words) {
  namespace layout = sa_layout;
  SaStatus status;
  status.valid = field_value(words, layout::valid) != 0;
  status.enabled = field_value(words, layout::enabled) != 0;
  status.direction = static_cast<Direction>(field_value(words, layout::direction));
  status.spi = static_cast<std::uint32_t>(field_value(words, layout::spi));
  status.sequence = field_value(words, layout::sequence);
  status.bytes = field_value(words, layout::byte_count);
  status.packets = field_value(words, layout::packet_count);
  status.auth_errors = static_cast<std::uint32_t>(field_value(words, layout::auth_errors));
  status.replay_errors = static_cast<std::uint32_t>(field_value(words, layout::replay_errors));
  status.decrypt_errors = static_cast<std::uint32_t>(field_value(words, layout::decrypt_errors));
  status.expired = field_value(words, layout::expired) != 0;
  status.soft_event_raised = field_value(words, layout::soft_event_raised) != 0;
  status.error_event_raised = field_value(words, layout::error_event_raised) != 0;
  status.last_used = static_cast<std::uint32_t>(field_value(words, layout::last_used));
  return status;
}

}  // namespace ipsec_fpga::driver
