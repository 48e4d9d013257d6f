// An independent reading of ESP packets: Wireshark's tshark decrypts them
// and checks their ICV with the SAs' keys (its ESP preferences), so a test
// can compare what tshark found inside with what went in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "security_association.hpp"

namespace ipsec_fpga::verif::esp {

// One esp_sa UAT record in the field order of Wireshark 4.0: protocol,
// source, destination (both "*"), SPI, encryption, key (GCM: key || salt),
// authentication, key. Throws std::invalid_argument for an ESN SA: this
// Wireshark cannot take the high sequence bits.
std::string wireshark_esp_sa_record(const SecurityAssociation& sa);

struct TsharkEspFrame {
  std::uint32_t spi = 0;
  bool icv_good = false;
  bool icv_bad = false;
  std::vector<std::uint8_t> contained_data;  // the decrypted payload, trailer removed
};

// Runs tshark on `pcap` with ESP decryption and ICV checking switched on and
// `sas` as its only SAs, written to a private temporary configuration
// directory that is removed afterwards. One entry per frame that carries
// ESP. Throws std::runtime_error if tshark cannot be run or fails; the
// message never contains key material.
std::vector<TsharkEspFrame> tshark_decode_esp(const std::filesystem::path& pcap,
                                              const std::vector<const SecurityAssociation*>& sas);

}  // namespace ipsec_fpga::verif::esp
