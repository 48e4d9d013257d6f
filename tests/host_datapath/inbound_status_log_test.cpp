#define BOOST_TEST_MODULE host_datapath_inbound_status_log
#include "host/datapath/inbound_status_log.hpp"

#include <boost/test/unit_test.hpp>

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using driver::PacketStatus;

BOOST_AUTO_TEST_CASE(statuses_with_a_log_line) {
  BOOST_TEST((inbound_log_message(PacketStatus::no_sa) == PacketLogMessage::cannot_find_phase2_sa));
  BOOST_TEST((inbound_log_message(PacketStatus::replay) == PacketLogMessage::discard_replay));
  BOOST_TEST(
      (inbound_log_message(PacketStatus::auth_failed) == PacketLogMessage::inbound_auth_failed));
  BOOST_TEST((inbound_log_message(PacketStatus::decrypt_failed) ==
              PacketLogMessage::inbound_decrypt_failed));
}

BOOST_AUTO_TEST_CASE(statuses_without_one) {
  for (PacketStatus s : {PacketStatus::ok, PacketStatus::malformed, PacketStatus::sa_expired,
                         PacketStatus::sa_disabled, PacketStatus::no_credit, PacketStatus::too_long,
                         PacketStatus::bad_direction, PacketStatus::lost}) {
    BOOST_TEST(!inbound_log_message(s).has_value(), driver::to_string(s) << " has no log line");
  }
}
