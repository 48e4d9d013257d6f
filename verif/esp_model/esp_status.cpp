#include "esp_status.hpp"

namespace ipsec_fpga::verif::esp {

std::string_view to_string(EspStatus status) {
  switch (status) {
    case EspStatus::ok:
      return "ok";
    case EspStatus::no_sa:
      return "no_sa";
    case EspStatus::replay:
      return "replay";
    case EspStatus::auth_failed:
      return "auth_failed";
    case EspStatus::decrypt_failed:
      return "decrypt_failed";
    case EspStatus::malformed:
      return "malformed";
    case EspStatus::sa_expired:
      return "sa_expired";
    case EspStatus::sa_disabled:
      return "sa_disabled";
  }
  return "unknown";
}

}  // namespace ipsec_fpga::verif::esp
