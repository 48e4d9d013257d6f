#include "host/config/gateway_settings_reader.hpp"

#include <charconv>

#include "host/config/address_range.hpp"

namespace ipsec_fpga::host {
namespace {

constexpr std::size_t max_interface_name = 15;  // IFNAMSIZ - 1

std::optional<std::string> read_interface_name(TomlTableReader& table, std::string_view key) {
  const toml::value* value = table.take(key);
  auto name = table.string(key);
  if (!name) return std::nullopt;
  bool bad_character = name->find_first_of("/ \t:") != std::string::npos;
  if (name->empty() || name->size() > max_interface_name || bad_character) {
    table.value_error(*value, key,
                      "\"" + *name +
                          "\" is not an interface name (1 to 15 characters, no '/', ':' "
                          "or spaces)");
    return std::nullopt;
  }
  return name;
}

// "address/prefix" of the TUN device: a host address inside its subnet.
void read_lan_address(TomlTableReader& table, GatewaySettings& out) {
  const toml::value* value = table.take("lan_address");
  auto text = table.string("lan_address");
  if (!text) return;
  auto slash = text->find('/');
  unsigned prefix = 0;
  if (slash != std::string::npos) {
    const char* begin = text->data() + slash + 1;
    const char* end = text->data() + text->size();
    auto [stop, ec] = std::from_chars(begin, end, prefix);
    if (ec != std::errc{} || stop != end || begin == end || prefix < 1 || prefix > 32) {
      slash = std::string::npos;
    }
  }
  if (slash == std::string::npos) {
    table.value_error(*value, "lan_address",
                      "\"" + *text +
                          "\" is not an address with a prefix length 1..32 "
                          "(e.g. \"192.0.2.1/24\")");
    return;
  }
  auto address = parse_ipv4_address(std::string_view(*text).substr(0, slash));
  if (!address) {
    table.value_error(*value, "lan_address", address.reason());
    return;
  }
  out.lan_address = *address;
  out.lan_prefix_length = prefix;
}

}  // namespace

std::optional<GatewaySettings> read_gateway_settings(TomlTableReader& table) {
  GatewaySettings out;
  table.require("wan_interface");
  if (auto name = read_interface_name(table, "wan_interface")) out.wan_interface = *name;
  if (const toml::value* value = table.take("wan_address")) {
    if (auto text = table.string("wan_address")) {
      if (*text != "dhcp" && *text != "interface") {
        auto address = parse_ipv4_address(*text);
        if (!address) {
          table.value_error(*value, "wan_address",
                            address.reason() + " (nor \"dhcp\" or \"interface\")");
        } else if (!address->is_unspecified()) {
          out.wan_address = *address;
        }
      }
    }
  }
  if (auto name = read_interface_name(table, "lan_interface")) out.lan_interface = *name;
  read_lan_address(table, out);
  if (auto port = table.integer("ike_port", 1, 65535))
    out.ike_port = static_cast<std::uint16_t>(*port);
  if (auto port = table.integer("nat_t_port", 1, 65535)) {
    out.nat_t_port = static_cast<std::uint16_t>(*port);
  }
  if (out.ike_port == out.nat_t_port) {
    // Only reachable when at least one of them was written (defaults differ).
    const toml::value* where = table.take("nat_t_port");
    if (where == nullptr) where = table.take("ike_port");
    if (where != nullptr) {
      table.value_error(
          *where, "nat_t_port",
          "must differ from ike_port (both are " + std::to_string(out.ike_port) + ")");
    }
  }
  if (auto file = table.string("log_file")) out.log_file = *file;
  if (auto size = table.integer("log_ring_size", 1, 999)) {
    out.log_ring_size = static_cast<std::size_t>(*size);
  }
  if (const toml::value* value = table.take("board")) {
    if (auto board = table.string("board")) {
      if (board->find(':') == std::string::npos) {
        table.value_error(*value, "board",
                          "\"" + *board + "\" is not a board URI (\"sim:\", \"usb:...\")");
      } else {
        out.board = *board;
      }
    }
  }
  if (auto max = table.integer("max_phase2_negotiations", 1, 1024)) {
    out.max_phase2_negotiations = static_cast<std::size_t>(*max);
  }
  if (auto threshold = table.integer("error_threshold", 1, 1000)) {
    out.error_threshold = static_cast<int>(*threshold);
  }
  table.report_unknown_keys();
  if (table.failed()) return std::nullopt;
  return out;
}

}  // namespace ipsec_fpga::host
