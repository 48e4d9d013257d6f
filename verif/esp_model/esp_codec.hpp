// The ESP packet itself (RFC 4303 section 2), from the SPI to the ICV:
// padding, encryption, ICV, and the reverse. Stateless: sequence numbers and
// replay are the caller's business.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "esp_status.hpp"
#include "security_association.hpp"

namespace ipsec_fpga::verif::esp {

inline constexpr std::size_t esp_header_size = 8;   // SPI + sequence number
inline constexpr std::size_t esp_trailer_size = 2;  // pad length + next header

// SPI | low 32 bits of `sequence` | IV | E(payload | 1,2,3.. | pad length |
// next header) | ICV. With ESN the high 32 bits enter the ICV (RFC 4303
// section 2.2.1) or the GCM AAD (RFC 4106 section 5) but are not sent. The
// IV must be the suite's size; throws std::invalid_argument otherwise.
std::vector<std::uint8_t> seal_esp(const SecurityAssociation& sa, std::uint64_t sequence,
                                   std::span<const std::uint8_t> iv,
                                   std::span<const std::uint8_t> payload, std::uint8_t next_header);

// Where the parts of a received ESP packet are, once its sizes are plausible.
struct EspLayout {
  std::uint32_t spi;
  std::uint32_t sequence_low;
  std::span<const std::uint8_t> iv;
  std::span<const std::uint8_t> ciphertext;
  std::span<const std::uint8_t> icv;
  std::span<const std::uint8_t> authenticated;  // SPI up to the end of the ciphertext
};

// The SPI of an ESP packet; nothing if it is shorter than the ESP header.
std::optional<std::uint32_t> esp_spi(std::span<const std::uint8_t> esp);

// Splits `esp` for `suite`; nothing (malformed) if it is too short or its
// ciphertext is empty or not a multiple of the block size and of 4 bytes.
std::optional<EspLayout> esp_layout(const Suite& suite, std::span<const std::uint8_t> esp);

struct OpenedEsp {
  EspStatus status = EspStatus::malformed;  // ok, auth_failed or decrypt_failed
  std::vector<std::uint8_t> payload;        // only when ok
  std::uint8_t next_header = 0;
};

// Verifies the ICV (constant time) using the full `sequence`, decrypts, and
// checks the padding (RFC 4303 section 2.4: 1, 2, 3, ...; pad length fits).
OpenedEsp open_esp(const SecurityAssociation& sa, const EspLayout& layout, std::uint64_t sequence);

}  // namespace ipsec_fpga::verif::esp
