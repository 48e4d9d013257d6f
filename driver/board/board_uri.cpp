#include "board/board_uri.hpp"

#include <algorithm>
#include <stdexcept>

#include "board/board.hpp"
#include "board/errors.hpp"
#include "sim/open_sim_transport.hpp"

#if IPSEC_FPGA_HAVE_USB
#include "usb/open_usb_transport.hpp"
#endif

namespace ipsec_fpga::driver {

namespace {
constexpr std::string_view known_schemes = "sim, usb";
}

BoardUri parse_board_uri(std::string_view uri) {
  const std::size_t colon = uri.find(':');
  if (uri.empty()) throw UriError("empty board URI (expected e.g. \"sim:\" or \"usb:0403:6010\")");
  if (colon == std::string_view::npos || colon == 0)
    throw UriError(
        "board URI '" + std::string(uri) +
        "' has no scheme (expected <scheme>:..., schemes: " + std::string(known_schemes) + ")");
  BoardUri parsed{std::string(uri.substr(0, colon)), std::string(uri.substr(colon + 1))};
  std::transform(parsed.scheme.begin(), parsed.scheme.end(), parsed.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (parsed.scheme != "sim" && parsed.scheme != "usb")
    throw UriError("board URI '" + std::string(uri) + "': unknown scheme '" + parsed.scheme +
                   "' (schemes: " + std::string(known_schemes) + ")");
  return parsed;
}

std::unique_ptr<Transport> open_transport(std::string_view uri) {
  const BoardUri parsed = parse_board_uri(uri);
  try {
    if (parsed.scheme == "sim") return sim::open_sim_transport(parsed.rest);
#if IPSEC_FPGA_HAVE_USB
    return open_usb_transport(parsed.rest);
#else
    throw UriError("board URI '" + std::string(uri) +
                   "': this build has no USB transport (driver/usb)");
#endif
  } catch (const std::invalid_argument& e) {
    throw UriError("board URI '" + std::string(uri) + "': " + e.what());
  } catch (const TransportError&) {
    throw;
  } catch (const UriError&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw UriError("board URI '" + std::string(uri) + "': " + e.what());
  }
}

std::unique_ptr<Board> open_board(std::string_view uri, BoardOptions options) {
  return std::make_unique<Board>(open_transport(uri), options);
}

}  // namespace ipsec_fpga::driver
