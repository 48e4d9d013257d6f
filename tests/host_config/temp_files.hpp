#pragma once
// A temporary folder for test files (key files with chosen modes, configs,
// logs, unix sockets); removed on scope exit. Shared by tests/host_config and
// tests/host_cli (through its test_support.hpp). It is made under /tmp with a
// short name, not under $TMPDIR: a unix socket path inside it must fit in
// 108 bytes.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::host::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "ipf") {
    std::string pattern = "/tmp/" + prefix + "_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // The full path of `name` inside the folder (not created).
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  // Writes `name` with `contents` and chmod `mode`; returns its full path.
  std::string write(const std::string& name, const std::string& contents,
                    mode_t mode = 0600) const {
    std::filesystem::path f = path_ / name;
    {
      std::ofstream out(f, std::ios::binary | std::ios::trunc);
      out << contents;
    }
    if (::chmod(f.c_str(), mode) != 0) throw std::runtime_error("chmod failed");
    return f.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ipsec_fpga::host::test
