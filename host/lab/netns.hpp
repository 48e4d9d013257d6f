// Network namespaces for the lab (RAII): unique names "<tag>-<pid>-<role>",
// removed by the destructor, and a cleanup of the leftovers of earlier runs of
// the same tag whose process is gone (their processes ended by pid first).
// veth pairs, addresses, routes and /32s on lo (this kernel has no dummy
// links). Documentation addresses only. See docs/e2e-tests.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ipsec_fpga::host::lab {

class Netns {
 public:
  // Creates "<tag>-<pid>-<role>" (`ip netns add`) with lo up.
  Netns(const std::string& tag, const std::string& role);
  ~Netns();  // ends the processes still inside (by pid), then `ip netns del`
  Netns(const Netns&) = delete;
  Netns& operator=(const Netns&) = delete;

  const std::string& name() const { return name_; }

  // Runs `argv` inside; throws with the command's output when it fails.
  std::string run(const std::vector<std::string>& argv) const;
  void link_up(const std::string& dev) const;
  void add_address(const std::string& dev, const std::string& cidr) const;
  void add_loopback_address(const std::string& address) const;  // address/32 on lo
  void add_route(const std::string& destination, const std::string& via_or_dev) const;
  void set_mtu(const std::string& dev, int mtu) const;

 private:
  std::string name_;
};

// A veth pair between two namespaces: `a_dev` in `a`, `b_dev` in `b`, both up.
void add_veth(const Netns& a, const std::string& a_dev, const Netns& b, const std::string& b_dev);

// Deletes namespaces "<tag>-<pid>-*" whose pid is no longer alive (after
// SIGKILL to the pids still inside). Returns the names removed.
std::vector<std::string> cleanup_leftover_namespaces(const std::string& tag);

// Runs `fn` on a thread that has entered the network namespace `name` (for
// sockets: they stay in that namespace afterwards). Exceptions propagate.
void in_netns(const std::string& name, const std::function<void()>& fn);

// Why the lab cannot run here (not root, no `ip`, no /dev/net/tun), or empty.
std::string lab_unavailable_reason();

}  // namespace ipsec_fpga::host::lab
