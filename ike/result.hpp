#pragma once
// Result<T>: a value or the reason it could not be produced (C++20 has no
// std::expected). Decoders and key derivation return it so bad input is an
// answer, never a crash.

#include <string>
#include <utility>
#include <variant>

namespace ipsec_fpga::ike {

struct Error {
  std::string reason;
};

template <class T>
class Result {
 public:
  Result(T value)
      : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const std::string& reason() const { return std::get<1>(state_).reason; }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace ipsec_fpga::ike
