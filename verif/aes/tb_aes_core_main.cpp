// aes_core testbench: known answers, cycle counts and random blocks against
// OpenSSL, for both UNROLL configurations (see docs/cores/aes.md).
#define BOOST_TEST_MODULE aes_core
#include <boost/test/unit_test.hpp>
