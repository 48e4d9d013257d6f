// DES lives in OpenSSL 3's legacy provider; loading it replaces the implicit
// default provider, so both are loaded explicitly, once per process.
#pragma once

namespace ipsec_fpga::verif::esp {

// Loads the "default" and "legacy" providers on first call; throws
// std::runtime_error if either is missing.
void ensure_openssl_providers();

}  // namespace ipsec_fpga::verif::esp
