// esp_outbound testbench: RFC 3602 vectors, random packets against the ESP
// reference for every suite, negative cases, exact cycle counts.
#define BOOST_TEST_MODULE esp_outbound
#include <boost/test/unit_test.hpp>
