// Traffic checks through a tunnel: ping (iputils) and a TCP transfer of a
// seeded byte stream, one way or both at once, verified byte for byte on the
// receiving side (and summarised by the SHA-256 of each stream).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ipsec_fpga::host::lab {

// The seeded stream: block i (32 bytes) = SHA-256(seed as 8 bytes LE | i as 8 bytes LE).
class SeededStream {
 public:
  explicit SeededStream(std::uint64_t seed);
  // Fills `out` with the next bytes of the stream.
  void next(std::uint8_t* out, std::size_t n);

 private:
  std::uint64_t seed_;
  std::uint64_t block_ = 0;
  std::uint8_t current_[32]{};
  std::size_t used_ = 32;
};

// Hex SHA-256 of the first `bytes` of stream `seed`.
std::string seeded_stream_sha256(std::uint64_t seed, std::uint64_t bytes);

struct PingResult {
  int sent = 0;
  int received = 0;
  std::string output;
};
// `ping -c count -I source destination` inside `netns`.
PingResult ping(const std::string& netns, const std::string& source, const std::string& destination,
                int count, std::chrono::milliseconds interval = std::chrono::milliseconds{200},
                const std::atomic<bool>* cancel = nullptr);

struct TransferOptions {
  std::string server_netns;
  std::string server_address;  // listen on it (a protected address)
  std::uint16_t port = 5001;
  std::string client_netns;
  std::string client_address;         // bind to it (a protected address)
  std::uint64_t to_server_bytes = 0;  // client -> server
  std::uint64_t to_client_bytes = 0;  // server -> client
  std::uint64_t seed = 1;             // client -> server uses seed, the other way seed + 1
  std::chrono::milliseconds timeout{60000};
  const std::atomic<bool>* cancel = nullptr;  // set: the transfer stops with "interrupted"
};

struct DirectionResult {
  std::uint64_t expected = 0;
  std::uint64_t received = 0;
  bool intact = false;                 // every byte as expected and all of them
  std::uint64_t first_difference = 0;  // offset, when !intact and received > it
  std::string sha256_expected, sha256_received;
  double seconds = 0;  // first byte sent .. last byte received
};

struct TransferResult {
  DirectionResult to_server, to_client;
  double seconds = 0;
  std::string error;  // connect/timeout/socket errors
  bool ok() const { return error.empty() && to_server.intact && to_client.intact; }
  std::string summary() const;
};

TransferResult tcp_transfer(const TransferOptions& options);

// One end of a transfer on a connected TCP socket `fd` (ipsec-fpga-traffic):
// sends `send_bytes` of stream `send_seed` while checking `expect_bytes` of
// stream `expect_seed`. The client -> server stream uses the seed, the other
// direction seed + 1 (as tcp_transfer).
struct EndpointResult {
  std::uint64_t sent = 0;
  DirectionResult received;
  std::string error;
  bool ok() const { return error.empty() && received.intact; }
};
EndpointResult run_endpoint(int fd, std::uint64_t send_bytes, std::uint64_t send_seed,
                            std::uint64_t expect_bytes, std::uint64_t expect_seed,
                            std::chrono::milliseconds timeout);

}  // namespace ipsec_fpga::host::lab
