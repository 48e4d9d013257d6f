// The host's side of the link protocol for the core testbenches: register,
// SA and packet requests through IpsecFpgaCoreDriver, responses decoded.
// Shared by tb_link_core (default build) and tb_link_core_small.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ipsec_fpga_core_driver.hpp"
#include "sa_image.hpp"
#include "suite.hpp"

namespace ipsec_fpga::verif::link_core {

namespace fields = layout::fields;
namespace values = layout::values;
using FT = layout::FrameType;
using esp_rtl::SaWords;

struct PacketResult {
  unsigned direction = 0, code = 0, sa = 0, length = 0, events = 0;
  std::uint32_t spi = 0;
  std::uint64_t sequence = 0;
  unsigned credit_tag = 0, credit_packets = 0;
  std::uint32_t credit_bytes = 0;
  Bytes bytes;
  std::uint64_t cycle = 0;
};

inline std::string suite_name(const esp::Suite& suite) {
  return std::string(esp::to_string(suite.cipher)) + "+" +
         std::string(esp::to_string(suite.integrity));
}

// The host's side of the protocol on top of the driver: requests and their
// responses, decoded into numbers.
template <class Model>
class HostBoard {
 public:
  HostBoard(const std::string& name, std::uint64_t seed, unsigned busy_percent = 0)
      : core(name, seed, busy_percent) {
    reset_credit = std::get<Frame>(
        core.wait_for([](const Frame& f) { return f.type == FT::credit; }, 10'000, "reset credit")
            .result);
  }

  std::pair<unsigned, std::uint32_t> reg_read(std::uint16_t address) {
    Bytes payload;
    put(payload, fields::reg_read::address, address);
    const Frame r = core.request({FT::reg_read, 0, payload});
    BOOST_TEST(field(r.payload, fields::reg_read_response::address) == address);
    return {static_cast<unsigned>(field(r.payload, fields::reg_read_response::result)),
            static_cast<std::uint32_t>(field(r.payload, fields::reg_read_response::value))};
  }

  std::pair<unsigned, std::uint32_t> reg_write(std::uint16_t address, std::uint32_t value) {
    Bytes payload;
    put(payload, fields::reg_write::address, address);
    put(payload, fields::reg_write::value, value);
    const Frame r = core.request({FT::reg_write, 0, payload});
    BOOST_TEST(field(r.payload, fields::reg_write_response::address) == address);
    return {static_cast<unsigned>(field(r.payload, fields::reg_write_response::result)),
            static_cast<std::uint32_t>(field(r.payload, fields::reg_write_response::value))};
  }

  Frame sa_write_frame(unsigned entry, unsigned first, const std::vector<std::uint32_t>& words) {
    Bytes payload;
    put(payload, fields::sa_write::entry, entry);
    put(payload, fields::sa_write::first_word, first);
    for (const std::uint32_t word : words) {
      const Bytes be = store_be_u64(word, 4);
      payload.insert(payload.end(), be.begin(), be.end());
    }
    return {FT::sa_write, 0, payload};
  }

  // Returns (result, words written).
  std::pair<unsigned, unsigned> sa_write(unsigned entry, unsigned first,
                                         const std::vector<std::uint32_t>& words) {
    const Frame r = core.request(sa_write_frame(entry, first, words));
    BOOST_TEST(field(r.payload, fields::sa_write_response::entry) == entry);
    BOOST_TEST(field(r.payload, fields::sa_write_response::first_word) == first);
    return {static_cast<unsigned>(field(r.payload, fields::sa_write_response::result)),
            static_cast<unsigned>(field(r.payload, fields::sa_write_response::words))};
  }

  // For EngineSaPairs: the whole entry in one frame.
  void write_entry(unsigned entry, const SaWords& words) {
    const auto [result, written] = sa_write(entry, 0, {words.begin(), words.end()});
    BOOST_TEST_REQUIRE(result == values::result::ok);
    BOOST_TEST(written == words.size());
  }

  // Returns (result, words read).
  std::pair<unsigned, std::vector<std::uint32_t>> sa_read(unsigned entry, unsigned first,
                                                          unsigned count) {
    Bytes payload;
    put(payload, fields::sa_read::entry, entry);
    put(payload, fields::sa_read::first_word, first);
    put(payload, fields::sa_read::words, count);
    const Frame r = core.request({FT::sa_read, 0, payload});
    BOOST_TEST(field(r.payload, fields::sa_read_response::entry) == entry);
    BOOST_TEST(field(r.payload, fields::sa_read_response::first_word) == first);
    const Bytes bytes = tail(r.payload, fields::sa_read_response::words);
    std::vector<std::uint32_t> words;
    for (std::size_t i = 0; i + 4 <= bytes.size(); i += 4)
      words.push_back(static_cast<std::uint32_t>(load_be_u64(&bytes[i], 4)));
    return {static_cast<unsigned>(field(r.payload, fields::sa_read_response::result)), words};
  }

  unsigned sa_erase(unsigned entry) {
    Bytes payload;
    put(payload, fields::sa_erase::entry, entry);
    const Frame r = core.request({FT::sa_erase, 0, payload});
    BOOST_TEST(field(r.payload, fields::sa_erase_response::entry) == entry);
    return static_cast<unsigned>(field(r.payload, fields::sa_erase_response::result));
  }

  // Sends a packet_submit; returns its tag.
  std::uint8_t submit(unsigned direction, unsigned selector, const Bytes& packet) {
    Bytes payload;
    put(payload, fields::packet_submit::direction, direction);
    put(payload, fields::packet_submit::selector, selector);
    payload.insert(payload.end(), packet.begin(), packet.end());
    const std::uint8_t tag = core.next_tag();
    core.send({FT::packet_submit, tag, payload});
    return tag;
  }

  PacketResult result(std::uint8_t tag, std::uint64_t max_cycles = 400'000) {
    const Received r =
        core.wait_for([&](const Frame& f) { return f.type == FT::packet_result && f.tag == tag; },
                      max_cycles, "packet_result for tag " + std::to_string(tag));
    const Bytes& p = std::get<Frame>(r.result).payload;
    namespace pr = fields::packet_result;
    PacketResult out;
    out.direction = static_cast<unsigned>(field(p, pr::direction));
    out.code = static_cast<unsigned>(field(p, pr::code));
    out.sa = static_cast<unsigned>(field(p, pr::sa));
    out.spi = static_cast<std::uint32_t>(field(p, pr::spi));
    out.sequence = field(p, pr::sequence);
    out.length = static_cast<unsigned>(field(p, pr::length));
    out.events = static_cast<unsigned>(field(p, pr::events));
    out.credit_tag = static_cast<unsigned>(field(p, pr::credit_tag));
    out.credit_packets = static_cast<unsigned>(field(p, pr::credit_packets));
    out.credit_bytes = static_cast<std::uint32_t>(field(p, pr::credit_bytes));
    out.bytes = tail(p, pr::bytes);
    out.cycle = r.cycle;
    BOOST_TEST(out.length == out.bytes.size(), "packet_result length field vs its bytes");
    return out;
  }

  PacketResult process(unsigned direction, unsigned selector, const Bytes& packet) {
    return result(submit(direction, selector, packet));
  }

  // No frame waiting that the test did not take (link_error frames included).
  void expect_nothing_else() {
    core.run(200);
    BOOST_TEST(core.received.empty(), core.received.size() << " unexpected frames/errors");
  }

  IpsecFpgaCoreDriver<Model> core;
  Frame reset_credit;
};

}  // namespace ipsec_fpga::verif::link_core
