// esp_outbound with HAS_GCM = 0: CBC/NULL suites still right (a short random
// mix with jitter), AES-GCM entries refused as no_sa, nothing emitted.
#define BOOST_TEST_MODULE esp_outbound_no_gcm
#include <boost/test/unit_test.hpp>

#include "Vesp_outbound_harness_no_gcm.h"
#include "esp_outbound_driver.hpp"
#include "outbound_oracle.hpp"

namespace ipsec_fpga::verif::esp_rtl {
namespace {

using Driver = EspOutboundDriver<Vesp_outbound_harness_no_gcm>;

BOOST_AUTO_TEST_CASE(cbc_suites_work_and_gcm_is_refused) {
  std::mt19937_64 rng(5);
  Driver driver("esp_outbound_no_gcm");
  OutboundOracle oracle;
  unsigned index = 1;
  std::vector<unsigned> good;
  for (const esp::Suite& suite : esp::engine_suites()) {
    esp::SaEntry& e = oracle.install(
        index, random_sa(rng, suite, index % 2 ? esp::Mode::tunnel : esp::Mode::transport,
                         static_cast<esp::Encapsulation>(index % 3), index % 4 == 0));
    driver.write_entry(index, sa_image(e));
    if (!esp::properties(suite.cipher).aead) good.push_back(index);
    ++index;
  }
  std::vector<OutboundCommand> commands;
  std::vector<OutboundExpected> want;
  for (int i = 0; i < 300; ++i) {
    const unsigned sa = 1 + static_cast<unsigned>(rng() % (index - 1));
    const esp::SaEntry& e = oracle.entry(sa);
    const std::size_t size = rng() % 300;
    Bytes data =
        e.sa.mode == esp::Mode::tunnel ? random_bytes(rng, size) : random_ipv4_packet(rng, 5, size);
    OutboundCommand c{sa, data, static_cast<std::uint16_t>(data.size()), {}, {}};
    if (esp::properties(e.sa.suite.cipher).aead) {
      OutboundExpected x;
      x.status = esp::EspStatus::no_sa;
      want.push_back(x);
    } else {
      want.push_back(oracle.predict(c));
    }
    commands.push_back(std::move(c));
  }
  const auto got = driver.run(commands, {30, 30, 30, 30, 30}, rng);
  for (std::size_t i = 0; i < got.size(); ++i)
    check_outcome(got[i], want[i], "HAS_GCM=0 packet " + std::to_string(i));
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp_rtl
