#include "usb/usb_uri.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace ipsec_fpga::driver::usb {
namespace {

class UriError {
 public:
  explicit UriError(std::string_view rest) : uri_("usb:" + std::string(rest)) {}
  [[noreturn]] void fail(const std::string& problem) const {
    throw std::invalid_argument("bad USB transport URI \"" + uri_ + "\": " + problem);
  }

 private:
  std::string uri_;
};

std::string quoted(std::string_view text) {
  std::string result(1, '"');
  result.append(text);
  result.push_back('"');
  return result;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

template <typename T>
std::optional<T> parse_number(std::string_view text, int base) {
  T value{};
  if (text.empty() || text.front() == '+' || text.front() == '-') return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::uint16_t parse_id(const UriError& uri, std::string_view text, const char* what) {
  const auto value = text.size() <= 4 ? parse_number<std::uint16_t>(text, 16) : std::nullopt;
  if (!value)
    uri.fail(std::string(what) + " " + quoted(text) + " is not a hex number of 1 to 4 digits");
  return *value;
}

int parse_channel(const UriError& uri, std::string_view text) {
  if (text.size() != 1 || std::toupper(static_cast<unsigned char>(text[0])) < 'A' ||
      std::toupper(static_cast<unsigned char>(text[0])) > 'D')
    uri.fail("channel " + quoted(text) + " is not one of A, B, C, D");
  return std::toupper(static_cast<unsigned char>(text[0])) - 'A';
}

void parse_device(const UriError& uri, std::string_view part, UsbUri& result) {
  const auto fields = split(part, ':');
  if (fields.size() < 2 || fields.size() > 3)
    uri.fail(quoted(part) + " is neither VID:PID[:channel] nor option=value");
  result.vid = parse_id(uri, fields[0], "vendor ID");
  result.pid = parse_id(uri, fields[1], "product ID");
  if (fields.size() == 3) result.channel = parse_channel(uri, fields[2]);
}

void parse_option(const UriError& uri, std::string_view key, std::string_view value,
                  UsbUri& result) {
  const std::string text(value);
  if (key == "serial") {
    if (value.empty()) uri.fail("serial= is empty");
    result.serial = text;
  } else if (key == "baud") {
    const auto baud = parse_number<std::uint32_t>(value, 10);
    if (!baud || *baud == 0) uri.fail("baud " + quoted(text) + " is not a positive decimal number");
    result.baud = *baud;
  } else if (key == "channel") {
    result.channel = parse_channel(uri, value);
  } else if (key == "mode") {
    if (value == "uart")
      result.mode = FtdiMode::uart;
    else if (value == "fifo")
      result.mode = FtdiMode::sync_fifo;
    else
      uri.fail("mode " + quoted(text) + " is not uart or fifo");
  } else if (key == "flow") {
    if (value == "none")
      result.flow = FtdiFlow::none;
    else if (value == "rtscts")
      result.flow = FtdiFlow::rts_cts;
    else
      uri.fail("flow " + quoted(text) + " is not none or rtscts");
  } else if (key == "latency") {
    const auto latency = parse_number<unsigned>(value, 10);
    if (!latency || *latency < 1 || *latency > 255)
      uri.fail("latency " + quoted(text) + " is not 1 to 255 (ms)");
    result.latency_ms = static_cast<std::uint8_t>(*latency);
  } else {
    uri.fail("unknown option " + quoted(key) +
             " (known: serial, baud, channel, mode, flow, latency)");
  }
}

}  // namespace

UsbUri parse_usb_uri(std::string_view rest) {
  const UriError uri(rest);
  UsbUri result;
  if (rest.empty()) return result;
  std::vector<std::string> seen;
  const auto parts = split(rest, ',');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part.empty()) uri.fail("part " + std::to_string(i + 1) + " is empty");
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) {
      if (i != 0)
        uri.fail(quoted(part) + " is not option=value (only the first part may be " +
                 "VID:PID[:channel])");
      parse_device(uri, part, result);
      if (result.channel) seen.push_back("channel");
      continue;
    }
    const std::string key(part.substr(0, equals));
    if (key.empty()) uri.fail(quoted(part) + " has no option name");
    for (const std::string& earlier : seen)
      if (earlier == key) uri.fail(key + " is given twice");
    seen.push_back(key);
    parse_option(uri, key, part.substr(equals + 1), result);
  }
  if (result.mode == FtdiMode::sync_fifo && (result.baud || result.flow))
    uri.fail("baud= and flow= apply to mode=uart only (the FIFO has no baud rate and always " +
             std::string("uses its handshake lines)"));
  return result;
}

}  // namespace ipsec_fpga::driver::usb
