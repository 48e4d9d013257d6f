// Full Main Mode + Quick Mode negotiations per second between two in-process
// IkeEngines (no network), per DH group, for comparison with strongSwan.
// Usage: ike_negotiation_bench [seconds per group]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "two_gateways.hpp"

using namespace ipsec_fpga::ike;
using namespace ipsec_fpga::ike::test;

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  std::printf("%-12s %-22s %14s\n", "group", "suite", "negotiations/s");
  for (DhGroup group : {DhGroup::modp2048, DhGroup::ecp256, DhGroup::modp1024}) {
    Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
    a.phase1_suites = b.phase1_suites = {
        {EncryptionAlgorithm::aes_cbc, 128, HashAlgorithm::sha256, group, 28800}};
    int done = 0;
    auto start = std::chrono::steady_clock::now();
    double elapsed = 0;
    while (elapsed < seconds || done == 0) {
      TwoGateways n(a, b);
      n.a.engine.initiate(1);
      n.run();
      if (n.a.installs.size() != 1 || n.b.installs.size() != 1) {
        std::fprintf(stderr, "negotiation failed\n");
        return 1;
      }
      ++done;
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    std::printf("%-12s %-22s %14.1f\n", name(group).c_str(), "AES-128/SHA-256, ESP",
                done / elapsed);
  }
  return 0;
}
