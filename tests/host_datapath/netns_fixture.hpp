// Network namespaces for the end-to-end data path tests: two namespaces
// joined by a veth pair (documentation addresses only), created with `ip`
// and always deleted (destructor; also when the constructor fails half
// way). Names carry the pid so parallel runs do not collide. A thread enters
// a namespace with NetnsEntry (setns) to open sockets and TUN devices there;
// they stay in that namespace whichever thread uses them afterwards.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ipsec_fpga::host::test {

// Runs a command (no shell), waits at most `timeout`; on timeout kills that
// child by its pid. Returns the exit status (-1: did not finish).
inline int run_command(const std::vector<std::string>& argv,
                       std::chrono::milliseconds timeout = std::chrono::seconds{10}) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDOUT_FILENO);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
}

inline void must_run(const std::vector<std::string>& argv) {
  if (run_command(argv) != 0) {
    std::string line;
    for (const std::string& a : argv) line += a + " ";
    throw std::runtime_error("command failed: " + line);
  }
}

// Why the end-to-end tests cannot run here, or empty.
inline std::string netns_unavailable_reason() {
  if (::geteuid() != 0) return "needs root (network namespaces, TUN devices, raw sockets)";
  if (!std::filesystem::exists("/dev/net/tun")) return "/dev/net/tun is missing";
  if (run_command({"ip", "-V"}) != 0) return "the `ip` command (iproute2) is not available";
  return {};
}

// Puts the calling thread into a namespace until destroyed.
class NetnsEntry {
 public:
  explicit NetnsEntry(const std::string& name) {
    original_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    const int target = ::open(("/var/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
    if (original_ < 0 || target < 0 || ::setns(target, CLONE_NEWNET) != 0) {
      const std::string error = std::strerror(errno);
      if (target >= 0) ::close(target);
      if (original_ >= 0) ::close(original_);
      throw std::runtime_error("entering network namespace " + name + ": " + error);
    }
    ::close(target);
  }
  ~NetnsEntry() {
    [[maybe_unused]] int rc = ::setns(original_, CLONE_NEWNET);
    ::close(original_);
  }
  NetnsEntry(const NetnsEntry&) = delete;
  NetnsEntry& operator=(const NetnsEntry&) = delete;

 private:
  int original_ = -1;
};

// Deletes "<prefix>a<pid>" / "<prefix>b<pid>" namespaces whose test process
// is gone: a run that CTest killed on timeout never reached its destructor.
// Namespaces of live processes (parallel runs) are left alone.
inline void remove_dead_runs_namespaces(const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < prefix.size() + 2 || name.rfind(prefix, 0) != 0) continue;
    const char side = name[prefix.size()];
    const std::string pid_text = name.substr(prefix.size() + 1);
    if ((side != 'a' && side != 'b') ||
        pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9)
      continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno == EPERM) continue;  // still running
    run_command({"ip", "netns", "del", name});
  }
}

// Namespaces "<prefix>a<pid>" and "<prefix>b<pid>", veth "<prefix>va<pid>"
// (192.0.2.1/24 in a) and "<prefix>vb<pid>" (192.0.2.2/24 in b).
struct NamespacePair {
  std::string a, b;
  std::string veth_a, veth_b;
  static constexpr const char* wan_a = "192.0.2.1";
  static constexpr const char* wan_b = "192.0.2.2";

  explicit NamespacePair(const std::string& prefix) {
    const std::string pid = std::to_string(::getpid());
    a = prefix + "a" + pid;
    b = prefix + "b" + pid;
    veth_a = prefix + "va" + pid;
    veth_b = prefix + "vb" + pid;
    remove_dead_runs_namespaces(prefix);
    try {
      must_run({"ip", "netns", "add", a});
      must_run({"ip", "netns", "add", b});
      must_run({"ip", "-n", a, "link", "add", veth_a, "type", "veth", "peer", "name", veth_b,
                "netns", b});
      for (const auto& [ns, dev, addr] : {std::tuple{a, veth_a, std::string(wan_a) + "/24"},
                                          std::tuple{b, veth_b, std::string(wan_b) + "/24"}}) {
        must_run({"ip", "-n", ns, "addr", "add", addr, "dev", dev});
        must_run({"ip", "-n", ns, "link", "set", dev, "up"});
        must_run({"ip", "-n", ns, "link", "set", "lo", "up"});
      }
    } catch (...) {
      remove();
      throw;
    }
  }
  ~NamespacePair() { remove(); }
  NamespacePair(const NamespacePair&) = delete;
  NamespacePair& operator=(const NamespacePair&) = delete;

 private:
  void remove() {
    // Deleting a namespace deletes its end of the veth and the other end with it.
    run_command({"ip", "netns", "del", a});
    run_command({"ip", "netns", "del", b});
  }
};

}  // namespace ipsec_fpga::host::test
