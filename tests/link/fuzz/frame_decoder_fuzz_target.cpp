// libFuzzer target: arbitrary bytes into FrameDecoder. Invariants checked:
// feeding in one piece and in the chunking the input's first byte picks give
// the same results; every delivered frame re-encodes and decodes to itself;
// at most one result per delimiter.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"

using namespace ipsec_fpga::host_link;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool same(const DecodeResult& a, const DecodeResult& b) {
  if (a.index() != b.index()) return false;
  if (const Frame* fa = std::get_if<Frame>(&a)) return *fa == std::get<Frame>(b);
  const LinkError& ea = std::get<LinkError>(a);
  const LinkError& eb = std::get<LinkError>(b);
  return ea.kind == eb.kind && ea.dropped_bytes == eb.dropped_bytes && ea.message == eb.message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = std::size_t{data[0]} % 64 + 1;
  const std::span input(data + 1, size - 1);

  FrameDecoder whole;
  const auto expected = whole.feed(input);
  FrameDecoder chunked;
  std::vector<DecodeResult> results;
  for (std::size_t at = 0; at < input.size(); at += chunk)
    for (auto& r : chunked.feed(input.subspan(at, std::min(chunk, input.size() - at))))
      results.push_back(std::move(r));
  require(results.size() == expected.size());
  for (std::size_t i = 0; i < results.size(); ++i) require(same(results[i], expected[i]));

  std::size_t delimiters = 0;
  for (std::uint8_t byte : input) delimiters += byte == 0;
  require(results.size() <= delimiters);

  for (const DecodeResult& result : expected) {
    if (const Frame* frame = std::get_if<Frame>(&result)) {
      FrameDecoder again;
      const auto round_trip = again.feed(encode_frame(*frame));
      require(round_trip.size() == 1 && same(round_trip[0], result));
    } else {
      require(!std::get<LinkError>(result).message.empty());
    }
  }
  return 0;
}
