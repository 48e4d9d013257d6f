#include "ike/openssl_random_source.hpp"

#include <openssl/rand.h>

#include <stdexcept>

#include "ike/crypto_context.hpp"

namespace ipsec_fpga::ike {

void OpensslRandomSource::fill(std::span<std::uint8_t> out) {
  if (RAND_bytes_ex(crypto_context(), out.data(), out.size(), 0) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
}

}  // namespace ipsec_fpga::ike
