#include "sa_table.hpp"

#include <stdexcept>
#include <string>

namespace ipsec_fpga::verif::esp {

SaEntry& SaTable::add(SecurityAssociation sa) {
  if (find(sa.direction, sa.spi) != nullptr)
    throw std::invalid_argument("SA table already has SPI " + std::to_string(sa.spi));
  return entries_.emplace_back(std::move(sa));
}

SaEntry* SaTable::find(Direction direction, std::uint32_t spi) {
  for (SaEntry& entry : entries_)
    if (entry.sa.direction == direction && entry.sa.spi == spi) return &entry;
  return nullptr;
}

bool SaTable::remove(Direction direction, std::uint32_t spi) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->sa.direction == direction && it->sa.spi == spi) {
      entries_.erase(it);  // SecretBytes zeroes the keys as the entry goes
      return true;
    }
  }
  return false;
}

}  // namespace ipsec_fpga::verif::esp
