// `ipsec-fpga demo` as a user runs it: the whole demo (exit 0, the IPSec log,
// the SA table, intact transfers, the capture check), nothing left behind;
// Ctrl-C in the middle (exit 130, namespaces and processes gone); --help and
// a bad option.
#define BOOST_TEST_MODULE e2e_demo
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "e2e_fixture.hpp"
#include "e2e_ipsec_fpga_main.hpp"

namespace {

using namespace e2e;
namespace fs = std::filesystem;

// Namespaces of the demo process `pid` still present.
std::vector<std::string> demo_namespaces(pid_t pid) {
  std::vector<std::string> left;
  std::error_code ec;
  const std::string prefix = "ipsec-fpga-demo-" + std::to_string(pid) + "-";
  for (const auto& e : fs::directory_iterator("/run/netns", ec))
    if (e.path().filename().string().rfind(prefix, 0) == 0) left.push_back(e.path().filename());
  return left;
}

std::vector<pid_t> pids_in(const std::string& text, const std::regex& pattern) {
  std::vector<pid_t> pids;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it)
    pids.push_back(static_cast<pid_t>(std::stol((*it)[1])));
  return pids;
}

bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

struct Output {
  fs::path file = fs::temp_directory_path() / ("e2e-demo-" + std::to_string(::getpid()) + ".out");
  ~Output() { fs::remove(file); }
};

// `ipsec-fpga demo --bytes BYTES`, its output into `out`.
lab::ChildProcess start_demo(const std::string& bytes, const Output& out) {
  lab::ProcessOptions p;
  p.argv = {program(), "demo", "--bytes", bytes};
  p.stdout_file = out.file;
  return lab::ChildProcess(p);
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_and_bad_option) {
  const lab::CommandResult help = lab::run_command({program(), "demo", "--help"});
  BOOST_CHECK_EQUAL(help.status, 0);
  BOOST_CHECK(help.output.find("--suite") != std::string::npos);
  const lab::CommandResult bad = lab::run_command({program(), "demo", "--suite", "rot13"});
  BOOST_CHECK_EQUAL(bad.status, 2);
  BOOST_CHECK(bad.output.find("unknown suite 'rot13'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(whole_demo) {
  Steps step;
  Output out;
  lab::ChildProcess demo = start_demo("100000", out);
  const auto status = demo.wait_for(std::chrono::seconds{120});
  const std::string text = read_file(out.file);
  step("demo output:\n" + text);
  BOOST_REQUIRE_MESSAGE(status, "the demo did not finish in 120 s");
  BOOST_CHECK_EQUAL(*status, 0);
  for (const char* expected :
       {"== IPSec log (the router's view) ==", "Send Main Mode request to <192.0.2.2>",
        "Phase 1 IKE SA process done", "== SA table (ipsec-fpga sa) ==", "aes128-cbc/hmac-sha1-96",
        "== Throughput ==", "ping: 5/5 replies", "100000 bytes in",
        "ICV good, 0 ICV bad, 0 unchecked, 0 not decrypted"})
    BOOST_CHECK_MESSAGE(text.find(expected) != std::string::npos, "no '" << expected << "'");
  BOOST_CHECK(text.find("NOT intact") == std::string::npos);
  BOOST_CHECK(demo_namespaces(demo.pid()).empty());
  for (pid_t pid : pids_in(text, std::regex(R"(\(charon pid (\d+))")))
    BOOST_CHECK_MESSAGE(!alive(pid), "charon " << pid << " still runs");
  for (pid_t pid : pids_in(text, std::regex(R"(simulated board \(pid (\d+)\))")))
    BOOST_CHECK_MESSAGE(!alive(pid), "ipsec-fpga run " << pid << " still runs");
}

BOOST_AUTO_TEST_CASE(ctrl_c_cleans_up) {
  Steps step;
  Output out;
  lab::ChildProcess demo = start_demo("5000000", out);
  const auto deadline = Clock::now() + std::chrono::seconds{60};
  while (read_file(out.file).find("TCP transfer:") == std::string::npos &&
         Clock::now() < deadline && demo.running())
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  std::this_thread::sleep_for(std::chrono::seconds{1});  // in the middle of the transfer
  step("SIGINT to the demo (pid " + std::to_string(demo.pid()) + ")");
  demo.signal(SIGINT);
  const auto status = demo.wait_for(std::chrono::seconds{30});
  const std::string text = read_file(out.file);
  step("demo output:\n" + text);
  BOOST_REQUIRE_MESSAGE(status, "the demo did not stop within 30 s of SIGINT");
  BOOST_CHECK_EQUAL(*status, 130);
  BOOST_CHECK(text.find("interrupted: cleaning up") != std::string::npos);
  BOOST_CHECK(demo_namespaces(demo.pid()).empty());
  const auto pids = pids_in(text, std::regex(R"(pid (\d+)[,)])"));
  BOOST_CHECK_GE(pids.size(), 2u);
  for (pid_t pid : pids) BOOST_CHECK_MESSAGE(!alive(pid), "process " << pid << " still runs");
  const std::smatch m = [&] {
    std::smatch r;
    std::regex_search(text, r, std::regex(R"(files in (\S+))"));
    return r;
  }();
  if (!m.empty()) BOOST_CHECK_MESSAGE(!fs::exists(m[1].str()), m[1].str() << " was not removed");
}
