#define BOOST_TEST_MODULE host_datapath_rule_activity
#include "host/datapath/rule_activity.hpp"

#include <boost/test/unit_test.hpp>

using namespace ipsec_fpga::host;
using std::chrono::seconds;

namespace {
// An injected clock: t(s) is s seconds after an arbitrary start.
DatapathClock::time_point t(int s) { return DatapathClock::time_point{} + seconds{1000 + s}; }
}  // namespace

BOOST_AUTO_TEST_CASE(idle_after_timeout_reported_once) {
  RuleActivity a;
  a.arm(1, seconds{60}, t(0));
  BOOST_TEST(a.check_idle(t(59)).empty());
  BOOST_TEST(a.check_idle(t(60)).empty(), "exactly the timeout is not longer than it");
  BOOST_TEST(a.check_idle(t(61)) == std::vector<int>{1});
  BOOST_TEST(a.check_idle(t(200)).empty(), "reported once until armed again");
  a.arm(1, seconds{60}, t(300));
  BOOST_TEST(a.check_idle(t(361)) == std::vector<int>{1});
}

BOOST_AUTO_TEST_CASE(traffic_either_way_keeps_a_rule_alive) {
  RuleActivity a;
  a.arm(1, seconds{60}, t(0));
  a.arm(2, seconds{60}, t(0));
  a.record_outbound(1, 100, t(50));
  a.record_inbound(2, 84, t(55));
  BOOST_TEST(a.check_idle(t(100)).empty());
  BOOST_TEST(a.check_idle(t(111)) == std::vector<int>{1});
  BOOST_TEST(a.check_idle(t(116)) == std::vector<int>{2});
  const auto c1 = *a.counters(1), c2 = *a.counters(2);
  BOOST_TEST(c1.packets_out == 1u);
  BOOST_TEST(c1.bytes_out == 100u);
  BOOST_TEST(c1.packets_in == 0u);
  BOOST_TEST(c2.packets_in == 1u);
  BOOST_TEST(c2.bytes_in == 84u);
  BOOST_TEST((c2.last_activity == t(55)));
}

BOOST_AUTO_TEST_CASE(no_timeout_unarmed_and_disarmed_rules_never_idle) {
  RuleActivity a;
  a.arm(1, seconds{0}, t(0));      // idle timeout off
  a.record_outbound(2, 10, t(0));  // counted but never armed (no SA yet)
  a.arm(3, seconds{10}, t(0));
  a.disarm(3);  // SA removed
  BOOST_TEST(a.check_idle(t(100000)).empty());
  BOOST_TEST(a.all_counters().size() == 3u);
  BOOST_TEST(!a.counters(4).has_value());
}

BOOST_AUTO_TEST_CASE(several_idle_rules_in_number_order) {
  RuleActivity a;
  for (int rule : {5, 2, 9}) a.arm(rule, seconds{30}, t(0));
  a.record_inbound(9, 1, t(20));
  BOOST_TEST(a.check_idle(t(31)) == (std::vector<int>{2, 5}));
  BOOST_TEST(a.check_idle(t(51)) == std::vector<int>{9});
}
