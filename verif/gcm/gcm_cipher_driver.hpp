// Drives a Verilated gcm_cipher cycle by cycle: key loads and whole packets
// (command, 32-bit text in, 32-bit text out, 128-bit tag), with optional
// random idle cycles and back-pressure on every handshake, and the exact clock
// edges of each packet. Also holds the unit's timing model
// (docs/esp/gcm_cipher.md) so tests and benchmarks can compare.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

// The documented timing of gcm_cipher with DIGIT_BITS = 16 (clock edges).
struct GcmTiming {
  static unsigned rounds(bool aes256) { return aes256 ? 14 : 10; }
  // AES clocks per block: Nr + 1.
  static unsigned block_cycles(bool aes256) { return rounds(aes256) + 1; }
  // From the key command's handshake edge to the first edge where key_loaded
  // is high: key expansion (4 (Nr + 1) + 3), E_K(0) (Nr + 1), H into GHASH.
  static unsigned key_load_cycles(bool aes256) {
    return 4 * (rounds(aes256) + 1) + 3 + block_cycles(aes256) + 1;
  }
  // From the command's handshake edge to the tag's handshake edge, input
  // always valid, output and tag always ready; `blocks` = text blocks.
  static std::uint64_t packet_cycles(bool aes256, std::uint64_t words) {
    const std::uint64_t t = block_cycles(aes256);
    const std::uint64_t blocks = (words + 3) / 4;
    if (blocks == 0) return 1 + 2 * 8;
    const std::uint64_t last_words = words - 4 * (blocks - 1);
    return 1 + t * blocks + last_words + 8 + 8 + 1;
  }
};

struct GcmPacket {
  bool decrypt = false;
  Bytes iv;    // 8 bytes
  Bytes aad;   // 8 or 12 bytes
  Bytes text;  // a multiple of 4 bytes
};

struct GcmPacketRun {
  Bytes output, tag;
  std::uint64_t command_edge = 0;       // cmd_valid && cmd_ready
  std::uint64_t tag_edge = 0;           // m_tag_tvalid && m_tag_tready
  std::vector<std::uint64_t> in_edges;  // the edge that took each text word
  std::uint64_t cycles() const { return tag_edge - command_edge; }
  std::string framing_error;         // empty when tlast and the tag order were right
  std::uint64_t input_refused = 0;   // s_axis_tvalid && !s_axis_tready while running
  std::uint64_t output_stalled = 0;  // m_axis_tvalid && !m_axis_tready
  std::uint64_t tag_stalled = 0;     // m_tag_tvalid && !m_tag_tready
};

template <class Model>
class GcmCipherDriver {
 public:
  explicit GcmCipherDriver(const std::string& waveform_name) : model_(waveform_name) {
    model_->key_cmd_valid = 0;
    model_->cmd_valid = 0;
    model_->s_axis_tvalid = 0;
    model_->m_axis_tready = 0;
    model_->m_tag_tready = 0;
    model_.reset();
  }

  ClockedModel<Model>& model() { return model_; }
  bool aes256() const { return aes256_; }

  // Loads a 16- or 32-byte key and the 4-byte salt; returns the edges from the
  // key command's handshake to the first edge where key_loaded is high.
  std::uint64_t load_key(const Bytes& key, const Bytes& salt, std::uint16_t tag,
                         unsigned idle_before = 0) {
    if ((key.size() != 16 && key.size() != 32) || salt.size() != 4)
      throw std::invalid_argument("gcm_cipher: key must be 16 or 32 bytes, salt 4");
    for (unsigned i = 0; i < idle_before; ++i) model_.tick();
    Bytes left_aligned = key;
    left_aligned.resize(32, 0);
    store_be(model_->key_cmd_key, left_aligned.data(), left_aligned.size());
    model_->key_cmd_aes256 = key.size() == 32;
    model_->key_cmd_salt = static_cast<std::uint32_t>(load_be_u64(salt.data(), 4));
    model_->key_cmd_tag = tag;
    model_->key_cmd_valid = 1;
    wait_for([&] { return model_->key_cmd_ready != 0; }, "key_cmd_ready");
    const std::uint64_t edge = model_.cycle();
    model_.tick();
    model_->key_cmd_valid = 0;
    wait_for([&] { return model_->key_loaded != 0; }, "key_loaded");
    aes256_ = key.size() == 32;
    return model_.cycle() - edge;
  }

  std::uint64_t expected_cycles(const GcmPacket& packet) const {
    return GcmTiming::packet_cycles(aes256_, packet.text.size() / 4);
  }

  // Runs one packet: offers the command (after `idle_before` idle clocks), the
  // text words, output ready and tag ready, until the tag is taken.
  GcmPacketRun run_packet(const GcmPacket& packet, HandshakeJitter* input_jitter = nullptr,
                          HandshakeJitter* output_jitter = nullptr,
                          HandshakeJitter* tag_jitter = nullptr, unsigned idle_before = 0) {
    if (packet.text.size() % 4 != 0 || packet.iv.size() != 8 ||
        (packet.aad.size() != 8 && packet.aad.size() != 12))
      throw std::invalid_argument("gcm_cipher: bad packet shape");
    for (unsigned i = 0; i < idle_before; ++i) model_.tick();
    Bytes aad = packet.aad;
    aad.resize(12, 0);
    store_be(model_->cmd_aad, aad.data(), aad.size());
    model_->cmd_iv = load_be_u64(packet.iv.data(), 8);
    model_->cmd_aad_esn = packet.aad.size() == 12;
    model_->cmd_decrypt = packet.decrypt;
    model_->cmd_length = static_cast<std::uint16_t>(packet.text.size());
    model_->cmd_valid = 1;

    GcmPacketRun run;
    bool command_taken = false, offering = false, tag_taken = false;
    bool out_held = false, held_last = false, tag_held = false;
    std::uint32_t held_word = 0;
    Bytes held_tag;
    std::size_t next_byte = 0;
    const std::uint64_t deadline = model_.cycle() + 2000 + 40 * packet.text.size();
    while (!tag_taken) {
      if (model_.cycle() > deadline)
        throw std::runtime_error("gcm_cipher: packet stalled at edge " +
                                 std::to_string(model_.cycle()));
      if (!offering && command_taken && next_byte < packet.text.size() &&
          (input_jitter == nullptr || input_jitter->offer())) {
        model_->s_axis_tdata =
            static_cast<std::uint32_t>(load_be_u64(packet.text.data() + next_byte, 4));
        offering = true;
      }
      model_->s_axis_tvalid = offering;
      model_->m_axis_tready = output_jitter == nullptr || output_jitter->offer();
      model_->m_tag_tready = tag_jitter == nullptr || tag_jitter->offer();
      model_.settle();

      const std::uint64_t edge = model_.cycle();
      if (!command_taken && model_->cmd_valid && model_->cmd_ready) {
        run.command_edge = edge;
        command_taken = true;
      }
      if (offering && !model_->s_axis_tready) ++run.input_refused;
      if (offering && model_->s_axis_tready) {
        run.in_edges.push_back(edge);
        next_byte += 4;
        offering = false;
      }
      // Held data must not change while its handshake waits.
      if (out_held &&
          (!model_->m_axis_tvalid || model_->m_axis_tdata != held_word ||
           bool(model_->m_axis_tlast) != held_last) &&
          run.framing_error.empty())
        run.framing_error = "m_axis word changed while held, edge " + std::to_string(edge);
      if (tag_held && (!model_->m_tag_tvalid || load_be(model_->m_tag_tdata, 16) != held_tag) &&
          run.framing_error.empty())
        run.framing_error = "m_tag changed while held, edge " + std::to_string(edge);
      out_held = model_->m_axis_tvalid && !model_->m_axis_tready;
      held_word = model_->m_axis_tdata;
      held_last = model_->m_axis_tlast;
      tag_held = model_->m_tag_tvalid && !model_->m_tag_tready;
      if (tag_held) held_tag = load_be(model_->m_tag_tdata, 16);
      if (model_->m_axis_tvalid && !model_->m_axis_tready) ++run.output_stalled;
      if (model_->m_axis_tvalid && model_->m_axis_tready) {
        const Bytes word = store_be_u64(model_->m_axis_tdata, 4);
        run.output.insert(run.output.end(), word.begin(), word.end());
        const bool last_expected = run.output.size() == packet.text.size();
        if (bool(model_->m_axis_tlast) != last_expected && run.framing_error.empty())
          run.framing_error = std::string("tlast ") + (last_expected ? "missing" : "early") +
                              " at byte " + std::to_string(run.output.size() - 4);
      }
      if (model_->m_tag_tvalid && !model_->m_tag_tready) ++run.tag_stalled;
      if (model_->m_tag_tvalid && model_->m_tag_tready) {
        run.tag = load_be(model_->m_tag_tdata, 16);
        run.tag_edge = edge;
        tag_taken = true;
        if (run.output.size() != packet.text.size() && run.framing_error.empty())
          run.framing_error = "tag before the last text word";
      }
      model_.tick();
      if (command_taken) model_->cmd_valid = 0;
    }
    model_->s_axis_tvalid = 0;
    model_->m_axis_tready = 0;
    model_->m_tag_tready = 0;
    model_.settle();
    if (model_->busy && run.framing_error.empty())
      run.framing_error = "busy after the tag was taken";
    return run;
  }

 private:
  template <class Ready>
  void wait_for(Ready ready, const char* what) {
    for (unsigned i = 0; i < 1000; ++i) {
      model_.settle();
      if (ready()) return;
      model_.tick();
    }
    throw std::runtime_error(std::string("gcm_cipher: timeout waiting for ") + what);
  }

  ClockedModel<Model> model_;
  bool aes256_ = false;
};

}  // namespace ipsec_fpga::verif
