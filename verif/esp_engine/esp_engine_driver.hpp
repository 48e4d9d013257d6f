// Drives a Verilated esp_engine cycle by cycle: the SA table's host port,
// and both directions' command, data and status channels at once, with
// optional random idle cycles and back-pressure on every handshake. Packets
// are queued per direction and run concurrently, as a board's LAN and WAN
// sides would feed them; every result carries the clock edges it took.
// Used by the engine testbench and by ipsec-fpga-esp-bench.
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

struct OutboundJob {
  unsigned sa = 0;
  Bytes inner;
  std::optional<Bytes> iv;                  // explicit IV (published vectors only)
  std::optional<std::uint8_t> next_header;  // override (published vectors only)
};

struct InboundJob {
  Bytes packet;
  unsigned encapsulation = 0;  // the form it arrived in (sa_layout encapsulation values)
};

struct EngineResult {
  unsigned code = 0;  // EspStatus order
  unsigned sa = 0;
  std::uint32_t spi = 0;
  std::uint64_t sequence = 0;
  unsigned length = 0;
  unsigned events = 0;
  Bytes packet;                     // what the direction emitted for this command
  bool discard = false;             // outbound: tuser on the last beat
  std::uint64_t command_cycle = 0;  // edge that took the command
  std::uint64_t status_cycle = 0;   // edge that took the status
};

// Assigns to a Verilated port of whatever width it has.
template <class Port, class Value>
void drive(Port& port, Value value) {
  port = static_cast<Port>(value);
}

template <class Model>
class EspEngineDriver {
 public:
  // `busy_percent`: how often each testbench-side valid/ready is withheld.
  EspEngineDriver(const std::string& waveform_name, std::uint64_t seed, unsigned busy_percent = 0)
      : model_(waveform_name), rng_(seed), jitter_(rng_, busy_percent) {
    model_->now = 0;
    model_.reset();
    // The table zeroes itself after reset (SPRAM keeps contents over it).
    while (model_->sa_table_busy) model_.tick();
  }

  Model& model() { return *model_; }
  std::uint64_t cycle() const { return model_.cycle(); }
  void set_now(std::uint32_t now) { model_->now = now; }

  // ---------------- host port (idle traffic lanes while it runs) ----------------
  void write_entry(unsigned entry, const SaWords& words) {
    for (unsigned word = 0; word < words.size(); ++word) host_request(1, entry, word, words[word]);
  }
  void erase_entry(unsigned entry) {
    host_request(2, entry, 0, 0);
    while (model_->sa_table_busy) step();
  }
  SaWords read_entry(unsigned entry) {
    SaWords words{};
    for (unsigned word = 0; word < words.size(); ++word) words[word] = host_read(entry, word);
    return words;
  }

  // ---------------- traffic ----------------
  void submit(const OutboundJob& job) {
    out_cmds_.push_back(job);
    for (const auto& beat : to_beats(job.inner)) out_beats_.push_back(beat);
    ++out_pending_;
  }
  void submit(const InboundJob& job) {
    in_cmds_.push_back(job);
    for (const auto& beat : to_beats(job.packet)) in_beats_.push_back(beat);
    ++in_pending_;
  }

  // Clocks until every submitted packet has its status; throws if that takes
  // more than `max_cycles`.
  void run(std::uint64_t max_cycles) {
    const std::uint64_t limit = model_.cycle() + max_cycles;
    while (out_pending_ != 0 || in_pending_ != 0) {
      if (model_.cycle() >= limit)
        throw std::runtime_error("esp_engine: " + std::to_string(out_pending_) + " outbound and " +
                                 std::to_string(in_pending_) +
                                 " inbound packets unfinished after " + std::to_string(max_cycles) +
                                 " cycles");
      step();
    }
  }

  // Packets emitted that no status has claimed (must be none after run()).
  std::size_t unclaimed_packets() const { return out_packets_.size() + in_packets_.size(); }

  std::deque<EngineResult> outbound_results;
  std::deque<EngineResult> inbound_results;

 private:
  template <class Port>
  static void set_iv(Port& port, const std::optional<Bytes>& iv) {
    Bytes bytes = iv.value_or(Bytes(16, 0));
    bytes.resize(16, 0);
    store_be(port, bytes.data(), 16);
  }

  // One clock: drive every channel, settle, note the handshakes, take the edge.
  void step() {
    Model& m = *model_;
    const bool offer_out_cmd = !out_cmds_.empty() && jitter_.offer();
    const bool offer_out_beat = !out_beats_.empty() && jitter_.offer();
    const bool offer_in_cmd = !in_cmds_.empty() && jitter_.offer();
    const bool offer_in_beat = !in_beats_.empty() && jitter_.offer();
    m.out_cmd_tvalid = offer_out_cmd;
    if (!out_cmds_.empty()) {
      const OutboundJob& job = out_cmds_.front();
      drive(m.out_cmd_sa, job.sa);
      drive(m.out_cmd_length, job.inner.size());
      m.out_cmd_iv_valid = job.iv.has_value();
      set_iv(m.out_cmd_iv, job.iv);
      m.out_cmd_next_header_valid = job.next_header.has_value();
      m.out_cmd_next_header = job.next_header.value_or(0);
    }
    m.out_s_axis_tvalid = offer_out_beat;
    if (!out_beats_.empty())
      drive_beat(m.out_s_axis_tdata, m.out_s_axis_tkeep, m.out_s_axis_tlast, out_beats_.front());
    m.in_cmd_tvalid = offer_in_cmd;
    if (!in_cmds_.empty()) {
      drive(m.in_cmd_length, in_cmds_.front().packet.size());
      drive(m.in_cmd_encapsulation, in_cmds_.front().encapsulation);
    }
    m.in_s_axis_tvalid = offer_in_beat;
    if (!in_beats_.empty())
      drive_beat(m.in_s_axis_tdata, m.in_s_axis_tkeep, m.in_s_axis_tlast, in_beats_.front());
    m.out_m_axis_tready = jitter_.offer();
    m.out_sts_tready = jitter_.offer();
    m.in_m_axis_tready = jitter_.offer();
    m.in_sts_tready = jitter_.offer();
    m.host_req_valid = 0;
    model_.settle();

    const std::uint64_t edge = model_.cycle() + 1;
    if (offer_out_cmd && m.out_cmd_tready) {
      out_commands_taken_.push_back(edge);
      out_cmds_.pop_front();
    }
    if (offer_out_beat && m.out_s_axis_tready) out_beats_.pop_front();
    if (offer_in_cmd && m.in_cmd_tready) {
      in_commands_taken_.push_back(edge);
      in_cmds_.pop_front();
    }
    if (offer_in_beat && m.in_s_axis_tready) in_beats_.pop_front();
    if (m.out_m_axis_tvalid && m.out_m_axis_tready) {
      if (out_collector_.add({m.out_m_axis_tdata, m.out_m_axis_tkeep, m.out_m_axis_tlast != 0}))
        out_packets_.push_back({out_collector_.take(), m.out_m_axis_tuser != 0});
    }
    if (m.in_m_axis_tvalid && m.in_m_axis_tready) {
      if (in_collector_.add({m.in_m_axis_tdata, m.in_m_axis_tkeep, m.in_m_axis_tlast != 0}))
        in_packets_.push_back({in_collector_.take(), false});
    }
    if (m.out_sts_tvalid && m.out_sts_tready)
      finish(outbound_results, out_packets_, out_commands_taken_, out_pending_, edge,
             m.out_sts_code, m.out_sts_sa, m.out_sts_spi, m.out_sts_sequence, m.out_sts_length,
             m.out_sts_events, "outbound");
    if (m.in_sts_tvalid && m.in_sts_tready)
      finish(inbound_results, in_packets_, in_commands_taken_, in_pending_, edge, m.in_sts_code,
             m.in_sts_sa, m.in_sts_spi, m.in_sts_sequence, m.in_sts_length, m.in_sts_events,
             "inbound");
    model_.tick();
  }

  template <class Data, class Keep, class Last>
  static void drive_beat(Data& data, Keep& keep, Last& last, const AxisBeat& beat) {
    drive(data, beat.data);
    drive(keep, beat.keep);
    drive(last, beat.last);
  }

  struct Emitted {
    Bytes packet;
    bool discard;
  };

  // A status ends its packet: the emitted bytes (if its length says some
  // were emitted) belong to it.
  void finish(std::deque<EngineResult>& results, std::deque<Emitted>& packets,
              std::deque<std::uint64_t>& commands, unsigned& pending, std::uint64_t edge,
              unsigned code, unsigned sa, std::uint32_t spi, std::uint64_t sequence,
              unsigned length, unsigned events, const char* direction) {
    EngineResult result;
    result.code = code;
    result.sa = sa;
    result.spi = spi;
    result.sequence = sequence;
    result.length = length;
    result.events = events;
    if (commands.empty())
      throw std::runtime_error(std::string("esp_engine: ") + direction +
                               " status before its command was taken");
    result.command_cycle = commands.front();
    commands.pop_front();
    result.status_cycle = edge;
    if (length != 0) {
      if (packets.empty())
        throw std::runtime_error(std::string("esp_engine: ") + direction + " status says " +
                                 std::to_string(length) + " bytes, but no packet was emitted");
      result.packet = std::move(packets.front().packet);
      result.discard = packets.front().discard;
      packets.pop_front();
    }
    results.push_back(std::move(result));
    if (pending == 0)
      throw std::runtime_error(std::string("esp_engine: ") + direction +
                               " status without a packet");
    --pending;
  }

  void host_request(unsigned op, unsigned entry, unsigned word, std::uint32_t wdata) {
    Model& m = *model_;
    for (;;) {
      m.host_req_valid = 1;
      drive(m.host_req_op, op);
      drive(m.host_req_entry, entry);
      drive(m.host_req_word, word);
      m.host_req_wdata = wdata;
      model_.settle();
      const bool taken = m.host_req_ready;
      model_.tick();
      m.host_req_valid = 0;
      if (taken) return;
    }
  }

  std::uint32_t host_read(unsigned entry, unsigned word) {
    host_request(0, entry, word, 0);
    for (unsigned waited = 0; waited < 64; ++waited) {
      model_.settle();
      if (model_->host_rsp_valid) {
        const std::uint32_t data = model_->host_rsp_rdata;
        model_.tick();
        return data;
      }
      model_.tick();
    }
    throw std::runtime_error("esp_engine: no host read response for entry " +
                             std::to_string(entry) + " word " + std::to_string(word));
  }

  ClockedModel<Model> model_;
  std::mt19937_64 rng_;
  HandshakeJitter jitter_;
  std::deque<OutboundJob> out_cmds_;
  std::deque<InboundJob> in_cmds_;
  std::deque<AxisBeat> out_beats_, in_beats_;
  std::deque<std::uint64_t> out_commands_taken_, in_commands_taken_;
  std::deque<Emitted> out_packets_, in_packets_;
  AxisCollector out_collector_, in_collector_;
  unsigned out_pending_ = 0, in_pending_ = 0;
};

}  // namespace ipsec_fpga::verif::esp_rtl
