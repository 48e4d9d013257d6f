// Runs the fuzz target without libFuzzer (any compiler): every corpus file,
// then a bounded number of deterministic mutations of them (bit flips,
// truncations, byte changes, splices). A smoke test for CI; real fuzzing
// uses the libFuzzer build (see docs/ike.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <corpus dir> [mutations]\n", argv[0]);
    return 2;
  }
  std::vector<std::vector<std::uint8_t>> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (corpus.empty()) return 2;
  long mutations = argc > 2 ? std::atol(argv[2]) : 20000;
  for (const auto& seed : corpus) LLVMFuzzerTestOneInput(seed.data(), seed.size());
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state] {  // xorshift64*: reproducible, not for security
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dULL;
  };
  for (long n = 0; n < mutations; ++n) {
    std::vector<std::uint8_t> input = corpus[next() % corpus.size()];
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      std::size_t at = next() % input.size();
      switch (next() % 5) {
        case 0:
          input[at] ^= static_cast<std::uint8_t>(1u << (next() % 8));
          break;
        case 1:
          input.resize(at);
          break;
        case 2:
          input[at] = static_cast<std::uint8_t>(next());
          break;
        case 3:
          input[at] = static_cast<std::uint8_t>(next() % 2 ? 0x00 : 0xff);
          break;
        case 4: {
          const auto& other = corpus[next() % corpus.size()];
          input.insert(input.end(), {'F', 'U', 'Z', 'Z'});
          input.insert(input.end(), other.begin(), other.end());
          break;
        }
      }
    }
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  std::printf("%zu seeds and %ld mutations ran without a crash\n", corpus.size(), mutations);
  return 0;
}
