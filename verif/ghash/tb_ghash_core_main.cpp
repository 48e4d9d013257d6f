// ghash_core testbench: the GCM paper's test cases, random blocks against
// the SP 800-38D reference multiply, random GCM tags against OpenSSL, exact
// cycle counts and strobe rules, for every tested DIGIT_BITS
// (see docs/cores/ghash.md).
#define BOOST_TEST_MODULE ghash_core
#include <boost/test/unit_test.hpp>
