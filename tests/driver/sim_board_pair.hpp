// An outbound/inbound SA pair installed on a board by the driver, with the
// same pair in the ESP reference model, for tests that check the board's
// packets against the reference.
#pragma once

#include <random>
#include <string>

#include "board/board.hpp"
#include "cbc_onchip_iv.hpp"
#include "esp_outbound.hpp"
#include "reference_sa.hpp"
#include "sa_pair.hpp"
#include "sa_table.hpp"
#include "test_sas.hpp"

namespace ipsec_fpga::driver::test {

namespace esp = verif::esp;

inline std::string suite_name(const esp::Suite& s) {
  return std::string(esp::to_string(s.cipher)) + "+" + std::string(esp::to_string(s.integrity));
}

// An outbound/inbound pair on the board (installed by the driver: it picks
// the entries and the inbound SPI) and the same pair in the reference.
struct BoardPair {
  SaHandle out;
  SaHandle in;
  esp::SaTable reference;
  esp::SaEntry* sender = nullptr;
  esp::SaEntry* receiver = nullptr;
};

inline BoardPair install_pair(Board& board, esp::Suite suite, esp::Mode mode,
                              esp::Encapsulation encapsulation, std::mt19937_64& rng,
                              const esp::LifetimeLimits& lifetime = {},
                              std::uint64_t sequence = 0) {
  BoardPair pair;
  esp::SecurityAssociation out =
      esp::test::make_sa(0, esp::Direction::outbound, suite, mode, encapsulation, rng);
  out.lifetime = lifetime;
  out.sequence = sequence;
  esp::SecurityAssociation in = esp::test::inbound_twin(out);
  in.sequence = 0;
  pair.in = board.install_sa(parameters(in));
  out.spi = in.spi = pair.in.spi;
  pair.out = board.install_sa(parameters(out));
  pair.sender = &pair.reference.add(std::move(out));
  pair.receiver = &pair.reference.add(std::move(in));
  return pair;
}

// The reference's packet for the next sequence number, with the IV the
// engine makes on chip.
inline esp::OutboundResult reference_outbound(BoardPair& pair, const verif::Bytes& inner) {
  const std::uint64_t sequence = pair.sender->sa.sequence + 1;
  const esp::Cipher c = pair.sender->sa.suite.cipher;
  const verif::Bytes iv =
      c == esp::Cipher::aes128_gcm16 || c == esp::Cipher::aes256_gcm16
          ? verif::esp_rtl::gcm_sequence_iv(sequence)
          : verif::esp_rtl::cbc_onchip_iv(pair.sender->sa, pair.out.entry, sequence);
  return esp::process_outbound(*pair.sender,
                               {inner, iv, static_cast<std::uint16_t>(sequence & 0xffff), {}});
}

}  // namespace ipsec_fpga::driver::test
