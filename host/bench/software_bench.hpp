// The software baseline: the same ESP transform on the same packets with
// this CPU's OpenSSL (EVP, one thread), as a software gateway would do it:
// one cipher context and one HMAC context per SA, reinitialized per packet
// with the packet's IV. Its first pass is checked against the engine: the
// ESP packets it makes must be the engine's, byte for byte (same IV), and
// the inner packets it recovers from the engine's ESP the ones sent.
#pragma once

#include "host/bench/bench_suites.hpp"
#include "host/bench/engine_bench.hpp"

namespace ipsec_fpga::host::bench {

struct SoftwareFigures {
  double outbound_packets_per_second = 0;
  double inbound_packets_per_second = 0;
};

// Runs each asked direction for about `seconds` of this thread's CPU time on
// the packet set, round robin; packets/s are per CPU second of one core. Throws std::runtime_error
// if OpenSSL lacks a primitive or a result differs from the engine's.
SoftwareFigures measure_software(const SuiteSpec& suite, const PacketSet& packets, double seconds,
                                 bool outbound, bool inbound);

// "OpenSSL 3.0.x ..." of the library in use.
std::string openssl_version();

}  // namespace ipsec_fpga::host::bench
