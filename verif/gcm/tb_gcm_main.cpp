// gcm_cipher testbench: known answers, exact cycle counts and random packets
// against OpenSSL (see docs/esp/gcm_cipher.md).
#define BOOST_TEST_MODULE gcm_cipher
#include <boost/test/unit_test.hpp>
