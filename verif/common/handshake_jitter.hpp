// Random idle cycles and back-pressure for valid/ready handshakes, so random
// tests exercise every stall a real neighbour could cause.
#pragma once

#include <random>

namespace ipsec_fpga::verif {

class HandshakeJitter {
 public:
  // `busy_percent`: how often (0..100) the testbench withholds valid/ready.
  HandshakeJitter(std::mt19937_64& rng, unsigned busy_percent)
      : rng_(rng), busy_percent_(busy_percent) {}

  // True when this cycle the testbench side should assert valid/ready.
  bool offer() { return percent_(rng_) >= busy_percent_; }

 private:
  std::mt19937_64& rng_;
  unsigned busy_percent_;
  std::uniform_int_distribution<unsigned> percent_{0, 99};
};

}  // namespace ipsec_fpga::verif
