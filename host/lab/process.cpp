#include "host/lab/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ipsec_fpga::host::lab {
namespace {

// Everything the child needs, prepared before fork (the child only makes
// system calls).
struct ChildPlan {
  std::vector<std::string> argv_storage;
  std::vector<char*> argv;
  std::vector<std::string> env_storage;
  std::vector<char*> envp;
  int netns_fd = -1;
  int out_fd = -1;
  int err_fd = -1;
  int in_fd = -1;
  std::string private_run;
  std::string working_dir;
  pid_t parent = 0;
};

[[noreturn]] void child_fail(int fd, const char* what) {
  const char* err = std::strerror(errno);
  if (fd >= 0) {
    (void)!::write(fd, "lab: ", 5);
    (void)!::write(fd, what, std::strlen(what));
    (void)!::write(fd, ": ", 2);
    (void)!::write(fd, err, std::strlen(err));
    (void)!::write(fd, "\n", 1);
  }
  ::_exit(127);
}

[[noreturn]] void run_child(const ChildPlan& plan) {
  ::setpgid(0, 0);  // a terminal's Ctrl-C goes to the lab's owner, which stops us in order
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != plan.parent) ::_exit(127);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (plan.in_fd >= 0) ::dup2(plan.in_fd, STDIN_FILENO);
  if (plan.out_fd >= 0) ::dup2(plan.out_fd, STDOUT_FILENO);
  if (plan.err_fd >= 0) ::dup2(plan.err_fd, STDERR_FILENO);
  if (plan.netns_fd >= 0 && ::setns(plan.netns_fd, CLONE_NEWNET) != 0)
    child_fail(STDERR_FILENO, "setns (network namespace)");
  if (!plan.private_run.empty()) {
    if (::unshare(CLONE_NEWNS) != 0) child_fail(STDERR_FILENO, "unshare (mount namespace)");
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
      child_fail(STDERR_FILENO, "mount --make-rprivate /");
    if (::mount(plan.private_run.c_str(), "/run", nullptr, MS_BIND, nullptr) != 0)
      child_fail(STDERR_FILENO, "bind mount of the private /run");
  }
  if (!plan.working_dir.empty() && ::chdir(plan.working_dir.c_str()) != 0)
    child_fail(STDERR_FILENO, "chdir");
  ::execvpe(plan.argv[0], plan.argv.data(), plan.envp.data());
  child_fail(STDERR_FILENO, plan.argv[0]);
}

int open_output(const std::filesystem::path& path) {
  if (path.empty()) return ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  return fd;
}

int open_netns(const std::string& name) {
  if (name.empty()) return -1;
  const std::string path = "/run/netns/" + name;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("network namespace " + name + ": " + std::strerror(errno));
  return fd;
}

ChildPlan make_plan(const ProcessOptions& options) {
  if (options.argv.empty()) throw std::invalid_argument("lab: empty command");
  ChildPlan plan;
  plan.argv_storage = options.argv;
  for (std::string& a : plan.argv_storage) plan.argv.push_back(a.data());
  plan.argv.push_back(nullptr);
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    bool replaced = false;
    for (const auto& [k, v] : options.env)
      if (entry.rfind(k + "=", 0) == 0) replaced = true;
    if (!replaced) plan.env_storage.push_back(entry);
  }
  for (const auto& [k, v] : options.env) plan.env_storage.push_back(k + "=" + v);
  for (std::string& e : plan.env_storage) plan.envp.push_back(e.data());
  plan.envp.push_back(nullptr);
  plan.private_run = options.private_run.string();
  plan.working_dir = options.working_dir.string();
  plan.parent = ::getpid();
  return plan;
}

void close_plan(ChildPlan& plan) {
  for (int* fd : {&plan.netns_fd, &plan.out_fd, &plan.err_fd, &plan.in_fd}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

bool program_in_path(const std::string& name) {
  std::string path = ::getenv("PATH") != nullptr ? ::getenv("PATH") : "";
  path += ":/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find(':', start), path.size());
    const std::string dir = path.substr(start, end - start);
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& a : argv) {
    if (!line.empty()) line += ' ';
    line += a;
  }
  return line;
}

ChildProcess::ChildProcess(const ProcessOptions& options) : name_(options.argv.at(0)) {
  ChildPlan plan = make_plan(options);
  try {
    plan.netns_fd = open_netns(options.netns);
    plan.out_fd = open_output(options.stdout_file);
    plan.err_fd =
        options.stderr_file.empty() ? ::dup(plan.out_fd) : open_output(options.stderr_file);
    plan.in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  } catch (...) {
    close_plan(plan);
    throw;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string error = std::strerror(errno);
    close_plan(plan);
    throw std::runtime_error("lab: cannot start " + name_ + ": fork: " + error);
  }
  if (pid == 0) run_child(plan);
  pid_ = pid;
  close_plan(plan);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      status_(std::exchange(other.status_, std::nullopt)),
      name_(std::move(other.name_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    stop();
    pid_ = std::exchange(other.pid_, -1);
    status_ = std::exchange(other.status_, std::nullopt);
    name_ = std::move(other.name_);
  }
  return *this;
}

ChildProcess::~ChildProcess() { stop(); }

bool ChildProcess::running() { return pid_ > 0 && !wait_for(std::chrono::milliseconds{0}); }

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno == ECHILD)) {
      status_ = done == pid_ ? decode_status(status) : -1;
      return status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

void ChildProcess::signal(int sig) {
  if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

int ChildProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (!status_) {
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGTERM);
    if (!wait_for(grace)) {
      ::kill(pid_, SIGKILL);
      wait_for(std::chrono::seconds{10});
    }
  }
  return status_.value_or(-1);
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::string& netns, const std::atomic<bool>* cancel) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("lab: pipe: ") + std::strerror(errno));
  ProcessOptions options;
  options.argv = argv;
  ChildPlan plan = make_plan(options);
  try {
    plan.netns_fd = open_netns(netns);
  } catch (...) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw;
  }
  plan.out_fd = pipe_fds[1];
  plan.err_fd = ::dup(pipe_fds[1]);
  plan.in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t pid = ::fork();
  if (pid == 0) run_child(plan);
  close_plan(plan);
  CommandResult result;
  if (pid < 0) {
    ::close(pipe_fds[0]);
    result.output = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool killed = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || (cancel != nullptr && cancel->load())) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd p{pipe_fds[0], POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 200)));
    if (n < 0 && errno != EINTR) break;
    if (n > 0) {
      char buf[4096];
      const ssize_t got = ::read(pipe_fds[0], buf, sizeof buf);
      if (got > 0) {
        result.output.append(buf, static_cast<std::size_t>(got));
        continue;
      }
      if (got == 0) break;  // every writer closed
    }
  }
  ::close(pipe_fds[0]);
  int status = 0;
  // A child that closed its output but still runs (rare) gets the rest of the deadline.
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, killed ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0) return result;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      killed = true;
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  result.status = killed ? -1 : decode_status(status);
  return result;
}

std::string must_run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                     const std::string& netns) {
  CommandResult r = run_command(argv, timeout, netns);
  if (!r.ok()) {
    std::string where = netns.empty() ? "" : " (in network namespace " + netns + ")";
    throw std::runtime_error("command failed" + where + " with status " + std::to_string(r.status) +
                             ": " + command_line(argv) + "\n" + r.output);
  }
  return r.output;
}

}  // namespace ipsec_fpga::host::lab
