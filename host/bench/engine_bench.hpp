// Cycles per packet of the whole ESP engine on its cycle-accurate Verilated
// model (the shared ipsec_fpga_esp_engine_model), measured as
// ipsec-fpga-esp-bench measures them: packets of one SA back to back with no
// back-pressure, the steady state between the statuses of the second and
// the last packet, every packet checked against the reference ESP.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "host/bench/bench_math.hpp"
#include "host/bench/bench_suites.hpp"

namespace ipsec_fpga::host::bench {

using PacketBytes = std::vector<std::uint8_t>;

// The measured packets and the SA's keys: the inputs the OpenSSL baseline
// processes too. Keys are zeroed when this goes.
struct PacketSet {
  PacketSet() = default;
  PacketSet(const PacketSet&) = delete;
  PacketSet& operator=(const PacketSet&) = delete;
  PacketSet(PacketSet&&) = default;
  PacketSet& operator=(PacketSet&&) = default;
  ~PacketSet();
  PacketBytes cipher_key, integrity_key, gcm_salt;
  std::vector<PacketBytes> inners;  // inner IPv4 packets, in order
  std::vector<PacketBytes> esp;     // the engine's ESP packets for them (bare ESP, SPI onwards)
};

struct DirectionCycles {
  double cycles_per_packet = 0;      // steady state
  double limit_cycles = 0;           // the slowest unit's documented timing, per packet
  std::uint64_t latency = 0;         // command to status of the first packet
  double wire_in = 0, wire_out = 0;  // host link bytes per packet (framing included), each way
};

struct EngineMeasurement {
  DirectionCycles outbound, inbound;
  double mean_bytes = 0;  // inner bytes per measured packet
  PacketSet packets;      // the measured packets (warm-up ones left out)
};

// One engine model per suite (as ipsec-fpga-esp-bench: reset, SA pair installed).
class EngineBench {
 public:
  explicit EngineBench(const SuiteSpec& suite);
  ~EngineBench();
  EngineBench(const EngineBench&) = delete;
  EngineBench& operator=(const EngineBench&) = delete;

  // Fixed sizes: 8 packets (2 warm up, 6 measured); IMIX: 2 warm-up packets
  // of 40 bytes, then one 12-packet period. Throws std::runtime_error if a
  // packet differs from the reference.
  EngineMeasurement measure(const SizePattern& sizes);

  // The model's own speed: clock cycles run while measuring (reset and SA
  // writes left out), the wall time and this thread's CPU time they took.
  std::uint64_t simulated_cycles() const;
  double model_seconds() const;
  double model_cpu_seconds() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipsec_fpga::host::bench
