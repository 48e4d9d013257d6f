// sha1_core against FIPS 180-4 examples, RFC 2202 HMAC-SHA-1 through the
// state-load path, and OpenSSL on random blocks and messages.
#define BOOST_TEST_MODULE sha1_core
#include <boost/test/unit_test.hpp>

#include "sha_core_checks.hpp"
#include "sha_reference.hpp"

#ifdef IPSEC_FPGA_SHA1_SERIAL_FINISH
// The same checks on the smallest boards' form (SERIAL_FINISH = 1): H is
// added one word per clock, so a block takes 85 cycles and a load 6.
#include "sha_core_driver.hpp"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "Vsha1_core_serial_finish.h"
#pragma GCC diagnostic pop
namespace {
using Sha1CoreDriver = ipsec_fpga::verif::ShaCoreDriver<Vsha1_core_serial_finish, 5>;
struct Ref : ipsec_fpga::verif::sha::Sha1Reference {
  static constexpr const char* kCoreName = "sha1_core (SERIAL_FINISH = 1)";
  static constexpr unsigned kBlockCycles = 85;  // 80 rounds + 5 clocks H += a..e
  static constexpr unsigned kLoadCycles = 6;    // strobe edge + 5 clocks copying H into a..e
};
}  // namespace
using namespace ipsec_fpga::verif;
using namespace ipsec_fpga::verif::sha;
#else
#include "sha1_core_driver.hpp"

using namespace ipsec_fpga::verif;
using namespace ipsec_fpga::verif::sha;
using Ref = Sha1Reference;
#endif

BOOST_AUTO_TEST_CASE(fips_180_examples) {
  Sha1CoreDriver core("sha1_core_fips_180_examples");
  check_digest<Ref>(core, "FIPS 180 \"abc\"", ascii("abc"),
                    "a9993e364706816aba3e25717850c26c9cd0d89d");
  check_digest<Ref>(core, "FIPS 180 448-bit two-block",
                    ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  const std::uint64_t start = core.cycle();
  check_digest<Ref>(core, "FIPS 180 one million 'a'", Bytes(1'000'000, 'a'),
                    "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // 15,626 blocks back to back after the init.
  BOOST_TEST(core.cycle() - start == Ref::kLoadCycles + 15'626ull * Ref::kBlockCycles);
}

BOOST_AUTO_TEST_CASE(rfc_2202_hmac_sha1) {
  Sha1CoreDriver core("sha1_core_rfc_2202_hmac_sha1");
  check_hmac<Ref>(core, "RFC 2202 case 1", Bytes(20, 0x0b), ascii("Hi There"),
                  "b617318655057264e28bc0b6fb378c8ef146be00");
  check_hmac<Ref>(core, "RFC 2202 case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                  "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  check_hmac<Ref>(core, "RFC 2202 case 3", Bytes(20, 0xaa), Bytes(50, 0xdd),
                  "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
  check_hmac<Ref>(core, "RFC 2202 case 4",
                  from_hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
                  "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
  check_hmac<Ref>(core, "RFC 2202 case 5", Bytes(20, 0x0c), ascii("Test With Truncation"),
                  "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
  check_hmac<Ref>(core, "RFC 2202 case 5 (HMAC-SHA-1-96)", Bytes(20, 0x0c),
                  ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1");
  check_hmac<Ref>(core, "RFC 2202 case 6", Bytes(80, 0xaa),
                  ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                  "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  check_hmac<Ref>(
      core, "RFC 2202 case 7", Bytes(80, 0xaa),
      ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
      "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

BOOST_AUTO_TEST_CASE(random_blocks_vs_openssl_transform) {
  Sha1CoreDriver core("sha1_core_random_blocks");
  check_random_blocks<Ref>(core, 10'000, 0x5a1b10c5);
}

BOOST_AUTO_TEST_CASE(random_messages_vs_evp) {
  Sha1CoreDriver core("sha1_core_random_messages");
  check_random_messages<Ref>(core, 300, 2'000, 0x5a1e5500);
}

BOOST_AUTO_TEST_CASE(exact_cycle_counts) {
  Sha1CoreDriver core("sha1_core_exact_cycle_counts");
  check_cycle_counts<Ref>(core);
}

BOOST_AUTO_TEST_CASE(strobe_rules) {
  Sha1CoreDriver core("sha1_core_strobe_rules");
  check_strobe_rules<Ref>(core);
}
