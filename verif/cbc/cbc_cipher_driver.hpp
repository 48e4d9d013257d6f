// Drives a Verilated cbc_cipher cycle by cycle: key loads and whole packets
// (command, 32-bit input stream, 32-bit output stream), with optional random
// idle cycles and back-pressure, and the exact clock edges of each packet.
// Also holds the unit's timing model (docs/esp/cbc_cipher.md), so tests and
// benchmarks can compare measured cycles with the documented ones.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

enum class CbcCipher : std::uint8_t { kDes = 0, kTdes = 1, kAes128 = 2, kAes192 = 3, kAes256 = 4 };

inline const char* cbc_cipher_name(CbcCipher cipher) {
  switch (cipher) {
    case CbcCipher::kDes:
      return "DES-CBC";
    case CbcCipher::kTdes:
      return "3DES-CBC";
    case CbcCipher::kAes128:
      return "AES-128-CBC";
    case CbcCipher::kAes192:
      return "AES-192-CBC";
    case CbcCipher::kAes256:
      return "AES-256-CBC";
  }
  return "?";
}

inline bool cbc_is_aes(CbcCipher cipher) { return cipher >= CbcCipher::kAes128; }
inline std::size_t cbc_block_bytes(CbcCipher cipher) { return cbc_is_aes(cipher) ? 16 : 8; }
inline std::size_t cbc_key_bytes(CbcCipher cipher) {
  switch (cipher) {
    case CbcCipher::kDes:
      return 8;
    case CbcCipher::kTdes:
      return 24;
    case CbcCipher::kAes128:
      return 16;
    case CbcCipher::kAes192:
      return 24;
    case CbcCipher::kAes256:
      return 32;
  }
  return 0;
}

// The documented timing of cbc_cipher (all counts are clock edges), for
// either AES core: aes_core (the default) or aes_core_compact
// (AES_COMPACT = 1, docs/cores/aes-compact.md: no AES-192).
struct CbcTiming {
  bool aes_compact = false;

  // Whether the build's AES core takes this cipher's keys (DES/3DES aside).
  bool aes_key_size_built(CbcCipher cipher) const {
    return !aes_compact || cipher != CbcCipher::kAes192;
  }
  // Edges per chained block: AES Nr + 1 (aes_core) or 5 Nr + 5 (the compact
  // core's accept-to-delivery, which is also its interval); DES/3DES 16/48
  // rounds + 1 edge to take the result (the next block needs it, or shares
  // the chain registers).
  unsigned block_cycles(CbcCipher cipher) const {
    switch (cipher) {
      case CbcCipher::kDes:
        return 17;
      case CbcCipher::kTdes:
        return 49;
      case CbcCipher::kAes128:
        return aes_compact ? 55 : 11;
      case CbcCipher::kAes192:
        return 13;
      case CbcCipher::kAes256:
        return aes_compact ? 75 : 15;
    }
    return 0;
  }
  static unsigned beats(CbcCipher cipher) { return cbc_is_aes(cipher) ? 4 : 2; }
  // Edges each further block of a packet costs. The compact build's unit
  // (the small form: one block in flight, two 128-bit registers) adds the
  // block's 4 output beats (encrypt: the next block needs the ciphertext in
  // the chain register) and, to decrypt, its 4 input beats too (the gather
  // register holds the ciphertext until the plaintext has left).
  unsigned packet_block_cycles(CbcCipher cipher, bool decrypt) const {
    const unsigned t = block_cycles(cipher);
    if (!aes_compact) return t;
    return t + (decrypt ? 2 : 1) * beats(cipher);
  }
  // From the key command's handshake edge to the first edge that can take a
  // packet command (key_loaded high): the AES core's key set-up.
  unsigned key_load_cycles(CbcCipher cipher) const {
    switch (cipher) {
      case CbcCipher::kAes128:
        return aes_compact ? 56 : 47;
      case CbcCipher::kAes192:
        return 55;
      case CbcCipher::kAes256:
        return aes_compact ? 75 : 63;
      default:
        return 1;
    }
  }
  // From the command's handshake edge to the edge that ends the packet (the
  // tlast beat, or for an empty decrypt the IV's last beat + 1), with input
  // always valid and output always ready. `direction_change`: the AES core's
  // last block went the other way (one clock for aes_core, which prefetches
  // the first round key of the last direction; none for the compact core).
  std::uint64_t packet_cycles(CbcCipher cipher, bool decrypt, bool explicit_iv,
                              std::uint64_t blocks, bool direction_change) const {
    const std::uint64_t t = block_cycles(cipher), w = beats(cipher);
    const std::uint64_t d = direction_change && cbc_is_aes(cipher) && !aes_compact ? 1 : 0;
    if (aes_compact) {  // the small form (docs/esp/cbc_cipher.md)
      const std::uint64_t b = packet_block_cycles(cipher, decrypt);
      if (decrypt) return blocks == 0 ? w + 1 : b * blocks + w;
      if (explicit_iv) return blocks == 0 ? w : b * blocks + w;
      return b * (blocks + 1);
    }
    if (decrypt) return blocks == 0 ? w + 1 : 3 * w + 1 + d + t * blocks;
    if (explicit_iv) return blocks == 0 ? w + 1 : 2 * w + 1 + d + t * blocks;
    return 1 + d + t * (blocks + 1) + w;
  }
};

struct CbcPacket {
  bool decrypt = false;
  bool explicit_iv = false;  // encrypt only: iv holds the IV, else the 8-byte nonce
  Bytes iv;                  // explicit IV (block size) or nonce (8 bytes); unused to decrypt
  Bytes input;               // decrypt: IV block followed by the ciphertext
};

struct CbcPacketRun {
  Bytes output;
  std::uint64_t command_edge = 0;  // cmd_valid && cmd_ready
  std::uint64_t done_edge = 0;     // the edge after which busy is low
  std::uint64_t cycles() const { return done_edge - command_edge; }
  std::string framing_error;         // empty when tlast/tkeep were right
  std::uint64_t input_refused = 0;   // s_axis_tvalid && !s_axis_tready while running
  std::uint64_t output_stalled = 0;  // m_axis_tvalid && !m_axis_tready
};

template <class Model>
class CbcCipherDriver {
 public:
  // `timing`: the build's AES core (CbcTiming{true} for AES_COMPACT = 1).
  explicit CbcCipherDriver(const std::string& waveform_name, CbcTiming timing = {})
      : model_(waveform_name), timing_(timing) {
    model_->key_cmd_valid = 0;
    model_->cmd_valid = 0;
    model_->s_axis_tvalid = 0;
    model_->m_axis_tready = 0;
    model_.reset();
  }

  ClockedModel<Model>& model() { return model_; }
  CbcCipher cipher() const { return cipher_; }
  const CbcTiming& timing() const { return timing_; }

  // Loads a key; returns the edges from the key command's handshake to the
  // first edge where key_loaded is high.
  std::uint64_t load_key(CbcCipher cipher, const Bytes& key, std::uint16_t tag) {
    if (key.size() != cbc_key_bytes(cipher))
      throw std::invalid_argument(std::string("cbc_cipher: wrong key size for ") +
                                  cbc_cipher_name(cipher));
    Bytes left_aligned = key;
    left_aligned.resize(32, 0);
    store_be(model_->key_cmd_key, left_aligned.data(), left_aligned.size());
    model_->key_cmd_cipher = static_cast<std::uint8_t>(cipher);
    model_->key_cmd_tag = tag;
    model_->key_cmd_valid = 1;
    wait_for([&] { return model_->key_cmd_ready != 0; }, "key_cmd_ready");
    const std::uint64_t edge = model_.cycle();
    model_.tick();
    model_->key_cmd_valid = 0;
    wait_for([&] { return model_->key_loaded != 0; }, "key_loaded");
    cipher_ = cipher;
    return model_.cycle() - edge;
  }

  // Timing model for `packet` given what the AES core did last.
  std::uint64_t expected_cycles(const CbcPacket& packet) const {
    const std::uint64_t blocks = payload_blocks(packet);
    return timing_.packet_cycles(cipher_, packet.decrypt, packet.explicit_iv, blocks,
                                 uses_core(packet) && packet.decrypt != aes_last_decrypt_);
  }

  // Runs one packet: offers the command (after `idle_before` idle clocks), the
  // input beats and output ready, until the unit is idle again.
  CbcPacketRun run_packet(const CbcPacket& packet, HandshakeJitter* input_jitter = nullptr,
                          HandshakeJitter* output_jitter = nullptr, unsigned idle_before = 0) {
    const std::size_t block = cbc_block_bytes(cipher_);
    const std::size_t iv_bytes = packet.decrypt ? block : 0;
    if (packet.input.size() % block != 0 || packet.input.size() < iv_bytes)
      throw std::invalid_argument("cbc_cipher: input is not whole blocks");
    const std::uint64_t blocks = payload_blocks(packet);
    const std::size_t expected_out = packet.decrypt ? blocks * block : (blocks + 1) * block;

    for (unsigned i = 0; i < idle_before; ++i) model_.tick();
    Bytes iv = packet.iv;
    iv.resize(16, 0);
    store_be(model_->cmd_iv, iv.data(), iv.size());
    model_->cmd_decrypt = packet.decrypt;
    model_->cmd_explicit_iv = packet.explicit_iv;
    model_->cmd_length = static_cast<std::uint16_t>(blocks * block);
    model_->cmd_valid = 1;

    CbcPacketRun run;
    bool command_taken = false, offering = false;
    std::size_t next_byte = 0;
    const std::uint64_t deadline = model_.cycle() + 1000 + 400 * (blocks + 2) * 20;
    for (;;) {
      if (model_.cycle() > deadline)
        throw std::runtime_error("cbc_cipher: packet stalled at edge " +
                                 std::to_string(model_.cycle()));
      if (!offering && next_byte < packet.input.size() &&
          (input_jitter == nullptr || input_jitter->offer())) {
        model_->s_axis_tdata =
            static_cast<std::uint32_t>(load_be_u64(packet.input.data() + next_byte, 4));
        offering = true;
      }
      model_->s_axis_tvalid = offering;
      model_->m_axis_tready = output_jitter == nullptr || output_jitter->offer();
      model_.settle();

      const std::uint64_t edge = model_.cycle();
      if (!command_taken && model_->cmd_valid && model_->cmd_ready) {
        run.command_edge = edge;
        command_taken = true;
      }
      if (offering && model_->busy && !model_->s_axis_tready) ++run.input_refused;
      if (offering && model_->s_axis_tready) {
        next_byte += 4;
        offering = false;
      }
      if (model_->m_axis_tvalid && !model_->m_axis_tready) ++run.output_stalled;
      if (model_->m_axis_tvalid && model_->m_axis_tready) {
        const Bytes word = store_be_u64(model_->m_axis_tdata, 4);
        run.output.insert(run.output.end(), word.begin(), word.end());
        const bool last_expected = run.output.size() == expected_out;
        if (model_->m_axis_tkeep != 0xf && run.framing_error.empty())
          run.framing_error = "tkeep " + std::to_string(model_->m_axis_tkeep) + " at byte " +
                              std::to_string(run.output.size() - 4);
        if (bool(model_->m_axis_tlast) != last_expected && run.framing_error.empty())
          run.framing_error = std::string("tlast ") + (last_expected ? "missing" : "early") +
                              " at byte " + std::to_string(run.output.size() - 4);
      }
      model_.tick();
      if (command_taken) model_->cmd_valid = 0;
      model_.settle();
      if (command_taken && !model_->busy) {
        run.done_edge = model_.cycle() - 1;
        break;
      }
    }
    model_->s_axis_tvalid = 0;
    model_->m_axis_tready = 0;
    model_.settle();
    if (next_byte != packet.input.size() && run.framing_error.empty())
      run.framing_error = "input not consumed: " + std::to_string(next_byte) + " of " +
                          std::to_string(packet.input.size()) + " bytes";
    if (uses_core(packet)) aes_last_decrypt_ = packet.decrypt;
    return run;
  }

 private:
  std::uint64_t payload_blocks(const CbcPacket& packet) const {
    const std::size_t block = cbc_block_bytes(cipher_);
    return (packet.input.size() / block) - (packet.decrypt ? 1 : 0);
  }
  // Whether a block of this packet passes through the AES core (direction memory).
  bool uses_core(const CbcPacket& packet) const {
    if (!cbc_is_aes(cipher_)) return false;
    return payload_blocks(packet) != 0 || (!packet.decrypt && !packet.explicit_iv);
  }

  template <class Ready>
  void wait_for(Ready ready, const char* what) {
    for (unsigned i = 0; i < 1000; ++i) {
      model_.settle();
      if (ready()) return;
      model_.tick();
    }
    throw std::runtime_error(std::string("cbc_cipher: timeout waiting for ") + what);
  }

  ClockedModel<Model> model_;
  CbcTiming timing_;
  CbcCipher cipher_ = CbcCipher::kAes128;
  bool aes_last_decrypt_ = false;  // aes_core prefetches the last direction (encrypt at reset)
};

}  // namespace ipsec_fpga::verif
