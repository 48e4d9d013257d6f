// aes_core_compact testbench: the same test cases on aes_core and
// aes_core_compact (known answers, exact cycle counts, key reloads, random
// blocks against OpenSSL), so both provably keep one contract. See
// docs/cores/aes-compact.md.
#define BOOST_TEST_MODULE aes_core_compact
#include <boost/test/unit_test.hpp>
