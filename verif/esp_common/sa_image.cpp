#include "sa_image.hpp"

#include <openssl/crypto.h>

#include <stdexcept>

#include "hmac_reference.hpp"

namespace ipsec_fpga::verif::esp_rtl {

namespace layout = sa_layout;

namespace {

// Bytes left-aligned into a multi-word field (byte 0 in bits 31:24 of its first word).
void set_bytes(SaWords& words, const layout::Field& field, const std::uint8_t* bytes,
               std::size_t count) {
  if (count > field.words * 4u) throw std::invalid_argument("set_bytes: too many bytes");
  for (std::size_t i = 0; i < count; ++i)
    words[field.word + i / 4] |= static_cast<std::uint32_t>(bytes[i]) << (24 - 8 * (i % 4));
}

void set_state(SaWords& words, const layout::Field& field, const HmacState& state) {
  for (std::size_t i = 0; i < state.size(); ++i) words[field.word + i] = state[i];
}

HmacAlgorithm hmac_algorithm(esp::Integrity integrity) {
  switch (integrity) {
    case esp::Integrity::hmac_md5_96:
      return HmacAlgorithm::kMd5;
    case esp::Integrity::hmac_sha1_96:
      return HmacAlgorithm::kSha1;
    case esp::Integrity::hmac_sha256_128:
      return HmacAlgorithm::kSha256;
    default:
      throw std::invalid_argument("no HMAC for this integrity algorithm");
  }
}

void set_hmac_states(SaWords& words, const esp::SecurityAssociation& sa) {
  if (sa.suite.integrity == esp::Integrity::none) return;
  const HmacAlgorithm alg = hmac_algorithm(sa.suite.integrity);
  Bytes key(sa.integrity_key.data(), sa.integrity_key.data() + sa.integrity_key.size());
  HmacStates states = hmac_states(alg, key);
  set_state(words, layout::hmac_inner_state, states.inner);
  set_state(words, layout::hmac_outer_state, states.outer);
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(&states, sizeof states);
}

void set_replay_window(SaWords& words, const esp::SaEntry& entry) {
  if (entry.sa.direction != esp::Direction::inbound) return;
  const unsigned bitmap_words = entry.sa.replay_window / 32;
  if (entry.sa.sequence == 0) {
    // New SA: every word of the window reads as zero until the window reaches it.
    set_field(words, layout::replay_stale,
              bitmap_words >= 32 ? 0xffffffffu : (1u << bitmap_words) - 1u);
  } else {
    for (unsigned i = 0; i < bitmap_words; ++i) words[layout::replay_bitmap.word + i] = ~0u;
  }
}

}  // namespace

SaWords sa_image(const esp::SaEntry& entry, const SaImageOptions& options) {
  const esp::SecurityAssociation& sa = entry.sa;
  SaWords words{};
  set_field(words, layout::valid, 1);
  set_field(words, layout::enabled, sa.enabled ? 1 : 0);
  set_field(words, layout::direction, static_cast<std::uint32_t>(sa.direction));
  set_field(words, layout::mode, static_cast<std::uint32_t>(sa.mode));
  set_field(words, layout::encapsulation, static_cast<std::uint32_t>(sa.encapsulation));
  set_field(words, layout::esn, sa.extended_sequence_numbers ? 1 : 0);
  // esp::Cipher and esp::Integrity list their members in the layout's value order.
  set_field(words, layout::cipher, static_cast<std::uint32_t>(sa.suite.cipher));
  set_field(words, layout::integrity, static_cast<std::uint32_t>(sa.suite.integrity));
  set_field(words, layout::ttl, sa.ttl);
  set_field(words, layout::spi, sa.spi);
  set_field(words, layout::sequence, sa.sequence);
  set_field(words, layout::udp_source_port, sa.udp_source_port);
  set_field(words, layout::udp_destination_port, esp::nat_traversal_port);
  set_bytes(words, layout::tunnel_source, sa.tunnel_source.data(), 4);
  set_bytes(words, layout::tunnel_destination, sa.tunnel_destination.data(), 4);
  set_field(words, layout::error_threshold, options.error_threshold);
  set_field(words, layout::byte_count, entry.usage.bytes);
  set_field(words, layout::packet_count, entry.usage.packets);
  set_field(words, layout::soft_byte_limit, sa.lifetime.soft_bytes);
  set_field(words, layout::hard_byte_limit, sa.lifetime.hard_bytes);
  set_field(words, layout::soft_packet_limit, sa.lifetime.soft_packets);
  set_field(words, layout::hard_packet_limit, sa.lifetime.hard_packets);
  set_field(words, layout::auth_errors, entry.usage.auth_failures);
  set_field(words, layout::replay_errors, entry.usage.replays);
  set_field(words, layout::decrypt_errors, entry.usage.decrypt_failures);
  set_field(words, layout::expired, entry.expired ? 1 : 0);
  set_field(words, layout::soft_event_raised, entry.soft_limit_reported ? 1 : 0);
  set_bytes(words, layout::cipher_key, sa.cipher_key.data(), sa.cipher_key.size());
  set_bytes(words, layout::gcm_salt, sa.gcm_salt.data(), sa.gcm_salt.size());
  set_hmac_states(words, sa);
  set_replay_window(words, entry);
  return words;
}

}  // namespace ipsec_fpga::verif::esp_rtl
