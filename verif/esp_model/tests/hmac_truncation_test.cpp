// The integrity algorithms against their published vectors, truncated as ESP
// carries them: HMAC-MD5-96 and HMAC-SHA1-96 (RFC 2202 test cases, RFC 2403
// and 2404 truncation), HMAC-SHA-256-128 (RFC 4231 and RFC 4868 section
// 2.7.2.1). The leftmost 12 or 16 bytes of the published MAC must come out.
#define BOOST_TEST_MODULE esp_reference_hmac_truncation
#include <boost/test/unit_test.hpp>
#include <string>

#include "bytes.hpp"
#include "esp_integrity.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

Bytes ascii(const std::string& text) { return Bytes(text.begin(), text.end()); }
Bytes repeated(std::uint8_t value, std::size_t count) { return Bytes(count, value); }
Bytes counting(std::size_t count) {  // 0x01, 0x02, ...
  Bytes bytes(count);
  for (std::size_t i = 0; i < count; ++i) bytes[i] = static_cast<std::uint8_t>(i + 1);
  return bytes;
}

struct MacCase {
  const char* source;
  Integrity integrity;
  Bytes key;
  Bytes data;
  const char* published_mac;  // the full MAC, or the truncated one where only that is printed
};

const std::string large_key_first = "Test Using Larger Than Block-Size Key - Hash Key First";

const MacCase mac_cases[] = {
    {"RFC 2202 HMAC-MD5 1", Integrity::hmac_md5_96, repeated(0x0b, 16), ascii("Hi There"),
     "9294727a3638bb1c13f48ef8158bfc9d"},
    {"RFC 2202 HMAC-MD5 2", Integrity::hmac_md5_96, ascii("Jefe"),
     ascii("what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738"},
    {"RFC 2202 HMAC-MD5 3", Integrity::hmac_md5_96, repeated(0xaa, 16), repeated(0xdd, 50),
     "56be34521d144c88dbb8c733f0e8b3f6"},
    {"RFC 2202 HMAC-MD5 4", Integrity::hmac_md5_96, counting(25), repeated(0xcd, 50),
     "697eaf0aca3a3aea3a75164746ffaa79"},
    {"RFC 2202 HMAC-MD5 5 (digest-96)", Integrity::hmac_md5_96, repeated(0x0c, 16),
     ascii("Test With Truncation"), "56461ef2342edc00f9bab995"},
    {"RFC 2202 HMAC-MD5 6", Integrity::hmac_md5_96, repeated(0xaa, 80), ascii(large_key_first),
     "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
    {"RFC 2202 HMAC-SHA1 1", Integrity::hmac_sha1_96, repeated(0x0b, 20), ascii("Hi There"),
     "b617318655057264e28bc0b6fb378c8ef146be00"},
    {"RFC 2202 HMAC-SHA1 2", Integrity::hmac_sha1_96, ascii("Jefe"),
     ascii("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {"RFC 2202 HMAC-SHA1 3", Integrity::hmac_sha1_96, repeated(0xaa, 20), repeated(0xdd, 50),
     "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
    {"RFC 2202 HMAC-SHA1 4", Integrity::hmac_sha1_96, counting(25), repeated(0xcd, 50),
     "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
    {"RFC 2202 HMAC-SHA1 5 (digest-96)", Integrity::hmac_sha1_96, repeated(0x0c, 20),
     ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1"},
    {"RFC 2202 HMAC-SHA1 6", Integrity::hmac_sha1_96, repeated(0xaa, 80), ascii(large_key_first),
     "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
    {"RFC 4231 HMAC-SHA-256 1", Integrity::hmac_sha256_128, repeated(0x0b, 20), ascii("Hi There"),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"RFC 4231 HMAC-SHA-256 2", Integrity::hmac_sha256_128, ascii("Jefe"),
     ascii("what do ya want for nothing?"),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"RFC 4231 HMAC-SHA-256 3", Integrity::hmac_sha256_128, repeated(0xaa, 20), repeated(0xdd, 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {"RFC 4231 HMAC-SHA-256 4", Integrity::hmac_sha256_128, counting(25), repeated(0xcd, 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {"RFC 4231 HMAC-SHA-256 5 (truncated to 128)", Integrity::hmac_sha256_128, repeated(0x0c, 20),
     ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"},
    {"RFC 4231 HMAC-SHA-256 6", Integrity::hmac_sha256_128, repeated(0xaa, 131),
     ascii(large_key_first), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {"RFC 4868 AUTH256-1", Integrity::hmac_sha256_128, repeated(0x0b, 32), ascii("Hi There"),
     "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"},
    {"RFC 4868 AUTH256-2", Integrity::hmac_sha256_128, ascii("JefeJefeJefeJefeJefeJefeJefeJefe"),
     ascii("what do ya want for nothing?"),
     "167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6"},
    {"RFC 4868 AUTH256-3", Integrity::hmac_sha256_128, repeated(0xaa, 32), repeated(0xdd, 50),
     "cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0"},
    {"RFC 4868 AUTH256-4", Integrity::hmac_sha256_128, counting(32), repeated(0xcd, 50),
     "372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f"},
};

BOOST_AUTO_TEST_CASE(icv_is_the_leftmost_bytes_of_the_published_mac) {
  for (const MacCase& c : mac_cases) {
    BOOST_TEST_CONTEXT(c.source) {
      const std::size_t icv_size = properties(c.integrity).icv_size;
      const std::string expected = std::string(c.published_mac).substr(0, 2 * icv_size);
      BOOST_TEST(to_hex(compute_icv(c.integrity, SecretBytes(c.key), {c.data})) == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(icv_sizes_are_those_esp_carries) {
  BOOST_TEST(properties(Integrity::hmac_md5_96).icv_size == 12u);
  BOOST_TEST(properties(Integrity::hmac_sha1_96).icv_size == 12u);
  BOOST_TEST(properties(Integrity::hmac_sha256_128).icv_size == 16u);
}

BOOST_AUTO_TEST_CASE(icv_input_may_come_in_parts) {
  const Bytes data = ascii("what do ya want for nothing?");
  const Bytes head(data.begin(), data.begin() + 7);
  const Bytes tail(data.begin() + 7, data.end());
  const SecretBytes key(ascii("Jefe"));
  BOOST_TEST(to_hex(compute_icv(Integrity::hmac_sha1_96, key, {head, tail})) ==
             to_hex(compute_icv(Integrity::hmac_sha1_96, key, {data})));
}

BOOST_AUTO_TEST_CASE(icv_comparison) {
  const Bytes icv = from_hex("4c1a03424b55e07fe7f27be1");
  Bytes other = icv;
  BOOST_TEST(icv_equal(icv, other));
  other.back() ^= 1;
  BOOST_TEST(!icv_equal(icv, other));
  BOOST_TEST(!icv_equal(icv, Bytes(icv.begin(), icv.end() - 1)));
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
