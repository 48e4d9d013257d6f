#include "host/bench/engine_bench.hpp"

#include <openssl/crypto.h>

#include <chrono>
#include <ctime>
#include <random>
#include <stdexcept>

#include "Vesp_engine.h"
#include "engine_sa_pairs.hpp"
#include "esp_cycle_bound.hpp"
#include "esp_engine_driver.hpp"
#include "link/frame_encoder.hpp"
#include "sa_pair.hpp"

namespace ipsec_fpga::host::bench {

namespace esp = verif::esp;
namespace rtl = verif::esp_rtl;
namespace link = host_link;
using Engine = rtl::EspEngineDriver<Vesp_engine>;

namespace {

constexpr unsigned entry_bits = 6;  // the engine's default: 64 SAs
constexpr std::size_t repeats = 8;  // packets per fixed size; the first two warm up
constexpr std::size_t warm_up = 2;

esp::Suite to_esp(const SuiteSpec& spec) {
  for (const esp::Suite& s : esp::engine_suites())
    if (esp::to_string(s.cipher) == spec.cipher && esp::to_string(s.integrity) == spec.integrity)
      return s;
  throw std::invalid_argument("the engine does not offer " + spec.name());
}

void put_be(PacketBytes& out, std::uint64_t value, unsigned bytes) {
  for (unsigned i = bytes; i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// Wire bytes of a packet_submit carrying `in` and of the packet_result
// carrying `out` (COBS, header, CRC and the frame delimiter included).
std::pair<double, double> wire_bytes(bool outbound, unsigned sa, const PacketBytes& in,
                                     const PacketBytes& out, std::uint32_t spi,
                                     std::uint64_t sequence) {
  link::Frame submit{link::layout::FrameType::packet_submit, 1, {}};
  put_be(submit.payload, outbound ? 0 : 1, 1);
  put_be(submit.payload, outbound ? sa : 0, 2);  // inbound: the form it came in (bare ESP)
  submit.payload.insert(submit.payload.end(), in.begin(), in.end());
  link::Frame result{link::layout::FrameType::packet_result, 1, {}};
  put_be(result.payload, outbound ? 0 : 1, 1);  // direction
  put_be(result.payload, 0, 1);                 // code ok
  put_be(result.payload, sa, 2);
  put_be(result.payload, spi, 4);
  put_be(result.payload, sequence, 8);
  put_be(result.payload, out.size(), 2);
  put_be(result.payload, 0, 1);     // events
  put_be(result.payload, 1, 1);     // credit tag
  put_be(result.payload, 4, 2);     // free slots
  put_be(result.payload, 3580, 4);  // free bytes
  result.payload.insert(result.payload.end(), out.begin(), out.end());
  return {static_cast<double>(link::encode_frame(submit).size()),
          static_cast<double>(link::encode_frame(result).size())};
}

double thread_cpu_seconds() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

PacketBytes copy(const esp::SecretBytes& secret) {
  return PacketBytes(secret.data(), secret.data() + secret.size());
}

}  // namespace

PacketSet::~PacketSet() {
  for (PacketBytes* key : {&cipher_key, &integrity_key, &gcm_salt})
    if (!key->empty()) OPENSSL_cleanse(key->data(), key->size());
}

struct EngineBench::Impl {
  explicit Impl(const SuiteSpec& spec)
      : suite(to_esp(spec)), rng(1), engine("ipsec_fpga_bench", 1, 0), pairs(entry_bits) {
    pair =
        pairs.install(engine, suite, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false, rng);
  }

  void run() {
    const auto start = std::chrono::steady_clock::now();
    const double cpu = thread_cpu_seconds();
    const std::uint64_t cycle = engine.cycle();
    engine.run(50'000'000);
    cycles += engine.cycle() - cycle;
    cpu_seconds += thread_cpu_seconds() - cpu;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  esp::Suite suite;
  std::mt19937_64 rng;
  Engine engine;
  rtl::EngineSaPairs pairs;
  rtl::EngineSaPair pair;
  std::uint64_t cycles = 0;
  double seconds = 0, cpu_seconds = 0;
};

EngineBench::EngineBench(const SuiteSpec& suite) : impl_(std::make_unique<Impl>(suite)) {}
EngineBench::~EngineBench() = default;

std::uint64_t EngineBench::simulated_cycles() const { return impl_->cycles; }
double EngineBench::model_seconds() const { return impl_->seconds; }
double EngineBench::model_cpu_seconds() const { return impl_->cpu_seconds; }

EngineMeasurement EngineBench::measure(const SizePattern& pattern) {
  Impl& m = *impl_;
  const std::string what = SuiteSpec{std::string(esp::to_string(m.suite.cipher)),
                                     std::string(esp::to_string(m.suite.integrity))}
                               .name() +
                           " " + pattern.label;
  std::vector<std::size_t> sizes;
  if (pattern.imix) {
    sizes.assign(warm_up, pattern.period.front());
    sizes.insert(sizes.end(), pattern.period.begin(), pattern.period.end());
  } else {
    for (std::size_t i = 0; i < repeats; ++i)
      sizes.push_back(pattern.period[i % pattern.period.size()]);
  }
  const std::size_t measured = sizes.size() - warm_up;

  // Outbound: every packet checked against the reference.
  std::vector<verif::Bytes> inners, expected;
  for (const std::size_t size : sizes) {
    inners.push_back(esp::test::sample_inner(size - 28));
    const esp::OutboundResult result = rtl::reference_outbound(m.pair, inners.back());
    if (result.status != esp::EspStatus::ok)
      throw std::runtime_error(what + ": the reference refused a packet");
    expected.push_back(result.packet);
    m.engine.submit(rtl::OutboundJob{m.pair.out_index, inners.back(), {}, {}});
  }
  m.run();
  std::vector<rtl::EngineResult> out(m.engine.outbound_results.begin(),
                                     m.engine.outbound_results.end());
  m.engine.outbound_results.clear();
  if (out.size() != sizes.size()) throw std::runtime_error(what + ": outbound results missing");
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].code != 0 || out[i].packet != expected[i])
      throw std::runtime_error(what + ": outbound packet " + std::to_string(i) +
                               " differs from the reference ESP");
  // Inbound: the engine's own packets back in, to the inner packets.
  for (const verif::Bytes& packet : expected)
    m.engine.submit(
        rtl::InboundJob{packet, static_cast<unsigned>(m.pair.receiver->sa.encapsulation)});
  m.run();
  std::vector<rtl::EngineResult> in(m.engine.inbound_results.begin(),
                                    m.engine.inbound_results.end());
  m.engine.inbound_results.clear();
  if (in.size() != sizes.size()) throw std::runtime_error(what + ": inbound results missing");
  for (std::size_t i = 0; i < in.size(); ++i) {
    const esp::InboundResult ref =
        esp::process_inbound(m.pairs.reference, expected[i], m.pair.receiver->sa.encapsulation);
    if (in[i].code != 0 || in[i].packet != inners[i] || ref.inner != inners[i])
      throw std::runtime_error(what + ": inbound packet " + std::to_string(i) +
                               " is not the inner packet sent");
  }

  EngineMeasurement r;
  double bytes = 0;
  for (std::size_t i = warm_up; i < sizes.size(); ++i) {
    bytes += static_cast<double>(sizes[i]);
    r.outbound.limit_cycles +=
        static_cast<double>(rtl::cycle_bound(m.suite, sizes[i], false, true).limit());
    r.inbound.limit_cycles +=
        static_cast<double>(rtl::cycle_bound(m.suite, sizes[i], false, false).limit());
    const auto [out_in, out_out] =
        wire_bytes(true, m.pair.out_index, inners[i], expected[i], out[i].spi, out[i].sequence);
    const auto [in_in, in_out] =
        wire_bytes(false, m.pair.in_index, expected[i], inners[i], in[i].spi, in[i].sequence);
    r.outbound.wire_in += out_in;
    r.outbound.wire_out += out_out;
    r.inbound.wire_in += in_in;
    r.inbound.wire_out += in_out;
    r.packets.inners.push_back(inners[i]);
    r.packets.esp.push_back(expected[i]);
  }
  const double n = static_cast<double>(measured);
  r.mean_bytes = bytes / n;
  for (auto [figures, results] : {std::pair{&r.outbound, &out}, std::pair{&r.inbound, &in}}) {
    figures->cycles_per_packet =
        static_cast<double>(results->back().status_cycle - (*results)[warm_up - 1].status_cycle) /
        n;
    figures->limit_cycles /= n;
    figures->wire_in /= n;
    figures->wire_out /= n;
    figures->latency = results->front().status_cycle - results->front().command_cycle;
  }
  r.packets.cipher_key = copy(m.pair.sender->sa.cipher_key);
  r.packets.integrity_key = copy(m.pair.sender->sa.integrity_key);
  r.packets.gcm_salt.assign(m.pair.sender->sa.gcm_salt.begin(), m.pair.sender->sa.gcm_salt.end());
  return r;
}

}  // namespace ipsec_fpga::host::bench
