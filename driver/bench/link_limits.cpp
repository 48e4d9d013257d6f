#include "link_limits.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ipsec_fpga::driver {

const std::vector<UsbLink>& usb_links() {
  static const std::vector<UsbLink> links = {
      {"FT2232H UART, 3 Mbaud (iCEBreaker default)", 3e6 / 10, true, true,
       "8N1: 10 bits per byte, each way"},
      {"FT2232H UART, 12 Mbaud (the chip's maximum)", 12e6 / 10, true, true,
       "8N1: 10 bits per byte, each way"},
      {"FT2232H 245 synchronous FIFO", 40e6, false, true,
       "FTDI's figure for channel A; one 8-bit bus shared by both directions"},
      {"USB 2.0 high speed bulk, theoretical", 13.0 * 512 * 8000, false, false,
       "480 Mbit/s signalling: at most 13 bulk packets of 512 bytes per 125 us microframe"},
  };
  return links;
}

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

double bytes_per_packet(const UsbLink& link, const PacketWire& p) {
  return wire_bytes_per_packet(link, p.wire_in, p.wire_out);
}

}  // namespace

double wire_bytes_per_packet(const UsbLink& link, double wire_in, double wire_out) {
  const double out = link.ftdi_status_bytes ? wire_out * 512.0 / 510.0 : wire_out;
  return link.full_duplex ? std::max(wire_in, out) : wire_in + out;
}

double packets_per_second(const UsbLink& link, double wire_in, double wire_out) {
  const double cost = wire_bytes_per_packet(link, wire_in, wire_out);
  if (!(cost > 0))
    throw std::invalid_argument("packets_per_second: the packet costs no wire bytes");
  return link.bytes_per_second / cost;
}

void print_link_limits(std::ostream& out, const std::vector<PacketWire>& packets, bool markdown) {
  for (const UsbLink& link : usb_links()) {
    if (markdown) {
      out << "### " << link.name << "\n\n"
          << fixed(link.bytes_per_second / 1e6, 3) << " MB/s "
          << (link.full_duplex ? "each way" : "in total") << " (" << link.basis
          << ").\n\n| packets | wire bytes per packet (limiting) | packets/s | packet Mbit/s | "
             "framing share |\n|---|---|---|---|---|\n";
    } else {
      out << link.name << ": " << fixed(link.bytes_per_second / 1e6, 3) << " MB/s "
          << (link.full_duplex ? "each way" : "in total") << " (" << link.basis << ")\n";
    }
    for (const PacketWire& p : packets) {
      const double cost = bytes_per_packet(link, p);
      const double packets_per_second = link.bytes_per_second / cost;
      const double mbits = packets_per_second * p.packet_bytes * 8 / 1e6;
      // The share of the limiting wire bytes that is not the packet itself.
      const double limiting_packet = link.full_duplex ? p.packet_bytes : 2 * p.packet_bytes;
      const double share = std::max(0.0, 1.0 - limiting_packet / cost) * 100;
      if (markdown)
        out << "| " << p.label << " | " << fixed(cost, 1) << " | " << fixed(packets_per_second, 0)
            << " | " << fixed(mbits, 2) << " | " << fixed(share, 1) << "% |\n";
      else
        out << "  " << p.label << ": " << fixed(packets_per_second, 0) << " packets/s, "
            << fixed(mbits, 2) << " Mbit/s of packets (" << fixed(cost, 1)
            << " wire bytes per packet)\n";
    }
    out << "\n";
  }
}

}  // namespace ipsec_fpga::driver
