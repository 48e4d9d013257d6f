#pragma once
// The OpenSSL library context ike/ uses: its own, with the default and the
// legacy provider (single DES lives in "legacy" in OpenSSL 3), so the
// application's global context is left as it is.

#include <openssl/types.h>

namespace ipsec_fpga::ike {

// Never null; throws std::runtime_error if the default provider cannot load.
OSSL_LIB_CTX* crypto_context();

}  // namespace ipsec_fpga::ike
