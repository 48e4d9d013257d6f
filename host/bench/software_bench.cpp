#include "host/bench/software_bench.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

#include "openssl_providers.hpp"

namespace ipsec_fpga::host::bench {

namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct CipherFree {
  void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};
struct MacFree {
  void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* m) const { EVP_MAC_CTX_free(m); }
};

struct CipherInfo {
  const char* openssl_name;  // nullptr: NULL encryption
  std::size_t block;         // alignment of the padded text
  std::size_t iv;            // bytes of IV in the packet
  bool gcm;
};

CipherInfo cipher_info(const std::string& name) {
  if (name == "null") return {nullptr, 4, 0, false};
  if (name == "des-cbc") return {"DES-CBC", 8, 8, false};
  if (name == "3des-cbc") return {"DES-EDE3-CBC", 8, 8, false};
  if (name == "aes128-cbc") return {"AES-128-CBC", 16, 16, false};
  if (name == "aes192-cbc") return {"AES-192-CBC", 16, 16, false};
  if (name == "aes256-cbc") return {"AES-256-CBC", 16, 16, false};
  if (name == "aes128-gcm16") return {"AES-128-GCM", 4, 8, true};
  if (name == "aes256-gcm16") return {"AES-256-GCM", 4, 8, true};
  throw std::invalid_argument("software baseline: unknown cipher " + name);
}

std::pair<const char*, std::size_t> integrity_info(const std::string& name) {
  if (name == "none") return {nullptr, 0};
  if (name == "hmac-md5-96") return {"MD5", 12};
  if (name == "hmac-sha1-96") return {"SHA1", 12};
  if (name == "hmac-sha256-128") return {"SHA256", 16};
  throw std::invalid_argument("software baseline: unknown integrity " + name);
}

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}

// One SA's transform in both directions.
class EspSoftware {
 public:
  EspSoftware(const SuiteSpec& suite, const PacketSet& keys)
      : cipher_(cipher_info(suite.cipher)), icv_(integrity_info(suite.integrity).second) {
    verif::esp::ensure_openssl_providers();
    if (cipher_.openssl_name != nullptr) {
      evp_cipher_.reset(EVP_CIPHER_fetch(nullptr, cipher_.openssl_name, nullptr));
      if (!evp_cipher_)
        throw std::runtime_error(std::string("OpenSSL has no ") + cipher_.openssl_name);
      for (auto* ctx : {&encrypt_, &decrypt_}) {
        ctx->reset(EVP_CIPHER_CTX_new());
        if (!*ctx) throw std::runtime_error("OpenSSL: EVP_CIPHER_CTX_new failed");
      }
      check(EVP_EncryptInit_ex2(encrypt_.get(), evp_cipher_.get(), keys.cipher_key.data(), nullptr,
                                nullptr),
            "EVP_EncryptInit_ex2");
      check(EVP_DecryptInit_ex2(decrypt_.get(), evp_cipher_.get(), keys.cipher_key.data(), nullptr,
                                nullptr),
            "EVP_DecryptInit_ex2");
      EVP_CIPHER_CTX_set_padding(encrypt_.get(), 0);
      EVP_CIPHER_CTX_set_padding(decrypt_.get(), 0);
      if (cipher_.gcm) {
        salt_ = keys.gcm_salt;
        icv_ = 16;
      }
    }
    const char* digest = integrity_info(suite.integrity).first;
    if (digest != nullptr) {
      mac_.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
      mac_ctx_.reset(mac_ ? EVP_MAC_CTX_new(mac_.get()) : nullptr);
      if (!mac_ctx_) throw std::runtime_error("OpenSSL has no HMAC");
      OSSL_PARAM params[] = {
          OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
          OSSL_PARAM_construct_end()};
      check(EVP_MAC_init(mac_ctx_.get(), keys.integrity_key.data(), keys.integrity_key.size(),
                         params),
            "EVP_MAC_init");
    }
  }

  // ESP (SPI onwards) of `inner` with the SPI, sequence number and IV of
  // `like` (the engine's packet for it).
  void encapsulate(const PacketBytes& inner, const PacketBytes& like, PacketBytes& out) {
    const std::size_t header = 8 + cipher_.iv;
    const std::size_t text = (inner.size() + 2 + cipher_.block - 1) / cipher_.block * cipher_.block;
    out.resize(header + text + icv_);
    std::copy(like.begin(), like.begin() + static_cast<std::ptrdiff_t>(header), out.begin());
    std::uint8_t* plain = out.data() + header;
    std::copy(inner.begin(), inner.end(), plain);
    const std::size_t pad = text - inner.size() - 2;
    for (std::size_t i = 0; i < pad; ++i)
      plain[inner.size() + i] = static_cast<std::uint8_t>(i + 1);
    plain[text - 2] = static_cast<std::uint8_t>(pad);
    plain[text - 1] = 4;  // next header: IPv4 (tunnel mode)
    int length = 0;
    if (cipher_.gcm) {
      std::uint8_t nonce[12];
      std::copy(salt_.begin(), salt_.end(), nonce);
      std::copy(out.begin() + 8, out.begin() + 16, nonce + 4);
      check(EVP_EncryptInit_ex2(encrypt_.get(), nullptr, nullptr, nonce, nullptr), "GCM IV");
      check(EVP_EncryptUpdate(encrypt_.get(), nullptr, &length, out.data(), 8), "GCM AAD");
      check(EVP_EncryptUpdate(encrypt_.get(), plain, &length, plain, static_cast<int>(text)),
            "GCM encrypt");
      check(EVP_EncryptFinal_ex(encrypt_.get(), plain + text, &length), "GCM final");
      check(EVP_CIPHER_CTX_ctrl(encrypt_.get(), EVP_CTRL_AEAD_GET_TAG, 16, plain + text),
            "GCM tag");
      return;
    }
    if (evp_cipher_) {
      check(EVP_EncryptInit_ex2(encrypt_.get(), nullptr, nullptr, out.data() + 8, nullptr), "IV");
      check(EVP_EncryptUpdate(encrypt_.get(), plain, &length, plain, static_cast<int>(text)),
            "encrypt");
    }
    mac(out.data(), header + text, out.data() + header + text);
  }

  // The inner packet of an ESP packet (SPI onwards); false if the ICV or
  // the padding is wrong.
  bool decapsulate(const PacketBytes& packet, PacketBytes& inner) {
    const std::size_t header = 8 + cipher_.iv;
    if (packet.size() < header + icv_ + 2) return false;
    const std::size_t text = packet.size() - header - icv_;
    inner.resize(text);
    int length = 0;
    if (cipher_.gcm) {
      std::uint8_t nonce[12];
      std::copy(salt_.begin(), salt_.end(), nonce);
      std::copy(packet.begin() + 8, packet.begin() + 16, nonce + 4);
      check(EVP_DecryptInit_ex2(decrypt_.get(), nullptr, nullptr, nonce, nullptr), "GCM IV");
      check(EVP_DecryptUpdate(decrypt_.get(), nullptr, &length, packet.data(), 8), "GCM AAD");
      check(EVP_DecryptUpdate(decrypt_.get(), inner.data(), &length, packet.data() + header,
                              static_cast<int>(text)),
            "GCM decrypt");
      check(EVP_CIPHER_CTX_ctrl(decrypt_.get(), EVP_CTRL_AEAD_SET_TAG, 16,
                                const_cast<std::uint8_t*>(packet.data() + header + text)),
            "GCM tag");
      if (EVP_DecryptFinal_ex(decrypt_.get(), inner.data() + text, &length) != 1) return false;
    } else {
      std::uint8_t icv[EVP_MAX_MD_SIZE];
      mac(packet.data(), header + text, icv);
      if (CRYPTO_memcmp(icv, packet.data() + header + text, icv_) != 0) return false;
      if (evp_cipher_) {
        check(EVP_DecryptInit_ex2(decrypt_.get(), nullptr, nullptr, packet.data() + 8, nullptr),
              "IV");
        check(EVP_DecryptUpdate(decrypt_.get(), inner.data(), &length, packet.data() + header,
                                static_cast<int>(text)),
              "decrypt");
      } else {
        std::copy(packet.begin() + static_cast<std::ptrdiff_t>(header),
                  packet.begin() + static_cast<std::ptrdiff_t>(header + text), inner.begin());
      }
    }
    const std::size_t pad = inner[text - 2];
    if (pad + 2 > text || inner[text - 1] != 4) return false;
    for (std::size_t i = 0; i < pad; ++i)
      if (inner[text - 2 - pad + i] != static_cast<std::uint8_t>(i + 1)) return false;
    inner.resize(text - 2 - pad);
    return true;
  }

 private:
  void mac(const std::uint8_t* data, std::size_t size, std::uint8_t* icv) {
    // The key stays: EVP_MAC_init with no key restarts HMAC with the one set.
    std::uint8_t full[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    check(EVP_MAC_init(mac_ctx_.get(), nullptr, 0, nullptr), "HMAC init");
    check(EVP_MAC_update(mac_ctx_.get(), data, size), "HMAC update");
    check(EVP_MAC_final(mac_ctx_.get(), full, &length, sizeof full), "HMAC final");
    std::copy(full, full + icv_, icv);
  }

  CipherInfo cipher_;
  std::size_t icv_;
  PacketBytes salt_;
  std::unique_ptr<EVP_CIPHER, CipherFree> evp_cipher_;
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> encrypt_, decrypt_;
  std::unique_ptr<EVP_MAC, MacFree> mac_;
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> mac_ctx_;
};

// CPU time of this thread: the figure is one core's, however busy the
// machine is (as `openssl speed` counts user time).
double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

template <class Work>
double packets_per_second(std::size_t count, double seconds, Work work) {
  const double start = thread_cpu_seconds();
  std::size_t done = 0;
  double elapsed = 0;
  do {
    for (std::size_t i = 0; i < count; ++i) work(i);
    done += count;
    elapsed = thread_cpu_seconds() - start;
  } while (elapsed < seconds);
  return static_cast<double>(done) / elapsed;
}

}  // namespace

SoftwareFigures measure_software(const SuiteSpec& suite, const PacketSet& packets, double seconds,
                                 bool outbound, bool inbound) {
  EspSoftware esp(suite, packets);
  const std::size_t count = packets.inners.size();
  SoftwareFigures figures;
  PacketBytes work;
  // First pass: the same bytes as the engine, or no figure at all.
  for (std::size_t i = 0; i < count; ++i) {
    esp.encapsulate(packets.inners[i], packets.esp[i], work);
    if (work != packets.esp[i])
      throw std::runtime_error("software baseline " + suite.name() + ": packet " +
                               std::to_string(i) + " differs from the engine's ESP");
    if (!esp.decapsulate(packets.esp[i], work) || work != packets.inners[i])
      throw std::runtime_error("software baseline " + suite.name() + ": the engine's packet " +
                               std::to_string(i) + " does not decapsulate to the inner packet");
  }
  if (outbound)
    figures.outbound_packets_per_second = packets_per_second(count, seconds, [&](std::size_t i) {
      esp.encapsulate(packets.inners[i], packets.esp[i], work);
    });
  if (inbound)
    figures.inbound_packets_per_second = packets_per_second(count, seconds, [&](std::size_t i) {
      if (!esp.decapsulate(packets.esp[i], work))
        throw std::runtime_error("software baseline " + suite.name() + ": ICV check failed");
    });
  return figures;
}

std::string openssl_version() { return OpenSSL_version(OPENSSL_VERSION); }

}  // namespace ipsec_fpga::host::bench
