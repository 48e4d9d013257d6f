// sha256_core against FIPS 180-4 examples, RFC 4231 HMAC-SHA-256 through the
// state-load path, and OpenSSL on random blocks and messages.
#define BOOST_TEST_MODULE sha256_core
#include <boost/test/unit_test.hpp>

#include "sha256_core_driver.hpp"
#include "sha_core_checks.hpp"
#include "sha_reference.hpp"

using namespace ipsec_fpga::verif;
using namespace ipsec_fpga::verif::sha;
using Ref = Sha256Reference;

BOOST_AUTO_TEST_CASE(fips_180_examples) {
  Sha256CoreDriver core("sha256_core_fips_180_examples");
  check_digest<Ref>(core, "FIPS 180 \"abc\"", ascii("abc"),
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  check_digest<Ref>(core, "FIPS 180 448-bit two-block",
                    ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::uint64_t start = core.cycle();
  check_digest<Ref>(core, "FIPS 180 one million 'a'", Bytes(1'000'000, 'a'),
                    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // 15,626 blocks back to back after the init.
  BOOST_TEST(core.cycle() - start == Ref::kLoadCycles + 15'626ull * Ref::kBlockCycles);
}

BOOST_AUTO_TEST_CASE(rfc_4231_hmac_sha256) {
  Sha256CoreDriver core("sha256_core_rfc_4231_hmac_sha256");
  check_hmac<Ref>(core, "RFC 4231 case 1", Bytes(20, 0x0b), ascii("Hi There"),
                  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  check_hmac<Ref>(core, "RFC 4231 case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  check_hmac<Ref>(core, "RFC 4231 case 3", Bytes(20, 0xaa), Bytes(50, 0xdd),
                  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  check_hmac<Ref>(core, "RFC 4231 case 4",
                  from_hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
                  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  // Case 5 is published truncated to 128 bits.
  check_hmac<Ref>(core, "RFC 4231 case 5 (128-bit truncation)", Bytes(20, 0x0c),
                  ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b");
  check_hmac<Ref>(core, "RFC 4231 case 6", Bytes(131, 0xaa),
                  ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  check_hmac<Ref>(core, "RFC 4231 case 7", Bytes(131, 0xaa),
                  ascii("This is a test using a larger than block-size key and a larger than "
                        "block-size data. The key needs to be hashed before being used by the "
                        "HMAC algorithm."),
                  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

BOOST_AUTO_TEST_CASE(random_blocks_vs_openssl_transform) {
  Sha256CoreDriver core("sha256_core_random_blocks");
  check_random_blocks<Ref>(core, 10'000, 0x256b10c5);
}

BOOST_AUTO_TEST_CASE(random_messages_vs_evp) {
  Sha256CoreDriver core("sha256_core_random_messages");
  check_random_messages<Ref>(core, 300, 2'000, 0x256e5500);
}

BOOST_AUTO_TEST_CASE(exact_cycle_counts) {
  Sha256CoreDriver core("sha256_core_exact_cycle_counts");
  check_cycle_counts<Ref>(core);
}

BOOST_AUTO_TEST_CASE(strobe_rules) {
  Sha256CoreDriver core("sha256_core_strobe_rules");
  check_strobe_rules<Ref>(core);
}
