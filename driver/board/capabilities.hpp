// What a board's build offers, read from its identification registers when
// the driver opens it (docs/host-link-layout.md, "Registers").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sa/sa_types.hpp"

namespace ipsec_fpga::driver {

struct Capabilities {
  std::uint32_t protocol_version = 0;
  std::uint32_t build_id = 0;   // git commit, first 8 hex digits
  std::uint32_t clock_hz = 0;   // engine clock
  unsigned sa_entries = 0;      // SA table entries (a power of two)
  unsigned sa_entry_words = 0;  // 32-bit words per entry
  std::vector<Cipher> ciphers;  // built into the ESP engine
  std::vector<Integrity> integrities;
  unsigned replay_window = 0;         // anti-replay window in packets
  unsigned inbound_buffer_bytes = 0;  // per half
  unsigned max_payload = 0;           // largest frame payload the board takes
  unsigned max_packet_bytes = 0;      // largest packet a packet_submit may carry
  unsigned packet_credits = 0;        // packet slots in total
  unsigned byte_credits = 0;          // packet buffer bytes in total

  bool has(Cipher cipher) const;
  bool has(Integrity integrity) const;
  // The suites this board can run: built cipher and integrity, a pairing
  // the engine offers.
  std::vector<Suite> suites() const;
  // log2(sa_entries): the SPI bits that name an inbound SA's entry.
  unsigned entry_bits() const;
  std::string summary() const;  // one line for logs and error messages
};

// Bitmap register (bit c: value c built) -> the enumerators present.
std::vector<Cipher> ciphers_from_bitmap(std::uint32_t bitmap);
std::vector<Integrity> integrities_from_bitmap(std::uint32_t bitmap);

}  // namespace ipsec_fpga::driver
