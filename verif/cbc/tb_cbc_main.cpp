// cbc_cipher testbench: known answers, exact cycle counts and random packets
// against OpenSSL (see docs/esp/cbc_cipher.md).
#define BOOST_TEST_MODULE cbc_cipher
#include <boost/test/unit_test.hpp>
