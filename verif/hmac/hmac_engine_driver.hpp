// Drives a Verilated hmac_engine through its real ports: commands, message
// beats and ICV results on three independent handshakes, each with optional
// random idle cycles / back-pressure, counting every clock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

// Verilator's runtime headers do not build cleanly with the project's warnings.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "clocked_model.hpp"
#pragma GCC diagnostic pop
#include "bytes.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

enum class HmacAlgorithm : unsigned { kMd5 = 0, kSha1 = 1, kSha256 = 2, kUnsupported = 3 };

inline const char* hmac_algorithm_name(HmacAlgorithm alg) {
  switch (alg) {
    case HmacAlgorithm::kMd5:
      return "HMAC-MD5-96";
    case HmacAlgorithm::kSha1:
      return "HMAC-SHA1-96";
    case HmacAlgorithm::kSha256:
      return "HMAC-SHA-256-128";
    default:
      return "unsupported";
  }
}

inline std::size_t hmac_icv_bytes(HmacAlgorithm alg) {
  return alg == HmacAlgorithm::kSha256 ? 16 : 12;
}

// Chaining states as the unit takes them: left-aligned 32-bit words, H0 (or
// MD5's A) first; unused words zero.
using HmacState = std::array<std::uint32_t, 8>;

struct HmacMessage {
  HmacAlgorithm alg = HmacAlgorithm::kSha1;
  bool verify = false;
  HmacState inner{};
  HmacState outer{};
  Bytes data;
  Bytes expected_icv = Bytes(16, 0);  // left-aligned, 16 bytes; used in verify mode
  // Framing faults for the error test: tlast on this beat instead of the
  // last one (-1: correct), and a wrong tkeep on the last beat (0: correct).
  int tlast_beat = -1;
  std::uint8_t last_keep = 0;
};

struct HmacResult {
  Bytes icv;  // m_icv_tdata, 16 bytes, byte 0 = [127:120]
  bool match = false;
  bool error = false;
  std::uint64_t command_edge = 0;  // edge that first saw the command valid
  std::uint64_t valid_edge = 0;    // edge after which m_icv_tvalid was high
  std::uint64_t latency() const { return valid_edge - command_edge + 1; }
};

struct HmacJitter {
  HandshakeJitter* command = nullptr;  // idle cycles before offering a command
  HandshakeJitter* data = nullptr;     // gaps on s_axis_tvalid
  HandshakeJitter* icv = nullptr;      // back-pressure on m_icv_tready
};

template <class Model>
class HmacEngineDriver {
 public:
  explicit HmacEngineDriver(const std::string& waveform_name) : sim_(waveform_name) {
    sim_->s_cmd_tvalid = 0;
    sim_->s_axis_tvalid = 0;
    sim_->m_icv_tready = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  Model& model() { return *sim_; }
  unsigned algorithms() { return sim_->algorithms; }

  void idle_cycles(unsigned count) {
    for (unsigned i = 0; i < count; ++i) sim_.tick();
  }

  // Streams `messages` in order through the unit and returns their results.
  // Commands, data and ICVs overlap as the unit allows (a command waits for
  // its turn, the next message's data follows the previous one's at once).
  std::vector<HmacResult> run(const std::vector<HmacMessage>& messages,
                              const HmacJitter& jitter = {}) {
    std::vector<HmacResult> results(messages.size());
    std::size_t command = 0, beat_message = 0, beat = 0, result = 0;
    bool command_offered = false;
    bool icv_was_valid = sim_->m_icv_tvalid != 0;
    std::uint64_t guard = 0;
    skip_empty(messages, beat_message, beat);
    while (result < messages.size()) {
      // Command: once offered it is held until s_cmd_tready (AXI rule).
      if (command < messages.size() && !command_offered &&
          (jitter.command == nullptr || jitter.command->offer())) {
        command_offered = true;
        results[command].command_edge = sim_.cycle() + 1;
        put_command(messages[command]);
      }
      sim_->s_cmd_tvalid = command_offered;
      // Data beats, in message order.
      const bool data_offer =
          beat_message < messages.size() && (jitter.data == nullptr || jitter.data->offer());
      put_beat(data_offer ? &messages[beat_message] : nullptr, beat);
      // ICV: the expected value of the next result is held meanwhile.
      if (result < messages.size())
        store_be(sim_->expected_icv, messages[result].expected_icv.data(), 16);
      sim_->m_icv_tready = jitter.icv == nullptr || jitter.icv->offer();
      sim_.settle();

      const bool command_taken = command_offered && sim_->s_cmd_tready;
      const bool beat_taken = data_offer && sim_->s_axis_tready;
      const bool icv_taken = sim_->m_icv_tvalid && sim_->m_icv_tready;
      if (icv_taken) {
        HmacResult& r = results[result];
        r.icv = load_be(sim_->m_icv_tdata, 16);
        r.match = sim_->m_icv_match != 0;
        r.error = sim_->m_icv_error != 0;
      }
      sim_.tick();
      if (command_taken) {
        command_offered = false;
        ++command;
      }
      if (beat_taken) {
        ++beat;
        if (beat == beats(messages[beat_message])) {
          ++beat_message;
          beat = 0;
          skip_empty(messages, beat_message, beat);
        }
      }
      if (icv_taken) ++result;
      sim_.settle();
      const bool icv_valid = sim_->m_icv_tvalid != 0;
      if (icv_valid && (!icv_was_valid || icv_taken)) {
        if (result < messages.size()) results[result].valid_edge = sim_.cycle();
      }
      icv_was_valid = icv_valid;
      if (++guard > 50'000'000) throw std::runtime_error("hmac_engine: no ICV (hung)");
    }
    sim_->s_cmd_tvalid = 0;
    sim_->s_axis_tvalid = 0;
    sim_->m_icv_tready = 0;
    sim_.settle();
    return results;
  }

  HmacResult run_one(const HmacMessage& message, const HmacJitter& jitter = {}) {
    return run({message}, jitter).front();
  }

  static std::size_t beats(const HmacMessage& m) { return (m.data.size() + 3) / 4; }

 private:
  static void skip_empty(const std::vector<HmacMessage>& messages, std::size_t& index,
                         std::size_t& beat) {
    while (index < messages.size() && messages[index].data.empty()) ++index;
    beat = 0;
  }

  void put_command(const HmacMessage& m) {
    sim_->s_cmd_alg = static_cast<std::uint8_t>(m.alg);
    sim_->s_cmd_verify = m.verify;
    sim_->s_cmd_length = static_cast<std::uint16_t>(m.data.size());
    for (std::size_t i = 0; i < 8; ++i) {
      sim_->s_cmd_inner_state[7 - i] = m.inner[i];
      sim_->s_cmd_outer_state[7 - i] = m.outer[i];
    }
  }

  // Network order: byte 4i in [31:24]. Bytes past the message are junk, so
  // a unit that does not mask them is caught.
  void put_beat(const HmacMessage* m, std::size_t beat) {
    junk_ = junk_ * 6364136223846793005ull + 1442695040888963407ull;
    sim_->s_axis_tvalid = m != nullptr;
    sim_->s_axis_tdata = static_cast<std::uint32_t>(junk_ >> 32);
    sim_->s_axis_tkeep = 0;
    sim_->s_axis_tlast = 0;
    if (m == nullptr) return;
    const std::size_t total = beats(*m);
    const bool last = beat + 1 == total;
    std::uint32_t word = 0;
    unsigned keep = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t at = 4 * beat + i;
      const std::uint32_t byte =
          at < m->data.size() ? m->data[at] : static_cast<std::uint8_t>(junk_ >> (8 * i));
      word |= byte << (24 - 8 * i);
      if (at < m->data.size()) keep |= 8u >> i;
    }
    sim_->s_axis_tdata = word;
    sim_->s_axis_tkeep =
        static_cast<std::uint8_t>((last && m->last_keep != 0) ? m->last_keep : keep);
    sim_->s_axis_tlast =
        m->tlast_beat >= 0 ? beat == static_cast<std::size_t>(m->tlast_beat) : last;
  }

  ClockedModel<Model> sim_;
  std::uint64_t junk_ = 0x243f6a8885a308d3ull;
};

}  // namespace ipsec_fpga::verif
