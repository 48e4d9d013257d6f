// A transport moves the host link's bytes between the driver and a board,
// nothing more: framing, credits and timeouts sit above it (docs/host-link.md,
// "Writing a new transport").
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipsec_fpga::driver {

// The byte stream failed (device gone, I/O error): the link cannot continue.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Sends the bytes in order; returns once the transport has taken them all.
  virtual void send(std::span<const std::uint8_t> bytes) = 0;

  // Returns the bytes that arrived, waiting at most `timeout` for the first
  // one; an empty result means nothing arrived in time. A simulated board
  // advances its clock only inside this call, so a run is deterministic.
  virtual std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) = 0;

  // What this transport is connected to, for messages ("sim: ...", "usb: ...").
  virtual std::string description() const = 0;
};

}  // namespace ipsec_fpga::driver
