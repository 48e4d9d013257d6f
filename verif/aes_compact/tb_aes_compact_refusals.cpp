// What only the compact core does: it refuses AES-192. Every other test case
// of tb_aes_core_compact is aes_core's own (verif/aes/tb_aes_core_*.cpp, run
// on Vaes_core_compact through verif/aes/aes_models.hpp).
#include <boost/test/unit_test.hpp>

#include "aes_core_driver.hpp"
#include "aes_models.hpp"
#include "aes_reference.hpp"

using namespace ipsec_fpga::verif;

namespace {

Bytes counting_bytes(std::size_t count, std::uint8_t first) {
  Bytes bytes(count);
  for (std::size_t i = 0; i < count; ++i) bytes[i] = static_cast<std::uint8_t>(first + 7 * i);
  return bytes;
}

}  // namespace

// AES-192 (and key_size 3) are not built into the compact core: such a key
// leaves key_ready low and no block is taken, until a supported key arrives.
BOOST_AUTO_TEST_CASE(compact_refuses_aes192) {
  AesCoreDriver<Vaes_core_compact> core("aes_core_compact_aes192_refused");
  auto& model = core.model();
  core.load_key(counting_bytes(16, 1));
  core.strobe_key_load(counting_bytes(24, 2));
  model->s_axis_tvalid = 1;
  for (int i = 0; i < 300; ++i) {
    model.settle();
    BOOST_TEST_REQUIRE(!model->key_ready, "aes_core_compact: key_ready high for an AES-192 key");
    BOOST_TEST_REQUIRE(!model->s_axis_tready, "aes_core_compact: ready under an AES-192 key");
    model.tick();
  }
  model->s_axis_tvalid = 0;
  const Bytes key = counting_bytes(32, 3);
  BOOST_TEST(core.load_key(key) == AesCompactCycles::key_setup(32));
  const Bytes block = counting_bytes(16, 4);
  BOOST_TEST(core.process_block(block, false).first == aes_ecb_reference(key, block, false));
}
