// Runs the fuzz target without libFuzzer (GCC builds): valid frame streams
// with random damage, and plain random bytes. Usage: host_link_fuzz_replay <inputs>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "link/frame_encoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

using namespace ipsec_fpga::host_link;

int main(int argc, char** argv) {
  const long inputs = argc > 1 ? std::atol(argv[1]) : 1000;
  std::mt19937_64 rng(0x46555a5a);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, layout::frames.size() - 1);
  for (long n = 0; n < inputs; ++n) {
    Bytes input{static_cast<std::uint8_t>(byte(rng))};
    if (n % 4 == 0) {
      const int length = byte(rng) * 4;
      for (int i = 0; i < length; ++i) input.push_back(static_cast<std::uint8_t>(byte(rng)));
    } else {
      for (int frames = byte(rng) % 6; frames >= 0; --frames) {
        const layout::FrameInfo& info = layout::frames[pick(rng)];
        Frame frame{info.type, static_cast<std::uint8_t>(byte(rng)), Bytes(info.fixed_bytes)};
        if (info.tail_unit)
          frame.payload.resize(info.fixed_bytes + info.tail_unit * (byte(rng) % 8));
        for (auto& b : frame.payload) b = static_cast<std::uint8_t>(byte(rng) < 80 ? 0 : byte(rng));
        const Bytes wire = encode_frame(frame);
        input.insert(input.end(), wire.begin(), wire.end());
      }
      for (int damage = byte(rng) % 4; damage > 0; --damage)
        input[1 + static_cast<std::size_t>(byte(rng)) % (input.size() - 1)] ^=
            static_cast<std::uint8_t>(1u << (byte(rng) % 8));
    }
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("host_link fuzz replay: %ld inputs, no invariant broken\n", inputs);
  return 0;
}
