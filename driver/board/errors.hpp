// The driver's exceptions: one type per way a board operation can fail, each
// with a message that names what failed (request, tag, numbers).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::driver {

// Base of everything the driver throws about the board or the link.
class DriverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A board URI that cannot be parsed or names a transport this build lacks.
class UriError : public DriverError {
 public:
  using DriverError::DriverError;
};

// The byte stream failed (device unplugged, I/O error, model finished): the
// Board is unusable from then on.
class BoardGoneError : public DriverError {
 public:
  using DriverError::DriverError;
};

// The board speaks another protocol version.
class ProtocolVersionError : public DriverError {
 public:
  ProtocolVersionError(std::uint32_t board, std::uint32_t driver);
  std::uint32_t board_version;
  std::uint32_t driver_version;
};

// No answer in time (after the retries, for idempotent requests).
class TimeoutError : public DriverError {
 public:
  using DriverError::DriverError;
};

// The board answered, but with a result other than ok (bad_entry, busy, ...).
class RequestRefusedError : public DriverError {
 public:
  RequestRefusedError(const std::string& message, std::uint8_t result_code)
      : DriverError(message), result(result_code) {}
  std::uint8_t result;
};

// The board answered something that does not fit the request (wrong entry
// echoed, SA words not zero after erase, ...).
class ProtocolError : public DriverError {
 public:
  using DriverError::DriverError;
};

// Asked for something the board or the SA table cannot do: a suite the
// build lacks, no free entry, a packet above max_packet_bytes, bad SA
// parameters.
class UnsupportedError : public DriverError {
 public:
  using DriverError::DriverError;
};

}  // namespace ipsec_fpga::driver
