#define BOOST_TEST_MODULE esp_inbound
#include <boost/test/unit_test.hpp>
