#include "host/lab/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "host/lab/process.hpp"

namespace ipsec_fpga::host::lab {
namespace {

std::vector<pid_t> pids_in(const std::string& name) {
  std::vector<pid_t> pids;
  const CommandResult r = run_command({"ip", "netns", "pids", name}, std::chrono::seconds{5});
  std::istringstream in(r.output);
  long pid = 0;
  while (in >> pid)
    if (pid > 1) pids.push_back(static_cast<pid_t>(pid));
  return pids;
}

void end_pids_in(const std::string& name) {
  std::vector<pid_t> pids = pids_in(name);
  if (pids.empty()) return;
  for (pid_t p : pids) ::kill(p, SIGKILL);
  for (int i = 0; i < 50 && !pids_in(name).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
}

}  // namespace

Netns::Netns(const std::string& tag, const std::string& role)
    : name_(tag + "-" + std::to_string(::getpid()) + "-" + role) {
  run_command({"ip", "netns", "del", name_}, std::chrono::seconds{5});  // same pid, earlier run
  must_run({"ip", "netns", "add", name_});
  try {
    link_up("lo");
  } catch (...) {
    run_command({"ip", "netns", "del", name_}, std::chrono::seconds{5});
    throw;
  }
}

Netns::~Netns() {
  try {
    end_pids_in(name_);
    run_command({"ip", "netns", "del", name_}, std::chrono::seconds{10});
  } catch (...) {
  }
}

std::string Netns::run(const std::vector<std::string>& argv) const {
  return must_run(argv, std::chrono::seconds{20}, name_);
}

void Netns::link_up(const std::string& dev) const {
  must_run({"ip", "-n", name_, "link", "set", dev, "up"});
}

void Netns::add_address(const std::string& dev, const std::string& cidr) const {
  must_run({"ip", "-n", name_, "addr", "add", cidr, "dev", dev});
}

void Netns::add_loopback_address(const std::string& address) const {
  add_address("lo", address + "/32");
}

void Netns::add_route(const std::string& destination, const std::string& via_or_dev) const {
  const bool is_address =
      !via_or_dev.empty() && std::isdigit(static_cast<unsigned char>(via_or_dev[0]));
  must_run(
      {"ip", "-n", name_, "route", "replace", destination, is_address ? "via" : "dev", via_or_dev});
}

void Netns::set_mtu(const std::string& dev, int mtu) const {
  must_run({"ip", "-n", name_, "link", "set", dev, "mtu", std::to_string(mtu)});
}

void add_veth(const Netns& a, const std::string& a_dev, const Netns& b, const std::string& b_dev) {
  must_run({"ip", "link", "add", a_dev, "netns", a.name(), "type", "veth", "peer", "name", b_dev,
            "netns", b.name()});
  a.link_up(a_dev);
  b.link_up(b_dev);
}

std::vector<std::string> cleanup_leftover_namespaces(const std::string& tag) {
  std::vector<std::string> removed;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/run/netns", ec)) {
    const std::string name = entry.path().filename().string();
    const std::string prefix = tag + "-";
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const std::size_t dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) continue;
    const std::string pid_text = rest.substr(0, dash);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::stol(pid_text);
    if (pid == ::getpid()) continue;  // ours: the destructors handle them
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;  // still running
    end_pids_in(name);
    run_command({"ip", "netns", "del", name}, std::chrono::seconds{10});
    removed.push_back(name);
  }
  return removed;
}

void in_netns(const std::string& name, const std::function<void()>& fn) {
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      const int fd = ::open(("/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        throw std::runtime_error("network namespace " + name + ": " + std::strerror(errno));
      const int rc = ::setns(fd, CLONE_NEWNET);
      const int err = errno;
      ::close(fd);
      if (rc != 0)
        throw std::runtime_error("entering network namespace " + name + ": " + std::strerror(err));
      fn();
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  if (error) std::rethrow_exception(error);
}

std::string lab_unavailable_reason() {
  if (::geteuid() != 0) return "needs root (network namespaces, veth, TUN devices)";
  if (!std::filesystem::exists("/dev/net/tun")) return "/dev/net/tun is missing";
  if (!program_in_path("ip")) return "the `ip` command (iproute2) is not available";
  if (!program_in_path("ping")) return "no ping (Debian package iputils-ping)";
  return {};
}

}  // namespace ipsec_fpga::host::lab
