// The small SA table the caller hands to the model: entries found by
// direction and SPI, as the engine finds them in block RAM.
#pragma once

#include <cstdint>
#include <list>

#include "sa_entry.hpp"

namespace ipsec_fpga::verif::esp {

class SaTable {
 public:
  // Adds a validated entry; throws std::invalid_argument if the SA is not
  // usable or its direction already has that SPI.
  SaEntry& add(SecurityAssociation sa);

  // Nothing (nullptr) if no SA of that direction has `spi`.
  SaEntry* find(Direction direction, std::uint32_t spi);

  // Zeroes the keys and forgets the entry; false if there was none.
  bool remove(Direction direction, std::uint32_t spi);

  std::size_t size() const { return entries_.size(); }

 private:
  std::list<SaEntry> entries_;  // a list: references stay valid as SAs come and go
};

}  // namespace ipsec_fpga::verif::esp
