// aes_core_compact testbench: aes_core's own test cases (known answers,
// exact cycle counts, key reloads, random blocks against OpenSSL; the same
// sources as tb_aes_core, so both cores provably keep one contract) on
// Vaes_core_compact, and its refusal of AES-192. See docs/cores/aes-compact.md.
#define BOOST_TEST_MODULE aes_core_compact
#include <boost/test/unit_test.hpp>
