// Drives esp_outbound_harness (esp_outbound + sa_table + cbc_cipher +
// hmac_engine + gcm_cipher): installs SA entries through the sa_table host
// port and streams packets through the command, data, output and status
// handshakes at once, with optional random idle/back-pressure on each.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "axis_packet.hpp"
#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"
#include "sa_image.hpp"

namespace ipsec_fpga::verif::esp_rtl {

struct OutboundCommand {
  unsigned sa = 0;
  Bytes data;                // the bytes sent on s_axis (tlast on the last one)
  std::uint16_t length = 0;  // the command's length (normally data.size())
  std::optional<Bytes> iv;   // explicit IV (published vectors)
  std::optional<std::uint8_t> next_header;
};

struct OutboundOutcome {
  bool emitted = false;  // a packet left on m_axis
  Bytes packet;
  bool discarded = false;  // tuser on its last beat
  unsigned code = 0;
  unsigned sa = 0;
  std::uint32_t spi = 0;
  std::uint64_t sequence = 0;
  unsigned length = 0;
  unsigned events = 0;
  std::uint64_t command_cycle = 0;  // edge the command was taken
  std::uint64_t status_cycle = 0;   // edge the status was taken
};

// Busy percentages (0..100) for each handshake the testbench drives.
struct OutboundJitter {
  unsigned command = 0;
  unsigned input = 0;
  unsigned output = 0;
  unsigned status = 0;
  unsigned grant = 0;  // cycles the arbiter withholds the grant of a new request
};

template <class Model>
class EspOutboundDriver {
 public:
  explicit EspOutboundDriver(const std::string& waveform_name) : model_(waveform_name) {
    auto& m = *model_;
    m.s_cmd_tvalid = 0;
    m.s_axis_tvalid = 0;
    m.m_axis_tready = 0;
    m.m_sts_tready = 0;
    m.host_req_valid = 0;
    m.now = 0;
    m.grant_allow = 1;
    model_.reset();
    // sa_table clears every entry after reset.
    for (unsigned i = 0; i < 100000 && m.sa_busy; ++i) model_.tick();
    if (m.sa_busy) throw std::runtime_error("sa_table still busy after reset");
  }

  ClockedModel<Model>& model() { return model_; }
  std::uint64_t cycle() const { return model_.cycle(); }

  void write_word(unsigned entry, unsigned word, std::uint32_t value) {
    auto& m = *model_;
    m.host_req_valid = 1;
    m.host_req_op = 1;
    m.host_req_entry = static_cast<std::uint8_t>(entry);
    m.host_req_word = static_cast<std::uint8_t>(word);
    m.host_req_wdata = value;
    for (unsigned i = 0;; ++i) {
      model_.settle();
      const bool taken = m.host_req_ready;
      model_.tick();
      if (taken) break;
      if (i > 1000) throw std::runtime_error("sa_table host port never ready");
    }
    m.host_req_valid = 0;
  }

  void write_entry(unsigned entry, const SaWords& words) {
    for (unsigned w = 0; w < words.size(); ++w) write_word(entry, w, words[w]);
  }

  std::uint32_t read_word(unsigned entry, unsigned word) {
    auto& m = *model_;
    m.host_req_valid = 1;
    m.host_req_op = 0;
    m.host_req_entry = static_cast<std::uint8_t>(entry);
    m.host_req_word = static_cast<std::uint8_t>(word);
    for (unsigned i = 0;; ++i) {
      model_.settle();
      const bool taken = m.host_req_ready;
      model_.tick();
      if (taken) break;
      if (i > 1000) throw std::runtime_error("sa_table host port never ready");
    }
    m.host_req_valid = 0;
    for (unsigned i = 0; i < 10; ++i) {
      model_.settle();
      if (m.host_rsp_valid) {
        const std::uint32_t value = m.host_rsp_rdata;
        model_.tick();
        return value;
      }
      model_.tick();
    }
    throw std::runtime_error("sa_table host read never answered");
  }

  SaWords read_entry(unsigned entry) {
    SaWords words{};
    for (unsigned w = 0; w < words.size(); ++w) words[w] = read_word(entry, w);
    return words;
  }

  // Streams `commands` through the module; `now` is 1000 + the index of the
  // packet whose command was taken last. Returns one outcome per command.
  std::vector<OutboundOutcome> run(const std::vector<OutboundCommand>& commands,
                                   const OutboundJitter& jitter, std::mt19937_64& rng,
                                   std::uint64_t max_cycles = 0) {
    auto& m = *model_;
    HandshakeJitter cmd_j(rng, jitter.command), in_j(rng, jitter.input), out_j(rng, jitter.output),
        sts_j(rng, jitter.status), grant_j(rng, jitter.grant);
    std::deque<AxisBeat> beats;
    for (const auto& c : commands)
      if (!c.data.empty())
        for (const auto& b : to_beats(c.data)) beats.push_back(b);
    std::vector<OutboundOutcome> outcomes(commands.size());
    std::size_t next_cmd = 0, next_status = 0;
    std::deque<std::pair<Bytes, bool>> finished;  // output packets not matched to a status yet
    AxisCollector collector;
    bool collecting_user = false;
    std::uniform_int_distribution<std::uint32_t> junk;
    if (max_cycles == 0) max_cycles = 200000 + 80000ull * commands.size();
    const std::uint64_t start = model_.cycle();

    while (next_status < commands.size()) {
      if (model_.cycle() - start > max_cycles)
        throw std::runtime_error("esp_outbound: timeout waiting for status of packet " +
                                 std::to_string(next_status));
      // Inputs for this cycle.
      const bool offer_cmd = next_cmd < commands.size() && cmd_j.offer();
      m.s_cmd_tvalid = offer_cmd;
      if (next_cmd < commands.size()) {
        const auto& c = commands[next_cmd];
        m.s_cmd_sa = static_cast<std::uint8_t>(c.sa);
        m.s_cmd_length = c.length;
        m.s_cmd_iv_valid = c.iv.has_value();
        Bytes iv = c.iv.value_or(Bytes{});
        iv.resize(16, 0);
        store_be(m.s_cmd_iv, iv.data(), iv.size());
        m.s_cmd_next_header_valid = c.next_header.has_value();
        m.s_cmd_next_header = c.next_header.value_or(0);
      }
      const bool offer_in = !beats.empty() && in_j.offer();
      m.s_axis_tvalid = offer_in;
      if (offer_in) {
        m.s_axis_tdata = beats.front().data;
        m.s_axis_tkeep = static_cast<std::uint8_t>(beats.front().keep);
        m.s_axis_tlast = beats.front().last;
      } else {
        m.s_axis_tdata = junk(rng);
        m.s_axis_tlast = 0;
      }
      m.m_axis_tready = out_j.offer();
      m.m_sts_tready = sts_j.offer();
      m.grant_allow = grant_j.offer();
      model_.settle();
      if (m.grant_violation)
        throw std::runtime_error("esp_outbound drives a unit or the memory without the grant");

      // Handshakes of this edge.
      if (offer_cmd && m.s_cmd_tready) {
        outcomes[next_cmd].command_cycle = model_.cycle() + 1;
      }
      const bool cmd_taken = offer_cmd && m.s_cmd_tready;
      if (offer_in && m.s_axis_tready) beats.pop_front();
      if (m.m_axis_tvalid && m.m_axis_tready) {
        if (m.m_axis_tlast) collecting_user = m.m_axis_tuser;
        if (collector.add({m.m_axis_tdata, m.m_axis_tkeep, static_cast<bool>(m.m_axis_tlast)}))
          finished.emplace_back(collector.take(), collecting_user);
      }
      if (m.m_sts_tvalid && m.m_sts_tready) {
        auto& o = outcomes[next_status];
        o.code = m.m_sts_code;
        o.sa = m.m_sts_sa;
        o.spi = m.m_sts_spi;
        o.sequence = m.m_sts_sequence;
        o.length = m.m_sts_length;
        o.events = m.m_sts_events;
        o.status_cycle = model_.cycle() + 1;
        if (!finished.empty()) {
          o.emitted = true;
          o.packet = std::move(finished.front().first);
          o.discarded = finished.front().second;
          finished.pop_front();
        }
        ++next_status;
      }
      model_.tick();
      if (cmd_taken) {
        m.now = 1000 + static_cast<std::uint32_t>(next_cmd);
        ++next_cmd;
      }
    }
    m.s_cmd_tvalid = 0;
    m.s_axis_tvalid = 0;
    m.m_axis_tready = 0;
    m.m_sts_tready = 0;
    m.grant_allow = 1;
    if (!finished.empty() || !collector.empty())
      throw std::runtime_error("esp_outbound: output packet without a status");
    if (!beats.empty()) throw std::runtime_error("esp_outbound: input beats left over");
    return outcomes;
  }

 private:
  ClockedModel<Model> model_;
};

}  // namespace ipsec_fpga::verif::esp_rtl
