// Child processes for the network lab: started inside a network namespace
// (fork + setns, no shell), optionally in a mount namespace of their own with
// a private /run, output to files, waited for with a deadline and ended by
// their pid only (SIGTERM, then SIGKILL). See docs/e2e-tests.md.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ipsec_fpga::host::lab {

struct ProcessOptions {
  std::vector<std::string> argv;                         // argv[0] is looked up in PATH
  std::string netns;                                     // empty: the caller's network namespace
  std::filesystem::path stdout_file;                     // empty: /dev/null
  std::filesystem::path stderr_file;                     // empty: same as stdout_file
  std::vector<std::pair<std::string, std::string>> env;  // added to the environment
  std::filesystem::path private_run;  // non-empty: own mount namespace, this folder on /run
  std::filesystem::path working_dir;  // non-empty: chdir there
};

// Result of a command run to completion.
struct CommandResult {
  int status = -1;     // exit code; 128 + signal when killed; -1 when it did not finish in time
  std::string output;  // stdout and stderr together
  bool ok() const { return status == 0; }
};

class ChildProcess {
 public:
  ChildProcess() = default;
  // Starts the process; throws std::runtime_error naming argv[0] when the
  // fork fails (errors inside the child, such as a missing program or a
  // namespace that cannot be entered, show in its output file and exit 127).
  explicit ChildProcess(const ProcessOptions& options);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // stop()

  pid_t pid() const { return pid_; }
  const std::string& name() const { return name_; }
  bool running();
  // Exit status once ended (128 + signal for a signal), nullopt while it runs
  // after `timeout`.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  void signal(int sig);
  // SIGCONT + SIGTERM, waits `grace`, then SIGKILL; returns the exit status.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds{5});

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string name_;
};

// Runs a command to completion (stdout+stderr captured), killing it by pid
// after `timeout`.
// `cancel` set: killed like on a timeout.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds{20},
                          const std::string& netns = {}, const std::atomic<bool>* cancel = nullptr);

// The same, throwing std::runtime_error with the command and its output when
// it does not exit with 0.
std::string must_run(const std::vector<std::string>& argv,
                     std::chrono::milliseconds timeout = std::chrono::seconds{20},
                     const std::string& netns = {});

// True when `name` is an executable file in one of PATH's folders (or
// /usr/sbin, /sbin, which a sudo PATH may lack).
bool program_in_path(const std::string& name);

// Joins argv for messages.
std::string command_line(const std::vector<std::string>& argv);

}  // namespace ipsec_fpga::host::lab
