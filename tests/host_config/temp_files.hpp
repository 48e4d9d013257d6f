#pragma once
// A temporary folder for key files with chosen modes; removed on scope exit.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::host::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "host_config_XXXXXX").string();
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

  // Writes `name` with `contents` and chmod `mode`; returns its full path.
  std::string write(const std::string& name, const std::string& contents, mode_t mode) const {
    std::filesystem::path file = path_ / name;
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << contents;
    }
    if (::chmod(file.c_str(), mode) != 0) throw std::runtime_error("chmod failed");
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ipsec_fpga::host::test
