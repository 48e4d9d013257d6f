#include "sa/sa_parameters.hpp"

#include <sstream>

namespace ipsec_fpga::driver {

std::string validation_error(const SaParameters& sa) {
  std::ostringstream why;
  const Suite suite{sa.cipher, sa.integrity};
  if (!is_engine_suite(suite)) {
    why << "suite " << to_string(sa.cipher) << " + " << to_string(sa.integrity)
        << " is not one the ESP engine offers (CBC/NULL need an HMAC, GCM takes none)";
  } else if (sa.cipher_key.size() != cipher_key_bytes(sa.cipher)) {
    why << to_string(sa.cipher) << " takes a " << cipher_key_bytes(sa.cipher) << "-byte key, got "
        << sa.cipher_key.size() << " bytes";
  } else if (sa.integrity == Integrity::none && !sa.integrity_key.empty()) {
    why << "an integrity key was given for a suite without integrity";
  } else if (sa.integrity != Integrity::none && sa.integrity_key.empty()) {
    why << to_string(sa.integrity) << " needs an integrity key";
  } else if (sa.gcm_salt.size() != (is_gcm(sa.cipher) ? 4u : 0u)) {
    why << "the GCM salt must be 4 bytes for GCM and empty otherwise, got " << sa.gcm_salt.size()
        << " bytes";
  } else if (sa.replay_window != 0 &&
             (sa.replay_window % 32 != 0 || sa.replay_window < 64 || sa.replay_window > 1024)) {
    why << "replay window " << sa.replay_window << " is not a multiple of 32 in 64..1024";
  } else if (!sa.esn && sa.initial_sequence > 0xffffffffu) {
    why << "initial sequence " << sa.initial_sequence << " needs ESN (above 32 bits)";
  }
  return why.str();
}

}  // namespace ipsec_fpga::driver
