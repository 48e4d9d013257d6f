// Drives the esp_inbound harness (esp_inbound + sa_table + cbc_cipher +
// hmac_engine) through its real ports: SA entries through sa_table's host
// port, then any number of packets with their commands, the output stream
// and the status channel on independent handshakes, each with optional
// random idle cycles / back-pressure (HandshakeJitter), counting every clock.
#pragma once

#include <cstdint>
#include <deque>
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

// One packet as the testbench presents it: the bytes on the stream (with
// their own tlast), the command's length and form.
struct InboundPacket {
  Bytes bytes;
  unsigned encapsulation = 0;  // 0 bare ESP, 1 IPv4, 2 IPv4 + UDP
  // Framing faults: the command says `bytes.size() + length_delta` bytes.
  int length_delta = 0;
};

struct InboundResult {
  unsigned code = 0;
  unsigned sa = 0;
  std::uint32_t spi = 0;
  std::uint64_t sequence = 0;
  unsigned length = 0;
  unsigned events = 0;
  Bytes output;                    // the bytes emitted before this status
  std::uint64_t command_edge = 0;  // cycle of the command handshake
  std::uint64_t first_in_edge = 0;
  std::uint64_t status_edge = 0;  // cycle of the status handshake
  std::uint64_t last_out_edge = 0;
};

struct InboundJitter {
  unsigned command = 0;  // % of cycles the command valid is withheld
  unsigned input = 0;    // % of cycles s_axis_tvalid is withheld
  unsigned output = 0;   // % of cycles m_axis_tready is low
  unsigned status = 0;   // % of cycles m_sts_tready is low
};

template <class Model>
class EspInboundDriver {
 public:
  explicit EspInboundDriver(const std::string& waveform_name, std::uint64_t seed = 1)
      : model_(waveform_name), rng_(seed) {
    clear_inputs();
    model_.reset();
    wait_table_ready();
  }

  ClockedModel<Model>& model() { return model_; }
  std::uint64_t cycle() const { return model_.cycle(); }

  void install(unsigned index, const SaWords& words) {
    for (unsigned w = 0; w < words.size(); ++w) host_request(1, index, w, words[w]);
  }

  SaWords read_entry(unsigned index) {
    SaWords words{};
    for (unsigned w = 0; w < words.size(); ++w) words[w] = host_request(0, index, w, 0);
    return words;
  }

  // Streams all packets (commands, data, output, statuses at once) and
  // returns one result per packet, in order. Throws if nothing moves for
  // `stall_limit` cycles.
  std::vector<InboundResult> run(const std::vector<InboundPacket>& packets,
                                 const InboundJitter& jitter = {},
                                 std::uint64_t stall_limit = 200000) {
    HandshakeJitter cmd_j(rng_, jitter.command), in_j(rng_, jitter.input),
        out_j(rng_, jitter.output), sts_j(rng_, jitter.status);
    struct Beat {
      AxisBeat beat;
      std::size_t packet;
      bool first;
    };
    std::deque<Beat> beats;
    for (std::size_t p = 0; p < packets.size(); ++p) {
      const auto b = to_beats(packets[p].bytes);
      for (std::size_t i = 0; i < b.size(); ++i) beats.push_back({b[i], p, i == 0});
    }
    std::vector<InboundResult> results(packets.size());
    std::size_t next_cmd = 0, next_sts = 0;
    AxisCollector collector;
    Bytes pending_output;
    std::uint64_t pending_last_out = 0;
    bool cmd_valid = false, in_valid = false;
    std::uint64_t idle = 0;
    auto& m = *model_;
    while (next_sts < packets.size()) {
      if (!cmd_valid && next_cmd < packets.size()) cmd_valid = cmd_j.offer();
      if (!in_valid && !beats.empty()) in_valid = in_j.offer();
      m.now = static_cast<std::uint32_t>(model_.cycle());
      m.s_cmd_tvalid = cmd_valid;
      if (next_cmd < packets.size()) {
        const auto& p = packets[next_cmd];
        m.s_cmd_length =
            static_cast<std::uint16_t>(static_cast<int>(p.bytes.size()) + p.length_delta);
        m.s_cmd_encapsulation = static_cast<std::uint8_t>(p.encapsulation);
      }
      m.s_axis_tvalid = in_valid;
      if (!beats.empty()) {
        m.s_axis_tdata = beats.front().beat.data;
        m.s_axis_tkeep = static_cast<std::uint8_t>(beats.front().beat.keep);
        m.s_axis_tlast = beats.front().beat.last;
      } else {
        m.s_axis_tdata = 0xdeadbeef;  // junk while not valid
      }
      m.m_axis_tready = out_j.offer();
      m.m_sts_tready = sts_j.offer();
      model_.settle();
      const bool cmd_take = m.s_cmd_tvalid && m.s_cmd_tready;
      const bool in_take = m.s_axis_tvalid && m.s_axis_tready;
      const bool out_take = m.m_axis_tvalid && m.m_axis_tready;
      const bool sts_take = m.m_sts_tvalid && m.m_sts_tready;
      if (out_take && m.m_axis_tuser) throw std::runtime_error("esp_inbound: tuser set");
      AxisBeat out{m.m_axis_tdata, m.m_axis_tkeep, m.m_axis_tlast != 0};
      InboundResult sts;
      sts.code = m.m_sts_code;
      sts.sa = m.m_sts_sa;
      sts.spi = m.m_sts_spi;
      sts.sequence = m.m_sts_sequence;
      sts.length = m.m_sts_length;
      sts.events = m.m_sts_events;
      model_.tick();
      const std::uint64_t edge = model_.cycle();
      if (cmd_take) {
        results[next_cmd].command_edge = edge;
        ++next_cmd;
        cmd_valid = false;
      }
      if (in_take) {
        if (beats.front().first) results[beats.front().packet].first_in_edge = edge;
        beats.pop_front();
        in_valid = false;
      }
      if (out_take) {
        if (collector.add(out)) {
          if (!pending_output.empty())
            throw std::runtime_error("esp_inbound: two output packets before one status");
          pending_output = collector.take();
          pending_last_out = edge;
        }
      }
      if (sts_take) {
        if (!collector.empty()) throw std::runtime_error("esp_inbound: status inside a packet");
        sts.command_edge = results[next_sts].command_edge;
        sts.first_in_edge = results[next_sts].first_in_edge;
        sts.output = std::move(pending_output);
        pending_output.clear();
        sts.status_edge = edge;
        sts.last_out_edge = pending_last_out;
        results[next_sts] = std::move(sts);
        ++next_sts;
      }
      idle = (cmd_take || in_take || out_take || sts_take) ? 0 : idle + 1;
      if (idle > stall_limit)
        throw std::runtime_error("esp_inbound: no progress for " + std::to_string(stall_limit) +
                                 " cycles (packet " + std::to_string(next_sts) + ")");
    }
    m.s_cmd_tvalid = 0;
    m.s_axis_tvalid = 0;
    if (!beats.empty()) throw std::runtime_error("esp_inbound: input beats left over");
    return results;
  }

 private:
  void clear_inputs() {
    auto& m = *model_;
    m.s_cmd_tvalid = 0;
    m.s_axis_tvalid = 0;
    m.m_axis_tready = 0;
    m.m_sts_tready = 0;
    m.host_req_valid = 0;
  }

  void wait_table_ready() {
    for (int i = 0; i < 100000 && model_->table_busy; ++i) model_.tick();
  }

  std::uint32_t host_request(unsigned op, unsigned entry, unsigned word, std::uint32_t data) {
    auto& m = *model_;
    m.host_req_valid = 1;
    m.host_req_op = static_cast<std::uint8_t>(op);
    m.host_req_entry = static_cast<std::uint8_t>(entry);
    m.host_req_word = static_cast<std::uint8_t>(word);
    m.host_req_wdata = data;
    for (;;) {
      model_.settle();
      const bool taken = m.host_req_ready;
      model_.tick();
      if (taken) break;
    }
    m.host_req_valid = 0;
    if (op != 0) return 0;
    for (int i = 0; i < 10; ++i) {
      model_.settle();
      if (m.host_rsp_valid) {
        const std::uint32_t value = m.host_rsp_rdata;
        model_.tick();
        return value;
      }
      model_.tick();
    }
    throw std::runtime_error("sa_table host read: no response");
  }

  ClockedModel<Model> model_;
  std::mt19937_64 rng_;
};

}  // namespace ipsec_fpga::verif::esp_rtl
