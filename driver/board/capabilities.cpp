#include "board/capabilities.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ipsec_fpga::driver {

std::vector<Cipher> ciphers_from_bitmap(std::uint32_t bitmap) {
  std::vector<Cipher> out;
  for (Cipher c : all_ciphers)
    if (bitmap >> static_cast<unsigned>(c) & 1u) out.push_back(c);
  return out;
}

std::vector<Integrity> integrities_from_bitmap(std::uint32_t bitmap) {
  std::vector<Integrity> out;
  for (Integrity i : all_integrities)
    if (bitmap >> static_cast<unsigned>(i) & 1u) out.push_back(i);
  return out;
}

bool Capabilities::has(Cipher cipher) const {
  return std::find(ciphers.begin(), ciphers.end(), cipher) != ciphers.end();
}

bool Capabilities::has(Integrity integrity) const {
  return std::find(integrities.begin(), integrities.end(), integrity) != integrities.end();
}

std::vector<Suite> Capabilities::suites() const {
  std::vector<Suite> out;
  for (Cipher c : ciphers)
    for (Integrity i : integrities)
      if (is_engine_suite({c, i})) out.push_back({c, i});
  return out;
}

unsigned Capabilities::entry_bits() const {
  unsigned bits = 0;
  while ((1u << bits) < sa_entries) ++bits;
  return bits;
}

std::string Capabilities::summary() const {
  std::ostringstream s;
  char build[16];
  std::snprintf(build, sizeof build, "%08x", build_id);
  s << "protocol " << protocol_version << ", build " << build << ", " << clock_hz << " Hz, "
    << sa_entries << " SAs, window " << replay_window << ", ciphers";
  for (Cipher c : ciphers) s << ' ' << to_string(c);
  s << ", integrities";
  for (Integrity i : integrities) s << ' ' << to_string(i);
  s << ", " << packet_credits << " packet slots / " << byte_credits << " bytes, max packet "
    << max_packet_bytes;
  return s.str();
}

}  // namespace ipsec_fpga::driver
