// Matching outbound/inbound SAs installed both in the engine's SA table and
// in the reference model's table, so that one packet can be checked against
// the reference on its way out and again on its way back in.
#pragma once

#include <random>
#include <vector>

#include "cbc_onchip_iv.hpp"
#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "sa_image.hpp"
#include "test_sas.hpp"

namespace ipsec_fpga::verif::esp_rtl {

struct EngineSaPair {
  unsigned out_index = 0;  // entry of the outbound SA
  unsigned in_index = 0;   // entry of the inbound SA: the SPI's low bits
  esp::SaEntry* sender = nullptr;
  esp::SaEntry* receiver = nullptr;
};

// The reference's view of the engine's outbound packet: the IV and IP
// identification the engine makes for the next sequence number.
inline esp::OutboundResult reference_outbound(const EngineSaPair& pair, const Bytes& inner) {
  const std::uint64_t sequence = pair.sender->sa.sequence + 1;
  const esp::Suite& suite = pair.sender->sa.suite;
  Bytes iv;
  if (suite.cipher == esp::Cipher::aes128_gcm16 || suite.cipher == esp::Cipher::aes256_gcm16)
    iv = gcm_sequence_iv(sequence);
  else
    iv = cbc_onchip_iv(pair.sender->sa, pair.out_index, sequence);
  return esp::process_outbound(*pair.sender,
                               {inner, iv, static_cast<std::uint16_t>(sequence & 0xffff), {}});
}

// Installs pairs in entries 2k (outbound) and 2k + 1 (inbound).
class EngineSaPairs {
 public:
  explicit EngineSaPairs(unsigned entry_bits) : entry_bits_(entry_bits) {}

  template <class Driver>
  EngineSaPair install(Driver& engine, esp::Suite suite, esp::Mode mode,
                       esp::Encapsulation encapsulation, bool esn, std::mt19937_64& rng,
                       unsigned window = 64) {
    EngineSaPair pair;
    pair.out_index = 2 * static_cast<unsigned>(pairs_.size());
    pair.in_index = pair.out_index + 1;
    if (pair.in_index >= (1u << entry_bits_)) throw std::length_error("SA table full");
    // The host assigns inbound SPIs whose low bits name the entry.
    const std::uint32_t spi =
        (static_cast<std::uint32_t>(rng() % 0x3fffff + 1) << entry_bits_) | pair.in_index;
    esp::SecurityAssociation out =
        esp::test::make_sa(spi, esp::Direction::outbound, suite, mode, encapsulation, rng);
    out.extended_sequence_numbers = esn;
    out.replay_window = window;
    esp::SecurityAssociation in = esp::test::inbound_twin(out);
    pair.sender = &reference.add(std::move(out));
    pair.receiver = &reference.add(std::move(in));
    engine.write_entry(pair.out_index, sa_image(*pair.sender));
    engine.write_entry(pair.in_index, sa_image(*pair.receiver));
    pairs_.push_back(pair);
    return pair;
  }

  esp::SaTable reference;

 private:
  unsigned entry_bits_;
  std::vector<EngineSaPair> pairs_;
};

}  // namespace ipsec_fpga::verif::esp_rtl
