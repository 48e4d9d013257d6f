// Boost.Test entry point of the tdes_core testbench (the cases live in tb_tdes_*.cpp).
#define BOOST_TEST_MODULE tdes_core
#include <boost/test/unit_test.hpp>
