// tdes_core against the published known answers: NIST SP 800-20 Appendix A (all five DES
// tables), the SP 800-67 TDEA example and the FIPS 81 ECB and CBC examples.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "openssl_tdes.hpp"
#include "sp800_20_vectors.hpp"
#include "tdes_driver.hpp"
#include "tdes_test_helpers.hpp"

namespace {

using ipsec_fpga::verif::Bytes;
using ipsec_fpga::verif::from_hex;
using ipsec_fpga::verif::hex64;
using ipsec_fpga::verif::OpenSslTdes;
using ipsec_fpga::verif::repeated_three_times;
using ipsec_fpga::verif::store_be_u64;
using ipsec_fpga::verif::TdesDriver;

// Runs one block and checks the result and the exact latency.
void check_block(TdesDriver& core, const Bytes& key, bool decrypt, std::uint64_t input,
                 std::uint64_t expected, const std::string& vector) {
  const auto result = core.process(input, decrypt);
  const std::string what = std::string("tdes_core ") + (key.size() == 8 ? "DES " : "3DES ") +
                           (decrypt ? "decrypt " : "encrypt ") + vector;
  BOOST_TEST(result.block == expected,
             what << ": expected " << hex64(expected) << " got " << hex64(result.block));
  BOOST_TEST(result.latency == TdesDriver::block_cycles(key),
             what << ": latency expected " << TdesDriver::block_cycles(key) << " cycles, got "
                  << result.latency);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(known_answers)

// The tables as typed in agree with OpenSSL (guards against a typo in the header).
BOOST_AUTO_TEST_CASE(sp800_20_tables_match_openssl) {
  OpenSslTdes openssl;
  for (const auto& table : ipsec_fpga::verif::sp800_20::kTables) {
    for (std::size_t i = 0; i < table.vectors.size(); ++i) {
      const auto& v = table.vectors[i];
      const std::uint64_t got = openssl.block(store_be_u64(v.key, 8), false, v.plaintext);
      BOOST_TEST(got == v.ciphertext, "OpenSSL DES " << table.name << " #" << i << ": expected "
                                                     << hex64(v.ciphertext) << " got "
                                                     << hex64(got));
    }
  }
}

// Every SP 800-20 table, each vector encrypted and decrypted, in DES mode (16 rounds) and in
// 3DES mode with K1 = K2 = K3 (48 rounds), which is how SP 800-20 runs them.
BOOST_AUTO_TEST_CASE(sp800_20_tables) {
  TdesDriver core("tdes_sp800_20");
  unsigned checked = 0;
  for (const auto& table : ipsec_fpga::verif::sp800_20::kTables) {
    for (std::size_t i = 0; i < table.vectors.size(); ++i) {
      const auto& v = table.vectors[i];
      const Bytes des_key = store_be_u64(v.key, 8);
      for (const Bytes& key : {des_key, repeated_three_times(des_key)}) {
        core.load_key(key);
        const std::string name =
            std::string(table.name) + " #" + std::to_string(i) + " key " + hex64(v.key);
        check_block(core, key, false, v.plaintext, v.ciphertext, name);
        check_block(core, key, true, v.ciphertext, v.plaintext, name);
        checked += 2;
      }
    }
  }
  BOOST_TEST(checked == (64 + 64 + 56 + 32 + 19) * 4u);
}

// NIST SP 800-67 (Rev. 1 / Rev. 2) Appendix B: TDEA ECB with three distinct keys,
// plaintext "The qufck brown fox jump".
BOOST_AUTO_TEST_CASE(sp800_67_example) {
  const Bytes key = from_hex("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");
  const std::uint64_t plaintext[3] = {0x5468652071756663, 0x6B2062726F776E20, 0x666F78206A756D70};
  const std::uint64_t ciphertext[3] = {0xA826FD8CE53B855F, 0xCCE21C8112256FE6, 0x68D5C05DD9B6B900};
  TdesDriver core("tdes_sp800_67");
  core.load_key(key);
  for (int i = 0; i < 3; ++i) {
    const std::string name = "SP 800-67 example block " + std::to_string(i + 1);
    check_block(core, key, false, plaintext[i], ciphertext[i], name);
    check_block(core, key, true, ciphertext[i], plaintext[i], name);
  }
}

// FIPS 81 Appendix B: "Now is the time for all " under key 0123456789ABCDEF, in ECB
// (Table B1) and in CBC with IV 1234567890ABCDEF (Table C1), the chaining done here around
// the core as the ESP engine will do it.
BOOST_AUTO_TEST_CASE(fips81_ecb_and_cbc) {
  const Bytes key = from_hex("0123456789ABCDEF");
  const std::uint64_t plaintext[3] = {0x4E6F772069732074, 0x68652074696D6520, 0x666F7220616C6C20};
  const std::uint64_t ecb[3] = {0x3FA40E8A984D4815, 0x6A271787AB8883F9, 0x893D51EC4B563B53};
  const std::uint64_t cbc[3] = {0xE5C7CDDE872BF27C, 0x43E934008C389C0F, 0x683788499A7C05F6};
  const std::uint64_t iv = 0x1234567890ABCDEF;

  TdesDriver core("tdes_fips81");
  for (const Bytes& k : {key, repeated_three_times(key)}) {
    core.load_key(k);
    for (int i = 0; i < 3; ++i) {
      const std::string name = "FIPS 81 ECB block " + std::to_string(i + 1);
      check_block(core, k, false, plaintext[i], ecb[i], name);
      check_block(core, k, true, ecb[i], plaintext[i], name);
    }
    std::uint64_t chain = iv;
    for (int i = 0; i < 3; ++i) {
      const std::string name = "FIPS 81 CBC encrypt block " + std::to_string(i + 1);
      check_block(core, k, false, plaintext[i] ^ chain, cbc[i], name);
      chain = cbc[i];
    }
    chain = iv;
    for (int i = 0; i < 3; ++i) {
      const auto result = core.process(cbc[i], true);
      const std::uint64_t got = result.block ^ chain;
      BOOST_TEST(got == plaintext[i], "tdes_core FIPS 81 CBC decrypt block "
                                          << i + 1 << ": expected " << hex64(plaintext[i])
                                          << " got " << hex64(got));
      chain = cbc[i];
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
