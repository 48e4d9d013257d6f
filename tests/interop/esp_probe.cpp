#include "esp_probe.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

namespace ipsec_fpga::ike::interop {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

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

bool is_gcm(const EspSuite& suite) { return suite.encryption == EspEncryption::aes_gcm_16; }

// Cipher, IV size, block size (padding alignment), ICV size.
struct Layout {
  const EVP_CIPHER* cipher = nullptr;
  std::size_t iv = 0, block = 0, icv = 0;
};

Layout layout(const EspSuite& suite) {
  std::size_t icv = suite.integrity == EspIntegrity::hmac_sha256_128 ? 16 : 12;
  switch (suite.encryption) {
    case EspEncryption::triple_des_cbc:
      return {EVP_des_ede3_cbc(), 8, 8, icv};
    case EspEncryption::aes_cbc:
      return {suite.key_bits == 128   ? EVP_aes_128_cbc()
              : suite.key_bits == 192 ? EVP_aes_192_cbc()
                                      : EVP_aes_256_cbc(),
              16, 16, icv};
    case EspEncryption::aes_gcm_16:
      return {suite.key_bits == 128 ? EVP_aes_128_gcm() : EVP_aes_256_gcm(), 8, 4, 16};
    default:
      return {};
  }
}

Bytes hmac_icv(const EspSuite& suite, const EspKeys& keys, ByteView data, std::size_t size) {
  Bytes mac(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  HMAC(hmac_md(suite.integrity), keys.integrity_key.data(),
       static_cast<int>(keys.integrity_key.size()), data.data(), data.size(), mac.data(), &length);
  mac.resize(size);
  return mac;
}

// CBC without padding, or GCM with nonce salt|iv and AAD; for GCM `tag` is
// read (decrypt) or written (encrypt). Returns nullopt when GCM auth fails.
std::optional<Bytes> run(const EspSuite& suite, const EspKeys& keys, ByteView iv, ByteView aad,
                         ByteView data, Bytes& tag, bool encrypt) {
  Layout l = layout(suite);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::size_t key_size = keys.encryption_key.size() - (is_gcm(suite) ? 4 : 0);
  Bytes nonce(iv.begin(), iv.end());
  if (is_gcm(suite)) {  // RFC 4106 4: salt (last 4 key bytes) | IV
    nonce.assign(keys.encryption_key.data() + key_size, keys.encryption_key.data() + key_size + 4);
    append(nonce, iv);
  }
  EVP_CipherInit_ex(ctx.get(), l.cipher, nullptr, nullptr, nullptr, encrypt ? 1 : 0);
  if (is_gcm(suite)) {
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr);
  }
  EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, keys.encryption_key.data(), nonce.data(),
                    encrypt ? 1 : 0);
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  int n = 0, m = 0;
  if (is_gcm(suite)) {
    EVP_CipherUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size()));
    if (!encrypt) EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data());
  }
  Bytes out(data.size() + 16);
  EVP_CipherUpdate(ctx.get(), out.data(), &n, data.data(), static_cast<int>(data.size()));
  if (EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m) != 1) return std::nullopt;
  out.resize(static_cast<std::size_t>(n + m));
  if (is_gcm(suite) && encrypt) {
    tag.resize(16);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, tag.data());
  }
  return out;
}

void put32(Bytes& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

}  // namespace

EspCheck verify_esp(const EspSuite& suite, const EspKeys& keys, ByteView packet) {
  Layout l = layout(suite);
  if (l.cipher == nullptr || (!is_gcm(suite) && !hmac_md(suite.integrity))) {
    return {false, "probe supports 3DES/AES-CBC with HMAC and AES-GCM only"};
  }
  if (packet.size() < 8 + l.iv + l.block + l.icv) return {false, "packet too short"};
  ByteView body = packet.first(packet.size() - l.icv);
  ByteView icv = packet.last(l.icv);
  Bytes tag(icv.begin(), icv.end());
  if (!is_gcm(suite)) {
    Bytes expected = hmac_icv(suite, keys, body, l.icv);
    if (!std::equal(expected.begin(), expected.end(), icv.begin())) return {false, "ICV mismatch"};
  }
  ByteView ciphertext = body.subspan(8 + l.iv);
  if (ciphertext.size() % l.block != 0) return {false, "ciphertext not block aligned"};
  auto plain = run(suite, keys, body.subspan(8, l.iv), packet.first(8), ciphertext, tag, false);
  if (!plain) return {false, "GCM tag mismatch"};
  std::uint8_t next_header = plain->back();
  std::uint8_t pad = (*plain)[plain->size() - 2];
  if (pad + 2u > plain->size()) return {false, "bad padding"};
  for (std::size_t i = 0; i < pad; ++i) {
    if ((*plain)[plain->size() - 2 - pad + i] != i + 1) return {false, "bad padding"};
  }
  return {true, "next header " + std::to_string(next_header)};
}

Bytes build_esp(const EspSuite& suite, const EspKeys& keys, std::uint32_t seq,
                const IpAddress& source, const IpAddress& destination) {
  static const std::string kText = "ipsec-fpga interop probe";
  Layout l = layout(suite);
  std::uint16_t total = static_cast<std::uint16_t>(20 + 8 + kText.size());
  Bytes inner = {0x45,
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
  std::uint8_t pad = static_cast<std::uint8_t>((l.block - (plain.size() + 2) % l.block) % l.block);
  for (std::uint8_t i = 1; i <= pad; ++i) plain.push_back(i);
  plain.push_back(pad);
  plain.push_back(4);  // next header: IPv4 (tunnel mode)
  Bytes iv(l.iv);
  RAND_bytes(iv.data(), static_cast<int>(iv.size()));
  Bytes packet;
  put32(packet, keys.spi);
  put32(packet, seq);
  Bytes tag;
  auto ciphertext = run(suite, keys, iv, ByteView(packet), plain, tag, true);
  append(packet, iv);
  append(packet, *ciphertext);
  if (is_gcm(suite)) {
    append(packet, tag);
  } else {
    append(packet, hmac_icv(suite, keys, packet, l.icv));
  }
  return packet;
}

}  // namespace ipsec_fpga::ike::interop
