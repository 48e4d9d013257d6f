// What the esp_outbound test files share: the Verilated harness and driver.
#pragma once

#include "Vesp_outbound_harness.h"
#include "esp_outbound_driver.hpp"
#include "outbound_oracle.hpp"

namespace ipsec_fpga::verif::esp_rtl {

using Driver = EspOutboundDriver<Vesp_outbound_harness>;

// Installs `sa` at `index` in both the RTL table and the reference.
inline esp::SaEntry& install(Driver& driver, OutboundOracle& oracle, unsigned index,
                             esp::SecurityAssociation sa) {
  esp::SaEntry& entry = oracle.install(index, std::move(sa));
  driver.write_entry(index, sa_image(entry));
  return entry;
}

// The engine's write-back must equal the reference's entry.
inline void check_write_back(Driver& driver, const esp::SaEntry& entry, unsigned index,
                             const std::string& what) {
  const SaWords words = driver.read_entry(index);
  namespace l = sa_layout;
  const std::uint64_t seq = field_value(words, l::sequence);
  const std::uint64_t bytes = field_value(words, l::byte_count);
  const std::uint64_t packets = field_value(words, l::packet_count);
  const std::uint64_t expired = field_value(words, l::expired);
  const std::uint64_t soft = field_value(words, l::soft_event_raised);
  BOOST_TEST((seq == entry.sa.sequence && bytes == entry.usage.bytes &&
              packets == entry.usage.packets && expired == (entry.expired ? 1u : 0u) &&
              soft == (entry.soft_limit_reported ? 1u : 0u)),
             "esp_outbound write-back "
                 << what << " SA " << index << ": expected seq " << entry.sa.sequence << " bytes "
                 << entry.usage.bytes << " packets " << entry.usage.packets << " expired "
                 << entry.expired << " soft " << entry.soft_limit_reported << "; got " << seq << " "
                 << bytes << " " << packets << " " << expired << " " << soft);
}

}  // namespace ipsec_fpga::verif::esp_rtl
