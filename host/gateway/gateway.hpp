// The IPsec gateway (docs/gateway.md): the IKE engine (ike/), the board
// (driver::Board), the data path (TUN, ESP sockets, SPD) and the IPSec log
// put together. run() is the IKE thread: it polls the UDP 500 socket, an
// eventfd for requests from other threads and a ~100 ms tick, and carries
// out what the engine asks (send, install, delete, log). The Datapath runs
// its own two threads. Every engine call happens on the IKE thread.
//
//   GatewayConfig config = parse_config_file("/etc/ipsec-fpga/gateway.toml");
//   Gateway gateway(config, "sim:", {.log_file = "/var/log/ipsec-fpga.log"});
//   std::thread t([&] { gateway.run(); });      // or run() on the main thread
//   ... gateway.request_reload(parse_config_file(...));  // SIGHUP
//   gateway.request_stop();                      // SIGTERM
//   t.join();
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/config/gateway_config.hpp"
#include "host/control/gateway_status.hpp"
#include "host/log/log_entry.hpp"

namespace ipsec_fpga::driver {
class Board;
}

namespace ipsec_fpga::host {

class IpsecLog;

// Start-up failures (board, TUN, sockets, log file) name what failed.
class GatewayError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What GatewayOptions::installed_sa_observer is shown of one IKE-negotiated
// SA: enough for a test to have tshark decrypt a capture of its ESP. The
// key views point into the gateway's own copies and are valid only during
// the call.
struct InstalledSaKeys {
  int rule = 0;
  bool inbound = false;  // as the board sees it: ESP from `source` to us
  std::uint32_t spi = 0;
  std::string source, destination;  // the outer IPv4 addresses of this SA's ESP
  bool udp_encapsulated = false;    // RFC 3948 (UDP 4500), else raw ESP
  std::string suite;                // suite_name(): "aes128-cbc/hmac-sha1-96", "aes128-gcm"
  std::span<const std::uint8_t> encryption_key;  // AES-GCM: the key, then the 4-byte salt
  std::span<const std::uint8_t> integrity_key;   // empty for AES-GCM
};

struct GatewayOptions {
  // Empty: the config's [gateway] values (lan_interface, log_file, wan_interface).
  std::string tun_name;
  std::string log_file;  // "-": memory only (no file)
  std::string wan_interface;
  std::string config_file;    // for status(); "" if not from a file
  std::string version;        // for status()
  bool configure_tun = true;  // address/routes from the config's lan_address
  // The ~100 ms IKE tick; tests shorten it.
  std::chrono::milliseconds tick{100};
  // IKE tunables (retransmit timers). Default: ike::EngineSettings' own.
  std::optional<std::uint64_t> retransmit_timeout_ms;
  std::optional<int> retransmit_tries;  // retransmits before "!! Too many errors! Deleting SA"
  // A rule still without SA reports "Cannot find outbound SA" (and asks
  // IKE again) at most this often. Default: the Datapath's (10 s).
  std::optional<std::chrono::seconds> negotiation_notice_interval;
  // IPsec SAs are rekeyed (a new Quick Mode) when this fraction of their
  // lifetime (seconds, or kilobytes: the board's soft limit) is used.
  // Outside (0, 1): no rekeying (SAs simply expire).
  double rekey_fraction = 0.8;
  // After a rekey the old pair stays this long (packets the peer sent
  // before it switched), then it is deleted (the peer is told).
  std::chrono::milliseconds rekey_overlap{1000};
  // How long a reserved inbound SPI waits for its Quick Mode to finish.
  std::chrono::seconds spi_reservation{90};
  // Seed for the IKE random source (tests); nullopt: OpenSSL's RNG.
  std::optional<std::uint64_t> random_seed;
  // A diagnostic for tests that run the Gateway in their own process
  // (docs/gateway.md, "Captures decrypted by tshark"): called on the IKE
  // thread once per direction after an IKE-negotiated SA pair is on the
  // board (not for manual keys: the config has those), so that a test can
  // hand the keys to tshark. The gateway makes no copy for it; the observer
  // zeroes any copy it keeps. The CLI never sets it, and nothing it is shown
  // goes to the log, an error or a file. Empty (the default): not called.
  std::function<void(const InstalledSaKeys&)> installed_sa_observer = {};
};

class Gateway {
 public:
  // Opens the board by URI ("sim:", "usb:..."; empty: config.gateway.board),
  // the log, the TUN device and the sockets in the calling thread's network
  // namespace. Throws GatewayError naming what failed (the board, the TUN
  // device, a socket, the log file, the WAN address).
  Gateway(GatewayConfig config, const std::string& board_uri, GatewayOptions options = {});
  // The same on a board the caller opened (must outlive the Gateway).
  Gateway(GatewayConfig config, driver::Board& board, GatewayOptions options = {});
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Erases stale SAs from the board, installs manual-key rules, starts the
  // data path and runs the IKE loop until request_stop(); then deletes
  // every SA (Delete payloads to the peers, board entries erased and read
  // back as zero), zeroes keys and closes the TUN. Call once. Returns 0, or
  // 1 if the board was lost (the log and stderr say why).
  int run();

  // Thread-safe. request_stop() only sets a flag and writes an eventfd, so
  // it is async-signal-safe; request_reload() takes a lock (call it from a
  // signal-handling thread, not from a signal handler).
  void request_stop();
  // Applies `config` on the IKE thread: rules that did not change keep
  // their tunnels; removed and changed rules lose their SAs; new rules
  // become available. [gateway] changes other than limits need a restart
  // (logged to stderr).
  void request_reload(GatewayConfig config);

  // Thread-safe snapshots.
  GatewayStatus status() const;
  std::vector<SaRow> sa_table();  // read back from the board (Board::sa_status)
  std::vector<LogEntry> log_entries() const;
  bool running() const { return running_.load(); }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> running_{false};
};

}  // namespace ipsec_fpga::host
