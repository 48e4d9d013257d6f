// CreditAccount: absolute credit reports (docs/host-link.md "Flow control").
#define BOOST_TEST_MODULE driver_credit_account
#include "board/credit_account.hpp"

#include <boost/test/unit_test.hpp>

using ipsec_fpga::driver::CreditAccount;

BOOST_AUTO_TEST_CASE(no_credit_before_the_first_report) {
  CreditAccount account;
  BOOST_TEST(!account.has_report());
  BOOST_TEST(!account.can_send(1));
  account.on_report(0, 4, 4096);
  BOOST_TEST(account.can_send(4096));
  BOOST_TEST(!account.can_send(4097));
}

BOOST_AUTO_TEST_CASE(packets_round_up_to_words) {
  CreditAccount account;
  account.on_report(0, 4, 100);
  account.on_submit(1, 97);  // takes 100
  BOOST_TEST(account.bytes_available() == 0u);
  BOOST_TEST(account.packets_available() == 3u);
  BOOST_TEST(!account.can_send(1));
}

BOOST_AUTO_TEST_CASE(available_is_reported_minus_sent_after_the_credit_tag) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  for (std::uint8_t tag = 1; tag <= 3; ++tag) account.on_submit(tag, 100);
  BOOST_TEST(account.packets_available() == 1u);
  BOOST_TEST(account.bytes_available() == 700u);
  // The board has received 1 and 2 (one done: slot freed), 3 is still on the wire.
  account.on_report(2, 3, 900);
  BOOST_TEST(account.unreported() == 1u);
  BOOST_TEST(account.packets_available() == 2u);
  BOOST_TEST(account.bytes_available() == 800u);
}

BOOST_AUTO_TEST_CASE(a_lost_report_is_repaired_by_the_next) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);
  account.on_submit(2, 100);
  // The report after packet 1 is lost; the one after packet 2 says all is free again.
  account.on_report(2, 4, 1000);
  BOOST_TEST(account.packets_available() == 4u);
  BOOST_TEST(account.bytes_available() == 1000u);
  BOOST_TEST(account.unreported() == 0u);
}

BOOST_AUTO_TEST_CASE(a_lost_submit_counts_until_a_later_one_is_reported) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);
  account.on_submit(2, 100);  // lost on the way in
  // Answer to a credit_request: the board last received tag 1 and is idle.
  account.on_report(1, 4, 1000);
  BOOST_TEST(account.packets_available() == 3u);  // 2 still counts: it may yet arrive
  BOOST_TEST(account.bytes_available() == 900u);
  account.on_submit(3, 100);
  account.on_report(3, 4, 1000);  // a later tag: 2 is forgotten with it
  BOOST_TEST(account.packets_available() == 4u);
  BOOST_TEST(account.bytes_available() == 1000u);
}

BOOST_AUTO_TEST_CASE(a_lost_last_submit_stops_counting_when_a_later_credit_request_is_answered) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);
  account.on_submit(2, 100);  // both lost on the way in; nothing is sent after them
  account.on_credit_request(3);
  // The board never saw 1 or 2: its answer still names no submit.
  account.on_request_answer(3, 0, 4, 1000);
  BOOST_TEST(account.packets_available() == 4u);
  BOOST_TEST(account.bytes_available() == 1000u);
  BOOST_TEST(account.unreported() == 0u);
}

BOOST_AUTO_TEST_CASE(a_submit_sent_after_the_credit_request_still_counts) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);  // lost
  account.on_credit_request(2);
  account.on_submit(3, 100);  // on its way: the answer cannot cover it
  account.on_request_answer(2, 0, 4, 1000);
  BOOST_TEST(account.packets_available() == 3u);
  BOOST_TEST(account.bytes_available() == 900u);
  // An answer to a request that was never recorded (or already answered)
  // applies as a plain report.
  account.on_request_answer(9, 0, 4, 1000);
  BOOST_TEST(account.packets_available() == 3u);
}

BOOST_AUTO_TEST_CASE(an_old_tag_leaves_every_unreported_submit_counting) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);
  account.on_report(1, 4, 1000);
  account.on_submit(2, 100);
  account.on_report(1, 4, 1000);  // the same report again (credit_request answered late)
  BOOST_TEST(account.packets_available() == 3u);
  BOOST_TEST(account.holds(2));
  BOOST_TEST(!account.holds(1));
}

BOOST_AUTO_TEST_CASE(tags_wrap_from_255_to_1) {
  CreditAccount account;
  account.on_report(0, 4, 4096);
  std::uint8_t tag = 250;
  for (int i = 0; i < 600; ++i) {
    account.on_submit(tag, 64);
    account.on_report(tag, 4, 4096);
    BOOST_TEST(account.packets_available() == 4u);
    tag = tag == 255 ? 1 : static_cast<std::uint8_t>(tag + 1);
  }
  // Across the wrap with packets in flight: 254, 255, 1, 2 unreported, report 255.
  for (std::uint8_t t : {std::uint8_t{254}, std::uint8_t{255}, std::uint8_t{1}, std::uint8_t{2}})
    account.on_submit(t, 64);
  account.on_report(255, 2, 4096 - 128);
  BOOST_TEST(account.unreported() == 2u);
  BOOST_TEST(account.packets_available() == 0u);
  account.on_report(2, 4, 4096);
  BOOST_TEST(account.packets_available() == 4u);
}

BOOST_AUTO_TEST_CASE(reset_forgets_everything) {
  CreditAccount account;
  account.on_report(0, 4, 1000);
  account.on_submit(1, 100);
  account.reset();
  BOOST_TEST(!account.can_send(1));
  BOOST_TEST(account.unreported() == 0u);
}
