#include "pcap_writer.hpp"

#include <fstream>
#include <stdexcept>

namespace ipsec_fpga::verif::esp {

namespace {

// pcap fields are in the writer's byte order; this writer always uses little endian.
void put32(std::vector<char>& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

void put16(std::vector<char>& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value));
  out.push_back(static_cast<char>(value >> 8));
}

}  // namespace

void write_ipv4_pcap(const std::filesystem::path& path,
                     const std::vector<std::vector<std::uint8_t>>& packets) {
  std::vector<char> out;
  put32(out, 0xa1b2c3d4);  // magic: microsecond timestamps
  put16(out, 2);           // version 2.4
  put16(out, 4);
  put32(out, 0);  // GMT offset
  put32(out, 0);  // timestamp accuracy
  put32(out, 0xffff);
  put32(out, pcap_linktype_ipv4);
  std::uint32_t second = 0;
  for (const auto& packet : packets) {
    const auto length = static_cast<std::uint32_t>(packet.size());
    put32(out, ++second);
    put32(out, 0);
    put32(out, length);  // captured
    put32(out, length);  // on the wire
    out.insert(out.end(), packet.begin(), packet.end());
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file) throw std::runtime_error("cannot write pcap file " + path.string());
}

}  // namespace ipsec_fpga::verif::esp
