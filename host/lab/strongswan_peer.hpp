// A strongSwan charon (IKEv1, kernel-libipsec) as a lab peer: its own
// network namespace, its own mount namespace with a private /run (the pid
// file path is compiled in), its own strongswan.conf (explicit plugin list,
// kernel-libipsec before kernel-netlink, a vici socket in its folder, a file
// log with an optional key-material level) and a swanctl.conf written from a
// small description. Facts: /work/shared/spec/strongswan-notes.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "host/lab/process.hpp"

namespace ipsec_fpga::host::lab {

struct SwanConnection {
  std::string name = "lab";
  bool aggressive = false;
  std::string local_address;  // the WAN addresses
  std::string remote_address;
  std::string local_id;   // empty: the local address
  std::string remote_id;  // empty: the remote address
  std::string ike_proposal = "aes128-sha1-modp2048";
  std::string esp_proposal = "aes128-sha1";
  std::string psk;  // written to swanctl.conf (mode 600) only, never logged
  std::string local_ts;
  std::string remote_ts;
  bool initiator = false;  // start_action = start (kernel-libipsec has no trap)
};

struct SwanOptions {
  bool log_keys = true;          // ike = 4, chd = 4: ESP keys for tshark
  int retransmit_timeout_s = 2;  // charon.retransmit_timeout
  int retransmit_tries = 3;      // charon.retransmit_tries
  bool allow_aggressive_psk_responder = true;
};

// One ESP SA as charon reports it (swanctl --list-sas).
struct SwanChildSa {
  std::string state;   // INSTALLED, ...
  std::string spi_in;  // hex, 8 digits
  std::string spi_out;
  std::uint64_t bytes_in = 0, packets_in = 0, bytes_out = 0, packets_out = 0;
};

// The Quick Mode keys of one CHILD_SA as charon logs them at chd level 4
// (hex): the initiator's protect initiator -> responder traffic.
struct QuickModeKeys {
  std::string encryption_initiator, encryption_responder;  // GCM: key + 4-byte salt
  std::string integrity_initiator, integrity_responder;    // empty for AEAD
};

// The keys of one ESP SA with its SPI and outer addresses (for tshark).
struct EspSaKeys {
  std::string spi;  // hex, 8 digits
  std::string source, destination;
  std::string encryption_key;
  std::string integrity_key;
};

class StrongswanPeer {
 public:
  // `dir` is created and holds every file of this instance.
  StrongswanPeer(std::string netns, std::filesystem::path dir, SwanConnection connection,
                 SwanOptions options = {});
  ~StrongswanPeer();
  StrongswanPeer(const StrongswanPeer&) = delete;
  StrongswanPeer& operator=(const StrongswanPeer&) = delete;

  // Writes the configs, starts charon, waits for its vici socket and loads
  // swanctl.conf. Throws with the charon output when it fails.
  void start(std::chrono::milliseconds timeout = std::chrono::seconds{10});
  // swanctl --initiate --child <name>-net; true when it reports success.
  bool initiate(std::chrono::seconds timeout = std::chrono::seconds{30});
  // Polls --list-sas until the CHILD_SA is INSTALLED.
  std::optional<SwanChildSa> wait_installed(std::chrono::milliseconds timeout);
  std::optional<SwanChildSa> child_sa();
  // Every CHILD_SA of --list-sas (old and new ones after a peer restart), and
  // the number of IKE_SAs.
  std::vector<SwanChildSa> child_sas();
  int ike_sa_count();
  std::string list_sas();
  CommandResult swanctl(const std::vector<std::string>& args,
                        std::chrono::milliseconds timeout = std::chrono::seconds{20});
  void stop();

  // The two ESP SAs of `sa` (out, then in) with the keys charon logged for
  // its first CHILD_SA (needs log_keys); empty when they are not in the log.
  std::vector<EspSaKeys> esp_keys(const SwanChildSa& sa) const;

  pid_t pid() const { return charon_.pid(); }
  bool running() { return charon_.running(); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path log_file() const { return dir_ / "charon.log"; }
  std::filesystem::path vici_uri_path() const { return dir_ / "charon.vici"; }
  const SwanConnection& connection() const { return connection_; }

  static std::filesystem::path charon_path();  // /usr/lib/ipsec/charon
  // Why charon cannot run here (missing charon, swanctl, plugins), or empty.
  static std::string unavailable_reason();

  // The text of the two files (for tests and for the docs).
  std::string strongswan_conf() const;
  std::string swanctl_conf() const;

 private:
  std::string netns_;
  std::filesystem::path dir_;
  SwanConnection connection_;
  SwanOptions options_;
  ChildProcess charon_;
};

// Parses `swanctl --list-sas` output: the first CHILD_SA.
std::optional<SwanChildSa> parse_child_sa(const std::string& list_sas_output);
// Every CHILD_SA, in the order listed.
std::vector<SwanChildSa> parse_child_sas(const std::string& list_sas_output);
// The number of IKE_SAs ("lab: #2, ESTABLISHED, IKEv1, ...").
int count_ike_sas(const std::string& list_sas_output);
// Parses a charon log (chd 4) for the Quick Mode keys, in the order logged.
std::vector<QuickModeKeys> parse_quick_mode_keys(const std::string& charon_log);

}  // namespace ipsec_fpga::host::lab
