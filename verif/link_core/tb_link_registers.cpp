// link_registers alone (rtl/link/link_registers.v), with CLOCK_HZ = 10 so the
// time base's seconds can be watched: each register's value and result
// code, writes, counter clears and the seconds counter. The whole core's
// testbench (tb_link_core.cpp) checks the same map over the link.
#define BOOST_TEST_MODULE link_registers
#include <boost/test/unit_test.hpp>

#include "Vlink_registers.h"
#include "clocked_model.hpp"
#include "link/host_link_layout.hpp"

namespace ipsec_fpga::verif {
namespace {

namespace regs = host_link::layout::registers;
namespace result = host_link::layout::values::result;

struct Registers {
  Registers() : model("link_registers") {
    model->ciphers = 0x39;
    model->integrities = 0x5;
    model->frame_sent = 0;
    model->req_valid = 0;
    model.reset();
  }
  // One access: the response is sampled in the request's cycle.
  std::pair<unsigned, std::uint32_t> access(bool write, unsigned address, std::uint32_t value = 0) {
    model->req_valid = 1;
    model->req_write = write;
    model->req_address = static_cast<std::uint16_t>(address);
    model->req_wdata = value;
    model.settle();
    const std::pair<unsigned, std::uint32_t> response{model->rsp_result, model->rsp_value};
    model.tick();
    model->req_valid = 0;
    return response;
  }
  ClockedModel<Vlink_registers> model;
};

BOOST_AUTO_TEST_CASE(identification_and_result_codes) {
  Registers r;
  BOOST_TEST(r.access(false, regs::protocol_version.address).second ==
             host_link::layout::protocol_version);
  BOOST_TEST(r.access(false, regs::clock_hz.address).second == 10u);
  BOOST_TEST(r.access(false, regs::ciphers.address).second == 0x39u);
  BOOST_TEST(r.access(false, regs::integrities.address).second == 0x5u);
  BOOST_TEST(r.access(false, regs::sa_entries.address).second == 64u);
  BOOST_TEST(r.access(false, regs::max_payload.address).second == host_link::layout::max_payload);
  const auto bad = r.access(false, 0x0100);
  BOOST_TEST(bad.first == result::bad_address);
  BOOST_TEST(bad.second == 0u);
  BOOST_TEST(r.access(true, 0x0100, 5).first == result::bad_address);
  const auto read_only = r.access(true, regs::clock_hz.address, 77);
  BOOST_TEST(read_only.first == result::read_only);
  BOOST_TEST(read_only.second == 10u, "a refused write answers the unchanged value");
  BOOST_TEST(r.access(true, regs::scratch.address, 0xdeadbeef).second == 0xdeadbeefu);
  BOOST_TEST(r.access(false, regs::scratch.address).second == 0xdeadbeefu);
}

BOOST_AUTO_TEST_CASE(time_counts_seconds_from_the_written_value) {
  Registers r;
  r.access(true, regs::time.address, 1000);  // restarts the second
  for (unsigned i = 0; i < 9; ++i) r.model.tick();
  BOOST_TEST(r.access(false, regs::time.address).second == 1000u);  // 10th cycle of the second
  BOOST_TEST(r.access(false, regs::time.address).second == 1001u);
  for (unsigned i = 0; i < 10 * 5 - 1; ++i) r.model.tick();
  BOOST_TEST(r.model->now == 1006u);
}

BOOST_AUTO_TEST_CASE(counters_clear_on_write) {
  Registers r;
  r.model->rx_crc_errors = 12;
  r.model->frame_sent = 1;
  for (unsigned i = 0; i < 3; ++i) r.model.tick();
  r.model->frame_sent = 0;
  BOOST_TEST(r.access(false, regs::tx_frames.address).second == 3u);
  BOOST_TEST(r.access(false, regs::rx_crc_errors.address).second == 12u);
  const auto cleared = r.access(true, regs::rx_crc_errors.address, 99);
  BOOST_TEST(cleared.first == result::ok);
  BOOST_TEST(cleared.second == 0u);
  BOOST_TEST(unsigned{r.model->clear_counters} == 0b10u, "the clear pulse for rx_crc_errors");
  r.model.tick();
  BOOST_TEST(unsigned{r.model->clear_counters} == 0u, "one cycle only");
  BOOST_TEST(r.access(true, regs::tx_frames.address, 1).second == 0u);
  BOOST_TEST(r.access(false, regs::tx_frames.address).second == 0u);
}

}  // namespace
}  // namespace ipsec_fpga::verif
