// A classic libpcap file of raw IPv4 packets (link type 228), so that
// Wireshark's tshark can read what the reference or the RTL produced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace ipsec_fpga::verif::esp {

inline constexpr std::uint32_t pcap_linktype_ipv4 = 228;  // LINKTYPE_IPV4

// Writes `packets` (each a whole IPv4 packet) one second apart. Throws
// std::runtime_error if the file cannot be written.
void write_ipv4_pcap(const std::filesystem::path& path,
                     const std::vector<std::vector<std::uint8_t>>& packets);

}  // namespace ipsec_fpga::verif::esp
