#pragma once
// Thrown inside the ISAKMP decoder when input breaks a rule; the public
// decode functions catch it and return its reason as an Error.

#include <stdexcept>
#include <string>

namespace ipsec_fpga::ike {

class MalformedMessage : public std::runtime_error {
 public:
  explicit MalformedMessage(const std::string& reason) : std::runtime_error(reason) {}
};

}  // namespace ipsec_fpga::ike
