#include "esp_probe.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

namespace ipsec_fpga::ike::interop {
namespace {

const EVP_MD* hmac_md(EspIntegrity integrity) {
  switch (integrity) {
    case EspIntegrity::hmac_md5_96:
      return EVP_md5();
    case EspIntegrity::hmac_sha1_96:
      return EVP_sha1();
    case EspIntegrity::hmac_sha256_128:
      return EVP_sha256();
    case EspIntegrity::none:
      break;
  }
  return nullptr;
}

std::size_t icv_size(EspIntegrity integrity) {
  return integrity == EspIntegrity::hmac_sha256_128 ? 16 : 12;
}

const EVP_CIPHER* cbc(std::size_t key_size) {
  return key_size == 16   ? EVP_aes_128_cbc()
         : key_size == 24 ? EVP_aes_192_cbc()
                          : EVP_aes_256_cbc();
}

Bytes icv(const EspSuite& suite, const EspKeys& keys, ByteView data) {
  Bytes mac(EVP_MAX_MD_SIZE);
  unsigned int size = 0;
  HMAC(hmac_md(suite.integrity), keys.integrity_key.data(),
       static_cast<int>(keys.integrity_key.size()), data.data(), data.size(), mac.data(), &size);
  mac.resize(icv_size(suite.integrity));
  return mac;
}

Bytes run_cbc(const EspKeys& keys, ByteView iv, ByteView data, bool encrypt) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  EVP_CipherInit_ex(ctx.get(), cbc(keys.encryption_key.size()), nullptr, keys.encryption_key.data(),
                    iv.data(), encrypt ? 1 : 0);
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size() + 16);
  int n = 0, m = 0;
  EVP_CipherUpdate(ctx.get(), out.data(), &n, data.data(), static_cast<int>(data.size()));
  EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m);
  out.resize(static_cast<std::size_t>(n + m));
  return out;
}

void put32(Bytes& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

}  // namespace

EspCheck verify_esp(const EspSuite& suite, const EspKeys& keys, ByteView packet) {
  if (suite.encryption != EspEncryption::aes_cbc || !hmac_md(suite.integrity)) {
    return {false, "probe supports AES-CBC with HMAC only"};
  }
  std::size_t icv_len = icv_size(suite.integrity);
  if (packet.size() < 8 + 16 + 16 + icv_len) return {false, "packet too short"};
  ByteView authenticated = packet.first(packet.size() - icv_len);
  Bytes expected = icv(suite, keys, authenticated);
  if (!std::equal(expected.begin(), expected.end(),
                  packet.end() - static_cast<std::ptrdiff_t>(icv_len))) {
    return {false, "ICV mismatch"};
  }
  ByteView iv = packet.subspan(8, 16);
  ByteView ciphertext = authenticated.subspan(24);
  if (ciphertext.size() % 16 != 0) return {false, "ciphertext not block aligned"};
  Bytes plain = run_cbc(keys, iv, ciphertext, false);
  std::uint8_t next_header = plain.back();
  std::uint8_t pad = plain[plain.size() - 2];
  for (std::size_t i = 0; i < pad; ++i) {
    if (plain[plain.size() - 2 - pad + i] != i + 1) return {false, "bad padding"};
  }
  return {true, "next header " + std::to_string(next_header)};
}

Bytes build_esp(const EspSuite& suite, const EspKeys& keys, std::uint32_t seq,
                const IpAddress& source, const IpAddress& destination) {
  static const std::string kText = "ipsec-fpga interop probe";
  Bytes inner;
  std::uint16_t total = static_cast<std::uint16_t>(20 + 8 + kText.size());
  inner = {0x45,
           0,
           static_cast<std::uint8_t>(total >> 8),
           static_cast<std::uint8_t>(total),
           0,
           1,
           0,
           0,
           64,
           17,
           0,
           0};
  append(inner, source.bytes());
  append(inner, destination.bytes());
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < 20; i += 2)
    sum += static_cast<std::uint32_t>(inner[i] << 8 | inner[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  inner[10] = static_cast<std::uint8_t>(~sum >> 8);
  inner[11] = static_cast<std::uint8_t>(~sum);
  std::uint16_t udp_length = static_cast<std::uint16_t>(8 + kText.size());
  Bytes udp = {0x30,
               0x39,
               0x00,
               0x09,
               static_cast<std::uint8_t>(udp_length >> 8),
               static_cast<std::uint8_t>(udp_length),
               0,
               0};  // checksum 0: none
  append(inner, udp);
  inner.insert(inner.end(), kText.begin(), kText.end());

  Bytes plain = inner;
  std::uint8_t pad = static_cast<std::uint8_t>((16 - (plain.size() + 2) % 16) % 16);
  for (std::uint8_t i = 1; i <= pad; ++i) plain.push_back(i);
  plain.push_back(pad);
  plain.push_back(4);  // next header: IPv4 (tunnel mode)
  Bytes iv(16);
  RAND_bytes(iv.data(), 16);
  Bytes packet;
  put32(packet, keys.spi);
  put32(packet, seq);
  append(packet, iv);
  append(packet, run_cbc(keys, iv, plain, true));
  append(packet, icv(suite, keys, packet));
  return packet;
}

}  // namespace ipsec_fpga::ike::interop
