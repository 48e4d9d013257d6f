#include "esp_codec.hpp"

#include <algorithm>
#include <stdexcept>

#include "esp_cipher.hpp"
#include "esp_integrity.hpp"

namespace ipsec_fpga::verif::esp {

namespace {

using Bytes = std::vector<std::uint8_t>;

void append32(Bytes& bytes, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    bytes.push_back(static_cast<std::uint8_t>(value >> shift));
}

std::uint32_t load32(std::span<const std::uint8_t> bytes) {
  return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
         static_cast<std::uint32_t>(bytes[2]) << 8 | bytes[3];
}

std::uint32_t high32(std::uint64_t sequence) { return static_cast<std::uint32_t>(sequence >> 32); }

// RFC 4303 section 2.4: the trailer ends on a cipher block and on 4 bytes.
std::size_t alignment(const Suite& suite) {
  return std::max<std::size_t>(properties(suite.cipher).block_size, 4);
}

// RFC 4106 section 5: SPI | sequence (32 bits), or SPI | high | low with ESN.
Bytes gcm_aad(const SecurityAssociation& sa, std::uint32_t spi, std::uint64_t sequence) {
  Bytes aad;
  append32(aad, spi);
  if (sa.extended_sequence_numbers) append32(aad, high32(sequence));
  append32(aad, static_cast<std::uint32_t>(sequence));
  return aad;
}

// RFC 4303 sections 2.2.1 and 3.3.2.1: the ESN high bits follow the ESP
// packet in the ICV input without being sent.
Bytes hmac_icv(const SecurityAssociation& sa, std::span<const std::uint8_t> authenticated,
               std::uint64_t sequence) {
  Bytes high;
  if (sa.extended_sequence_numbers) append32(high, high32(sequence));
  return compute_icv(sa.suite.integrity, sa.integrity_key, {authenticated, high});
}

bool padding_valid(const Bytes& plaintext) {
  if (plaintext.size() < esp_trailer_size) return false;
  const std::size_t pad_length = plaintext[plaintext.size() - 2];
  if (pad_length + esp_trailer_size > plaintext.size()) return false;
  const std::size_t pad_start = plaintext.size() - esp_trailer_size - pad_length;
  for (std::size_t i = 0; i < pad_length; ++i)
    if (plaintext[pad_start + i] != static_cast<std::uint8_t>(i + 1)) return false;
  return true;
}

}  // namespace

std::vector<std::uint8_t> seal_esp(const SecurityAssociation& sa, std::uint64_t sequence,
                                   std::span<const std::uint8_t> iv,
                                   std::span<const std::uint8_t> payload,
                                   std::uint8_t next_header) {
  const CipherProperties cipher = properties(sa.suite.cipher);
  if (iv.size() != cipher.iv_size) throw std::invalid_argument("IV size does not match the suite");

  Bytes plaintext(payload.begin(), payload.end());
  const std::size_t align = alignment(sa.suite);
  const std::size_t pad_length = (align - (payload.size() + esp_trailer_size) % align) % align;
  for (std::size_t i = 1; i <= pad_length; ++i) plaintext.push_back(static_cast<std::uint8_t>(i));
  plaintext.push_back(static_cast<std::uint8_t>(pad_length));
  plaintext.push_back(next_header);

  Bytes packet;
  append32(packet, sa.spi);
  append32(packet, static_cast<std::uint32_t>(sequence));
  packet.insert(packet.end(), iv.begin(), iv.end());
  if (cipher.aead) {
    const Bytes sealed = gcm_seal(sa.suite.cipher, sa.cipher_key, sa.gcm_salt, iv,
                                  gcm_aad(sa, sa.spi, sequence), plaintext);
    packet.insert(packet.end(), sealed.begin(), sealed.end());
  } else {
    const Bytes ciphertext = cbc_encrypt(sa.suite.cipher, sa.cipher_key, iv, plaintext);
    packet.insert(packet.end(), ciphertext.begin(), ciphertext.end());
    if (sa.suite.integrity != Integrity::none) {
      const Bytes icv = hmac_icv(sa, packet, sequence);
      packet.insert(packet.end(), icv.begin(), icv.end());
    }
  }
  cleanse(plaintext);
  return packet;
}

std::optional<std::uint32_t> esp_spi(std::span<const std::uint8_t> esp) {
  if (esp.size() < esp_header_size) return std::nullopt;
  return load32(esp);
}

std::optional<EspLayout> esp_layout(const Suite& suite, std::span<const std::uint8_t> esp) {
  const std::size_t iv_size = properties(suite.cipher).iv_size;
  const std::size_t icv = icv_size(suite);
  if (esp.size() < esp_header_size + iv_size + icv) return std::nullopt;
  const std::size_t ciphertext_size = esp.size() - esp_header_size - iv_size - icv;
  if (ciphertext_size == 0 || ciphertext_size % alignment(suite) != 0) return std::nullopt;
  EspLayout layout;
  layout.spi = load32(esp);
  layout.sequence_low = load32(esp.subspan(4));
  layout.iv = esp.subspan(esp_header_size, iv_size);
  layout.ciphertext = esp.subspan(esp_header_size + iv_size, ciphertext_size);
  layout.icv = esp.subspan(esp.size() - icv);
  layout.authenticated = esp.first(esp.size() - icv);
  return layout;
}

OpenedEsp open_esp(const SecurityAssociation& sa, const EspLayout& layout, std::uint64_t sequence) {
  OpenedEsp opened;
  Bytes plaintext;
  if (properties(sa.suite.cipher).aead) {
    auto decrypted = gcm_open(sa.suite.cipher, sa.cipher_key, sa.gcm_salt, layout.iv,
                              gcm_aad(sa, layout.spi, sequence), layout.ciphertext, layout.icv);
    if (!decrypted) {
      opened.status = EspStatus::auth_failed;
      return opened;
    }
    plaintext = std::move(*decrypted);
  } else {
    if (sa.suite.integrity != Integrity::none &&
        !icv_equal(hmac_icv(sa, layout.authenticated, sequence), layout.icv)) {
      opened.status = EspStatus::auth_failed;
      return opened;
    }
    plaintext = cbc_decrypt(sa.suite.cipher, sa.cipher_key, layout.iv, layout.ciphertext);
  }
  if (!padding_valid(plaintext)) {
    cleanse(plaintext);
    opened.status = EspStatus::decrypt_failed;
    return opened;
  }
  const std::size_t pad_length = plaintext[plaintext.size() - 2];
  opened.next_header = plaintext.back();
  opened.payload.assign(plaintext.begin(), plaintext.end() - static_cast<std::ptrdiff_t>(
                                                                 pad_length + esp_trailer_size));
  cleanse(plaintext);
  opened.status = EspStatus::ok;
  return opened;
}

}  // namespace ipsec_fpga::verif::esp
