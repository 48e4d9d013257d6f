// What the host link's framing leaves of the USB links real boards use: for
// each measured packet mix (its bytes and its wire bytes each way), the
// packets/s and payload Mbit/s each link could carry.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ipsec_fpga::driver {

struct PacketWire {
  std::string label;    // e.g. "AES-128-GCM outbound 1400"
  double packet_bytes;  // the packet submitted, per packet
  double wire_in;       // host -> board wire bytes per packet (framing included)
  double wire_out;      // board -> host
};

struct UsbLink {
  std::string name;
  double bytes_per_second;  // data bytes each way (full duplex) or in total
  bool full_duplex;
  bool ftdi_status_bytes;  // 2 status bytes in every 512-byte IN packet
  std::string basis;       // where the figure comes from
};

const std::vector<UsbLink>& usb_links();

// Wire bytes one packet costs the link's limiting resource: a full-duplex
// link carries the larger direction, a shared one both; FTDI chips spend 2
// status bytes of every 512-byte IN packet.
double wire_bytes_per_packet(const UsbLink& link, double wire_in, double wire_out);
// Packets per second the link leaves for that cost; throws
// std::invalid_argument when the packet costs no wire bytes.
double packets_per_second(const UsbLink& link, double wire_in, double wire_out);

void print_link_limits(std::ostream& out, const std::vector<PacketWire>& packets, bool markdown);

}  // namespace ipsec_fpga::driver
