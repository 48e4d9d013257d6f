#include "host/gateway/sa_translation.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipsec_fpga::host {

driver::Suite board_suite(const ike::EspSuite& suite) {
  using driver::Cipher;
  using driver::Integrity;
  driver::Suite out{Cipher::null, Integrity::none};
  switch (suite.encryption) {
    case ike::EspEncryption::des_cbc:
      out.cipher = Cipher::des_cbc;
      break;
    case ike::EspEncryption::triple_des_cbc:
      out.cipher = Cipher::tdes_cbc;
      break;
    case ike::EspEncryption::null:
      out.cipher = Cipher::null;
      break;
    case ike::EspEncryption::aes_cbc:
      if (suite.key_bits == 128)
        out.cipher = Cipher::aes128_cbc;
      else if (suite.key_bits == 192)
        out.cipher = Cipher::aes192_cbc;
      else if (suite.key_bits == 256)
        out.cipher = Cipher::aes256_cbc;
      else
        throw std::invalid_argument("AES-CBC with " + std::to_string(suite.key_bits) + " bits");
      break;
    case ike::EspEncryption::aes_gcm_16:
      if (suite.key_bits == 128)
        out.cipher = Cipher::aes128_gcm;
      else if (suite.key_bits == 256)
        out.cipher = Cipher::aes256_gcm;
      else
        throw std::invalid_argument("AES-GCM with " + std::to_string(suite.key_bits) + " bits");
      break;
  }
  switch (suite.integrity) {
    case ike::EspIntegrity::none:
      out.integrity = Integrity::none;
      break;
    case ike::EspIntegrity::hmac_md5_96:
      out.integrity = Integrity::hmac_md5_96;
      break;
    case ike::EspIntegrity::hmac_sha1_96:
      out.integrity = Integrity::hmac_sha1_96;
      break;
    case ike::EspIntegrity::hmac_sha256_128:
      out.integrity = Integrity::hmac_sha256_128;
      break;
  }
  return out;
}

std::string suite_name(const driver::Suite& suite) {
  std::string name(driver::to_string(suite.cipher));
  if (suite.integrity != driver::Integrity::none) {
    name += '/';
    name += driver::to_string(suite.integrity);
  }
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

namespace {

driver::Ipv4Address v4(const ike::IpAddress& address) {
  driver::Ipv4Address out{};
  if (address.is_v4()) std::copy_n(address.bytes().begin(), 4, out.begin());
  return out;
}

}  // namespace

driver::SaParameters sa_parameters(driver::Direction direction, const ike::EspSuite& suite,
                                   bool tunnel_mode, const ike::SecureBytes& encryption_key,
                                   const ike::SecureBytes& integrity_key, std::uint32_t spi,
                                   const ike::Endpoint& local, const ike::Endpoint& remote) {
  const driver::Suite s = board_suite(suite);
  driver::SaParameters p;
  p.direction = direction;
  p.mode = tunnel_mode ? driver::Mode::tunnel : driver::Mode::transport;
  p.encapsulation = driver::Encapsulation::bare_esp;  // the sockets add IPv4 (+ UDP)
  p.cipher = s.cipher;
  p.integrity = s.integrity;
  const ike::ByteView key = encryption_key.view();
  if (driver::is_gcm(s.cipher)) {
    if (key.size() < 4) throw std::invalid_argument("AES-GCM key material without its salt");
    p.cipher_key = driver::SecretBytes(key.first(key.size() - 4));
    p.gcm_salt = driver::SecretBytes(key.last(4));
  } else {
    p.cipher_key = driver::SecretBytes(key);
  }
  p.integrity_key = driver::SecretBytes(integrity_key.view());
  p.spi = spi;
  const bool out = direction == driver::Direction::outbound;
  p.tunnel_source = v4(out ? local.address : remote.address);
  p.tunnel_destination = v4(out ? remote.address : local.address);
  p.udp_source_port = local.port;
  if (suite.lifetime_kilobytes != 0)
    p.lifetime.hard_bytes = std::uint64_t{suite.lifetime_kilobytes} * 1024;
  return p;
}

}  // namespace ipsec_fpga::host
