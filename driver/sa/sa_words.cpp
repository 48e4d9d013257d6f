#include "sa/sa_words.hpp"

#include <openssl/crypto.h>

#include <stdexcept>
#include <string>

#include "sa/hmac_states.hpp"

namespace ipsec_fpga::driver {

namespace layout = sa_layout;

std::uint64_t field_value(const SaWords& words, const layout::Field& field) {
  if (field.width > 64) throw std::invalid_argument("field_value: wider than 64 bits");
  if (field.words == 1) return layout::extract(words[field.word], field);
  std::uint64_t value = 0;
  for (unsigned i = 0; i < field.words; ++i) value = (value << 32) | words[field.word + i];
  return value;
}

void set_field(SaWords& words, const layout::Field& field, std::uint64_t value) {
  if (field.width > 64) throw std::invalid_argument("set_field: wider than 64 bits");
  if (field.words == 1) {
    words[field.word] = layout::insert(words[field.word], field, static_cast<std::uint32_t>(value));
    return;
  }
  for (unsigned i = field.words; i-- > 0;) {
    words[field.word + i] = static_cast<std::uint32_t>(value);
    value >>= 32;
  }
}

void cleanse_words(SaWords& words) { OPENSSL_cleanse(words.data(), sizeof words); }

namespace {

// Bytes left-aligned into a field (byte 0 in bits 31:24 of its first word).
void set_bytes(SaWords& words, const layout::Field& field, std::span<const std::uint8_t> bytes) {
  if (bytes.size() > field.words * 4u)
    throw std::invalid_argument(std::string("sa_words: too many bytes for ") +
                                std::string(field.name));
  for (std::size_t i = 0; i < bytes.size(); ++i)
    words[field.word + i / 4] |= static_cast<std::uint32_t>(bytes[i]) << (24 - 8 * (i % 4));
}

void set_hmac_states(SaWords& words, const SaParameters& sa) {
  if (sa.integrity == Integrity::none) return;
  HmacStates states = hmac_states(sa.integrity, sa.integrity_key.bytes());
  for (std::size_t i = 0; i < states.inner.size(); ++i) {
    words[layout::hmac_inner_state.word + i] = states.inner[i];
    words[layout::hmac_outer_state.word + i] = states.outer[i];
  }
  OPENSSL_cleanse(&states, sizeof states);
}

void set_replay_window(SaWords& words, const SaParameters& sa) {
  if (sa.direction != Direction::inbound) return;
  const unsigned bitmap_words = (sa.replay_window == 0 ? 64 : sa.replay_window) / 32;
  if (sa.initial_sequence == 0) {
    // New SA: every word of the window reads as zero until the window reaches it.
    set_field(words, layout::replay_stale,
              bitmap_words >= 32 ? 0xffffffffu : (1u << bitmap_words) - 1u);
  } else {
    for (unsigned i = 0; i < bitmap_words; ++i) words[layout::replay_bitmap.word + i] = ~0u;
  }
}

}  // namespace

SaWords sa_words(const SaParameters& sa) {
  if (const std::string why = validation_error(sa); !why.empty())
    throw std::invalid_argument("sa_words: " + why);
  SaWords words{};
  set_field(words, layout::valid, 1);
  set_field(words, layout::enabled, sa.enabled ? 1 : 0);
  set_field(words, layout::direction, static_cast<std::uint32_t>(sa.direction));
  set_field(words, layout::mode, static_cast<std::uint32_t>(sa.mode));
  set_field(words, layout::encapsulation, static_cast<std::uint32_t>(sa.encapsulation));
  set_field(words, layout::esn, sa.esn ? 1 : 0);
  set_field(words, layout::cipher, static_cast<std::uint32_t>(sa.cipher));
  set_field(words, layout::integrity, static_cast<std::uint32_t>(sa.integrity));
  set_field(words, layout::ttl, sa.ttl);
  set_field(words, layout::spi, sa.spi);
  set_field(words, layout::sequence, sa.initial_sequence);
  set_field(words, layout::udp_source_port, sa.udp_source_port);
  set_field(words, layout::udp_destination_port, nat_traversal_port);
  set_bytes(words, layout::tunnel_source, sa.tunnel_source);
  set_bytes(words, layout::tunnel_destination, sa.tunnel_destination);
  set_field(words, layout::error_threshold, sa.error_threshold);
  set_field(words, layout::soft_byte_limit, sa.lifetime.soft_bytes);
  set_field(words, layout::hard_byte_limit, sa.lifetime.hard_bytes);
  set_field(words, layout::soft_packet_limit, sa.lifetime.soft_packets);
  set_field(words, layout::hard_packet_limit, sa.lifetime.hard_packets);
  set_bytes(words, layout::cipher_key, sa.cipher_key.bytes());
  set_bytes(words, layout::gcm_salt, sa.gcm_salt.bytes());
  set_hmac_states(words, sa);
  set_replay_window(words, sa);
  return words;
}

}  // namespace ipsec_fpga::driver
