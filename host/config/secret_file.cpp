#include "host/config/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ipsec_fpga::host {
namespace {

constexpr std::size_t max_secret_file_size = 64 * 1024;

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

int hex_value(std::uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ike::Result<ike::SecureBytes> read_secret_file(const std::string& path) {
  // Checked on the open descriptor, so the file read is the file checked.
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) return ike::Error{"cannot open " + path + ": " + std::strerror(errno)};
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return ike::Error{"cannot stat " + path + ": " + std::strerror(errno)};
  }
  if (!S_ISREG(status.st_mode)) return ike::Error{path + " is not a regular file"};
  if ((status.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) != 0) {
    return ike::Error{path + " has mode " + octal_mode(status.st_mode) +
                      ": a key file must not be readable or writable by group or others "
                      "(chmod 600 " +
                      path + ")"};
  }
  if (static_cast<std::size_t>(status.st_size) > max_secret_file_size) {
    return ike::Error{path + " is larger than " + std::to_string(max_secret_file_size) + " bytes"};
  }
  ike::SecureBytes contents(static_cast<std::size_t>(status.st_size));
  std::size_t filled = 0;
  while (filled < contents.size()) {
    ssize_t got = ::read(file.get(), contents.data() + filled, contents.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ike::Error{"cannot read " + path + ": " + std::strerror(errno)};
    if (got == 0) break;  // shrank meanwhile
    filled += static_cast<std::size_t>(got);
  }
  contents.truncate(filled);
  return contents;
}

ike::Result<ike::SecureBytes> decode_secret_hex(ike::ByteView hex) {
  std::size_t digits = 0;
  for (std::uint8_t c : hex) {
    if (is_space(c)) continue;
    if (hex_value(c) < 0) return ike::Error{"is not hexadecimal"};
    ++digits;
  }
  if (digits % 2 != 0) return ike::Error{"has an odd number of hex digits"};
  ike::SecureBytes out(digits / 2);
  std::size_t nibble = 0;
  for (std::uint8_t c : hex) {
    if (is_space(c)) continue;
    auto value = static_cast<std::uint8_t>(hex_value(c));
    std::uint8_t& byte = out.data()[nibble / 2];
    byte = (nibble % 2 == 0) ? static_cast<std::uint8_t>(value << 4)
                             : static_cast<std::uint8_t>(byte | value);
    ++nibble;
  }
  return out;
}

ike::Result<ike::SecureBytes> decode_pre_shared_key(ike::ByteView text) {
  std::size_t size = text.size();
  while (size > 0 && is_space(text[size - 1])) --size;
  text = text.first(size);
  const std::string too_short =
      "is too short (at least " + std::to_string(min_pre_shared_key_size) + " characters, or " +
      std::to_string(2 * min_pre_shared_key_size) + " hex digits after \"0x\")";
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    auto key = decode_secret_hex(text.subspan(2));
    if (!key) return ike::Error{"is not valid hex after \"0x\" (it " + key.reason() + ")"};
    if (key->size() < min_pre_shared_key_size) return ike::Error{too_short};
    return key;
  }
  if (text.size() < min_pre_shared_key_size) return ike::Error{too_short};
  return ike::SecureBytes(text);
}

}  // namespace ipsec_fpga::host
