#include "tshark_esp.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ipsec_fpga::verif::esp {

namespace {

const char* wireshark_encryption(Cipher cipher) {
  switch (cipher) {
    case Cipher::null:
      return "NULL";
    case Cipher::des_cbc:
      return "DES-CBC [RFC2405]";
    case Cipher::des3_cbc:
      return "TripleDES-CBC [RFC2451]";
    case Cipher::aes128_cbc:
    case Cipher::aes192_cbc:
    case Cipher::aes256_cbc:
      return "AES-CBC [RFC3602]";
    case Cipher::aes128_gcm16:
    case Cipher::aes256_gcm16:
      return "AES-GCM with 16 octet ICV [RFC4106]";
  }
  return "NULL";
}

const char* wireshark_authentication(Integrity integrity) {
  switch (integrity) {
    case Integrity::none:
      return "NULL";
    case Integrity::hmac_md5_96:
      return "HMAC-MD5-96 [RFC2403]";
    case Integrity::hmac_sha1_96:
      return "HMAC-SHA-1-96 [RFC2404]";
    case Integrity::hmac_sha256_128:
      return "HMAC-SHA-256-128 [RFC4868]";
  }
  return "NULL";
}

std::string hex(const std::uint8_t* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < size; ++i) {
    text.push_back(digits[bytes[i] >> 4]);
    text.push_back(digits[bytes[i] & 15]);
  }
  return text;
}

std::vector<std::uint8_t> unhex(const std::string& text) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    bytes.push_back(static_cast<std::uint8_t>(std::stoul(text.substr(i, 2), nullptr, 16)));
  return bytes;
}

// A private Wireshark configuration directory, removed with what it holds.
class TemporaryConfigDirectory {
 public:
  TemporaryConfigDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "esp-tshark-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary directory for tshark");
    path_ = pattern;
  }
  ~TemporaryConfigDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryConfigDirectory(const TemporaryConfigDirectory&) = delete;
  TemporaryConfigDirectory& operator=(const TemporaryConfigDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `arguments` with WIRESHARK_CONFIG_DIR set and returns its standard output.
std::string run(const std::vector<std::string>& arguments, const std::filesystem::path& config) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    dup2(pipe_ends[1], STDOUT_FILENO);
    if (FILE* null = std::fopen("/dev/null", "w")) dup2(fileno(null), STDERR_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    setenv("WIRESHARK_CONFIG_DIR", config.c_str(), 1);
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_ends[1]);
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_ends[0], buffer, sizeof buffer)) > 0;)
    output.append(buffer, static_cast<std::size_t>(n));
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
    throw std::runtime_error("tshark could not be run (is the tshark package installed?)");
  if (WEXITSTATUS(status) != 0)
    throw std::runtime_error("tshark failed with exit status " +
                             std::to_string(WEXITSTATUS(status)));
  return output;
}

TsharkEspFrame parse_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
  fields.resize(4);
  TsharkEspFrame frame;
  frame.spi = static_cast<std::uint32_t>(std::stoul(fields[0], nullptr, 16));
  frame.icv_good = fields[1] == "1";
  frame.icv_bad = fields[2] == "1";
  frame.contained_data = unhex(fields[3]);
  return frame;
}

}  // namespace

std::string wireshark_esp_sa_record(const SecurityAssociation& sa) {
  if (sa.extended_sequence_numbers)
    throw std::invalid_argument("Wireshark 4.0 cannot check ESP with extended sequence numbers");
  char spi[11];
  std::snprintf(spi, sizeof spi, "0x%08x", sa.spi);
  std::string encryption_key = hex(sa.cipher_key.data(), sa.cipher_key.size());
  if (properties(sa.suite.cipher).aead) encryption_key += hex(sa.gcm_salt.data(), 4);
  const std::string integrity_key = hex(sa.integrity_key.data(), sa.integrity_key.size());
  std::string record = "\"IPv4\",\"*\",\"*\",\"";
  record += spi;
  record += "\",\"";
  record += wireshark_encryption(sa.suite.cipher);
  record += "\",\"" + (encryption_key.empty() ? "" : "0x" + encryption_key) + "\",\"";
  record += wireshark_authentication(sa.suite.integrity);
  record += "\",\"" + (integrity_key.empty() ? "" : "0x" + integrity_key) + "\"";
  return record;
}

std::vector<TsharkEspFrame> tshark_decode_esp(const std::filesystem::path& pcap,
                                              const std::vector<const SecurityAssociation*>& sas) {
  const TemporaryConfigDirectory config;
  {
    std::ofstream uat(config.path() / "esp_sa");
    for (const SecurityAssociation* sa : sas) uat << wireshark_esp_sa_record(*sa) << '\n';
    if (!uat) throw std::runtime_error("cannot write tshark's esp_sa table");
  }
  const std::string output = run({"tshark", "-n",
                                  "-r",     pcap.string(),
                                  "-o",     "esp.enable_encryption_decode:TRUE",
                                  "-o",     "esp.enable_authentication_check:TRUE",
                                  "-Y",     "esp",
                                  "-T",     "fields",
                                  "-E",     "separator=,",
                                  "-E",     "occurrence=f",
                                  "-e",     "esp.spi",
                                  "-e",     "esp.icv_good",
                                  "-e",     "esp.icv_bad",
                                  "-e",     "esp.contained_data"},
                                 config.path());
  std::vector<TsharkEspFrame> frames;
  std::stringstream lines(output);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) frames.push_back(parse_line(line));
  return frames;
}

}  // namespace ipsec_fpga::verif::esp
