// Two in-process IKE engines negotiating with each other: every Phase 1 mode,
// Quick Mode with and without PFS, several suites, NAT traversal, failures.
// Asserts the exact log lines of the manual and byte-identical keys.
#define BOOST_TEST_MODULE ike_exchange
#include <boost/test/unit_test.hpp>
#include <memory>

#include "two_gateways.hpp"

using namespace ipsec_fpga::ike;
using namespace ipsec_fpga::ike::test;
using Lines = std::vector<std::string>;

namespace {

void expect_same_phase1_keys(TwoGateways& n) {
  const IkeSa* a = n.a.engine.ike_sa(1);
  const IkeSa* b = n.b.engine.ike_sa(7);
  BOOST_REQUIRE(a && b && a->keymat && b->keymat);
  BOOST_TEST((a->keymat->skeyid() == b->keymat->skeyid()));
  BOOST_TEST((a->keymat->skeyid_d() == b->keymat->skeyid_d()));
  BOOST_TEST((a->keymat->skeyid_a() == b->keymat->skeyid_a()));
  BOOST_TEST((a->keymat->skeyid_e() == b->keymat->skeyid_e()));
  BOOST_TEST((a->keymat->encryption_key() == b->keymat->encryption_key()));
  BOOST_TEST((a->last_phase1_iv == b->last_phase1_iv));
}

void expect_matching_installs(TwoGateways& n, std::size_t count = 1) {
  BOOST_REQUIRE_EQUAL(n.a.installs.size(), count);
  BOOST_REQUIRE_EQUAL(n.b.installs.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    const SaInstall& a = n.a.installs[i];
    const SaInstall& b = n.b.installs[i];
    BOOST_TEST(a.inbound.spi == b.outbound.spi);
    BOOST_TEST(a.outbound.spi == b.inbound.spi);
    BOOST_TEST(a.inbound.spi != a.outbound.spi);
    BOOST_TEST((a.inbound.encryption_key == b.outbound.encryption_key));
    BOOST_TEST((a.inbound.integrity_key == b.outbound.integrity_key));
    BOOST_TEST((a.outbound.encryption_key == b.inbound.encryption_key));
    BOOST_TEST((a.outbound.integrity_key == b.inbound.integrity_key));
    BOOST_TEST((!(a.inbound.encryption_key == a.outbound.encryption_key) ||
                a.suite.encryption == EspEncryption::null));
    BOOST_TEST(a.inbound.encryption_key.size() == a.suite.encryption_key_size());
    BOOST_TEST(a.inbound.integrity_key.size() == a.suite.integrity_key_size());
    BOOST_TEST((a.suite == b.suite));
    BOOST_TEST((a.local_selector == b.remote_selector));
    BOOST_TEST((a.remote_selector == b.local_selector));
    BOOST_TEST(a.udp_encapsulated == b.udp_encapsulated);
    BOOST_TEST(a.tunnel_mode == b.tunnel_mode);
  }
}

EspSuite esp(EspEncryption encryption, std::uint16_t key_bits, EspIntegrity integrity) {
  EspSuite s;
  s.encryption = encryption;
  s.key_bits = key_bits;
  s.integrity = integrity;
  return s;
}

bool has_line(const Side& side, const std::string& line) {
  return std::find(side.log.begin(), side.log.end(), line) != side.log.end();
}

std::size_t count_lines(const Side& side, const std::string& line) {
  return static_cast<std::size_t>(std::count(side.log.begin(), side.log.end(), line));
}

}  // namespace

BOOST_AUTO_TEST_CASE(main_mode_and_quick_mode_log_the_manual_lines) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(n.a.log == (Lines{"Send Main Mode request to <198.51.100.1>", "Send:<SA><VID>",
                               "Recv:<SA><VID>", "Send:<KE><NONCE><NATD><NATD>",
                               "Recv:<KE><NONCE><NATD><NATD>", "Send:<ID><HASH><NOTFY>",
                               "Recv:<ID><HASH>", "Phase 1 IKE SA process done",
                               "Start Phase 2: Quick Mode", "Send:<HASH><SA><NONCE><ID><ID>",
                               "Recv:<HASH><SA><NONCE><ID><ID>", "Send:<HASH>"}),
             boost::test_tools::per_element());
  BOOST_TEST(n.b.log == (Lines{"Recv Main Mode request from <192.0.2.1>", "Recv:<SA><VID>",
                               "Send:<SA><VID>", "Recv:<KE><NONCE><NATD><NATD>",
                               "Send:<KE><NONCE><NATD><NATD>", "Recv:<ID><HASH><NOTFY>",
                               "Send:<ID><HASH>", "Phase 1 IKE SA process done",
                               "Recv:<HASH><SA><NONCE><ID><ID>", "Start Phase 2: Quick Mode",
                               "Send:<HASH><SA><NONCE><ID><ID>", "Recv:<HASH>"}),
             boost::test_tools::per_element());
  expect_same_phase1_keys(n);
  expect_matching_installs(n);
  BOOST_TEST(!n.a.installs[0].udp_encapsulated);
  BOOST_TEST(n.a.installs[0].tunnel_mode);
  BOOST_TEST(n.a.sent.front().destination.port == 500);
  // No retransmissions when nothing is lost.
  n.advance(200000, 1000);
  BOOST_TEST(count_lines(n.a, "!! IKE Packet Retransmit") == 0u);
  BOOST_TEST(count_lines(n.b, "!! IKE Packet Retransmit") == 0u);
  BOOST_TEST(n.a.engine.ike_sa(1) != nullptr);
  BOOST_TEST(n.b.engine.ike_sa(7) != nullptr);
}

struct SuiteCase {
  Phase1Suite phase1;
  EspSuite phase2;
};

BOOST_AUTO_TEST_CASE(every_suite_and_both_modes_with_and_without_pfs) {
  using E = EncryptionAlgorithm;
  using H = HashAlgorithm;
  using G = DhGroup;
  std::vector<SuiteCase> cases = {
      {{E::aes_cbc, 128, H::sha1, G::modp2048},
       esp(EspEncryption::aes_cbc, 128, EspIntegrity::hmac_sha1_96)},
      {{E::triple_des_cbc, 0, H::sha1, G::modp1024},
       esp(EspEncryption::triple_des_cbc, 0, EspIntegrity::hmac_md5_96)},
      {{E::aes_cbc, 256, H::sha256, G::ecp256},
       esp(EspEncryption::aes_gcm_16, 256, EspIntegrity::none)},
      {{E::des_cbc, 0, H::md5, G::modp768},
       esp(EspEncryption::des_cbc, 0, EspIntegrity::hmac_md5_96)},
      {{E::aes_cbc, 192, H::sha384, G::modp1536},
       esp(EspEncryption::aes_cbc, 192, EspIntegrity::hmac_sha256_128)},
      {{E::aes_cbc, 256, H::sha512, G::ecp384},
       esp(EspEncryption::null, 0, EspIntegrity::hmac_sha1_96)},
      {{E::aes_cbc, 128, H::sha256, G::modp3072},
       esp(EspEncryption::aes_gcm_16, 128, EspIntegrity::none)},
      {{E::triple_des_cbc, 0, H::md5, G::modp4096},
       esp(EspEncryption::aes_cbc, 256, EspIntegrity::hmac_sha256_128)},
  };
  for (Phase1Mode mode : {Phase1Mode::main, Phase1Mode::aggressive}) {
    for (bool pfs : {false, true}) {
      for (const auto& c : cases) {
        Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
        a.mode = b.mode = mode;
        EspSuite esp = c.phase2;
        esp.lifetime_kilobytes = 4608000;
        if (pfs) esp.pfs_group = c.phase1.group;
        a.phase1_suites = b.phase1_suites = {c.phase1};
        a.phase2_suites = b.phase2_suites = {esp};
        TwoGateways n(a, b);
        n.a.engine.initiate(1);
        n.settle();
        std::string label = (mode == Phase1Mode::main ? "main " : "aggressive ") +
                            name(c.phase1.encryption) + " " + name(c.phase1.hash) + " " +
                            name(c.phase1.group) + " " + esp.describe();
        BOOST_TEST_CONTEXT(label) {
          BOOST_TEST(has_line(n.a, "Phase 1 IKE SA process done"));
          BOOST_TEST(has_line(n.b, "Phase 1 IKE SA process done"));
          expect_same_phase1_keys(n);
          expect_matching_installs(n);
          BOOST_TEST((n.a.installs.at(0).suite == esp));
          BOOST_TEST(n.a.installs.at(0).suite.lifetime_kilobytes == 4608000u);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(aggressive_mode_logs) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  a.mode = b.mode = Phase1Mode::aggressive;
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  // AM3 has no answer: Quick Mode waits aggressive_phase2_delay_ms so that it
  // cannot overtake AM3 at the responder.
  BOOST_TEST(n.a.log.back() == "Phase 1 IKE SA process done");
  BOOST_TEST(n.a.sent.size() == 2u);
  n.advance(EngineSettings{}.aggressive_phase2_delay_ms - 100);
  BOOST_TEST(n.a.sent.size() == 2u, "Quick Mode 1 left before the delay");
  n.advance(100);
  BOOST_TEST(n.a.log == (Lines{"Send Aggressive Mode request to <198.51.100.1>",
                               "Send:<SA><KE><NONCE><ID><VID>",
                               "Recv:<SA><KE><NONCE><ID><HASH><VID><NATD><NATD>",
                               "Send:<HASH><NATD><NATD>", "Phase 1 IKE SA process done",
                               "Start Phase 2: Quick Mode", "Send:<HASH><SA><NONCE><ID><ID>",
                               "Recv:<HASH><SA><NONCE><ID><ID>", "Send:<HASH>"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      n.b.log ==
          (Lines{"Recv Aggressive Mode request from <192.0.2.1>", "Recv:<SA><KE><NONCE><ID><VID>",
                 "Send:<SA><KE><NONCE><ID><HASH><VID><NATD><NATD>", "Recv:<HASH><NATD><NATD>",
                 "Phase 1 IKE SA process done", "Recv:<HASH><SA><NONCE><ID><ID>",
                 "Start Phase 2: Quick Mode", "Send:<HASH><SA><NONCE><ID><ID>", "Recv:<HASH>"}),
      boost::test_tools::per_element());
  expect_same_phase1_keys(n);
  expect_matching_installs(n);
}

BOOST_AUTO_TEST_CASE(responder_picks_from_several_proposals) {
  using E = EncryptionAlgorithm;
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  a.phase1_suites = {{E::aes_cbc, 256, HashAlgorithm::sha256, DhGroup::modp2048},
                     {E::triple_des_cbc, 0, HashAlgorithm::sha1, DhGroup::modp1024}};
  b.phase1_suites = {{E::triple_des_cbc, 0, HashAlgorithm::sha1, DhGroup::modp1024}};
  a.phase2_suites = {esp(EspEncryption::aes_gcm_16, 128, EspIntegrity::none),
                     esp(EspEncryption::aes_cbc, 128, EspIntegrity::hmac_sha1_96),
                     esp(EspEncryption::triple_des_cbc, 0, EspIntegrity::hmac_sha1_96)};
  b.phase2_suites = {esp(EspEncryption::triple_des_cbc, 0, EspIntegrity::hmac_sha1_96),
                     esp(EspEncryption::aes_cbc, 128, EspIntegrity::hmac_sha1_96)};
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST((n.a.engine.ike_sa(1)->suite->encryption == E::triple_des_cbc));
  expect_matching_installs(n);
  // The initiator's preference wins among what the responder accepts.
  BOOST_TEST((n.a.installs[0].suite.encryption == EspEncryption::aes_cbc));
}

BOOST_AUTO_TEST_CASE(phase1_mismatch_is_no_proposal_chosen_on_both_sides) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  a.phase1_suites = {
      {EncryptionAlgorithm::triple_des_cbc, 0, HashAlgorithm::sha1, DhGroup::modp1024}};
  b.phase1_suites = {{EncryptionAlgorithm::des_cbc, 0, HashAlgorithm::sha1, DhGroup::modp1024}};
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(n.b.log == (Lines{"Recv Main Mode request from <192.0.2.1>", "Recv:<SA><VID>",
                               "!! No proposal chosen", "Send:<NOTFY>"}),
             boost::test_tools::per_element());
  BOOST_TEST(n.a.log == (Lines{"Send Main Mode request to <198.51.100.1>", "Send:<SA><VID>",
                               "Recv:<NOTFY>", "Recv notify: NO-PROPOSAL-CHOSEN",
                               "!! No proposal chosen"}),
             boost::test_tools::per_element());
  BOOST_TEST(n.a.engine.ike_sa_count() == 0u);
  BOOST_TEST(n.b.engine.ike_sa_count() == 0u);
  n.advance(200000, 1000);
  BOOST_TEST(count_lines(n.a, "!! IKE Packet Retransmit") == 0u);
}

BOOST_AUTO_TEST_CASE(phase2_mismatch_and_pfs_mismatch) {
  for (bool pfs_only : {false, true}) {
    Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
    if (pfs_only) {
      a.phase2_suites[0].pfs_group = DhGroup::modp2048;
    } else {
      a.phase2_suites = {esp(EspEncryption::triple_des_cbc, 0, EspIntegrity::hmac_sha1_96)};
      b.phase2_suites = {esp(EspEncryption::des_cbc, 0, EspIntegrity::hmac_sha1_96)};
    }
    TwoGateways n(a, b);
    n.a.engine.initiate(1);
    n.run();
    BOOST_TEST(has_line(n.b, "!! No proposal chosen"));
    BOOST_TEST(has_line(n.b, "Send:<HASH><NOTFY>"));
    BOOST_TEST(has_line(n.a, "Recv:<HASH><NOTFY>"));
    BOOST_TEST(has_line(n.a, "!! No proposal chosen"));
    BOOST_TEST(n.a.installs.empty());
    BOOST_TEST(n.b.installs.empty());
    // Phase 1 stays up; the failed Quick Mode is not retransmitted.
    BOOST_TEST(n.a.engine.ike_sa(1) != nullptr);
    n.advance(200000, 1000);
    BOOST_TEST(count_lines(n.a, "!! IKE Packet Retransmit") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(wrong_psk_in_main_mode_ends_in_too_many_errors) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  b.pre_shared_key = SecureBytes(Bytes{'w', 'r', 'o', 'n', 'g'});
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(!has_line(n.a, "Phase 1 IKE SA process done"));
  BOOST_TEST(!has_line(n.b, "Phase 1 IKE SA process done"));
  BOOST_TEST(
      n.b.log.back().rfind("!! Malformed IKE packet from <192.0.2.1>: after decryption:", 0) == 0);
  n.advance(200000, 500);
  BOOST_TEST(count_lines(n.a, "!! IKE Packet Retransmit") == 5u);
  BOOST_TEST(n.a.log.back() == "!! Too many errors! Deleting SA");
  BOOST_TEST(has_line(n.b, "!! Too many errors! Deleting SA"));
  BOOST_TEST(n.a.engine.ike_sa_count() == 0u);
  BOOST_TEST(n.b.engine.ike_sa_count() == 0u);
  BOOST_TEST(n.a.installs.empty());
}

BOOST_AUTO_TEST_CASE(wrong_psk_in_aggressive_mode_fails_authentication) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  a.mode = b.mode = Phase1Mode::aggressive;
  b.pre_shared_key = SecureBytes(Bytes{'w', 'r', 'o', 'n', 'g'});
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(has_line(n.a, "!! Authentication failed with <198.51.100.1>"));
  BOOST_TEST(n.a.engine.ike_sa_count() == 0u);
  BOOST_TEST(!has_line(n.b, "Phase 1 IKE SA process done"));
}

BOOST_AUTO_TEST_CASE(silent_peer_gets_five_retransmits_with_backoff_then_sa_is_deleted) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.drop = [](const Datagram&, bool from_a) { return from_a; };
  n.a.engine.initiate(1);
  n.run();
  std::vector<std::uint64_t> retransmit_times;
  std::size_t seen = 0;
  for (int i = 0; i < 2000 && n.a.engine.ike_sa_count() > 0; ++i) {
    n.advance(100);
    while (seen < n.a.log.size()) {
      if (n.a.log[seen++] == "!! IKE Packet Retransmit") retransmit_times.push_back(n.now);
    }
  }
  // 4 s x 1.8^n: 4.0, 7.2, 12.96, 23.33, 41.99 s apart.
  BOOST_TEST(retransmit_times == (std::vector<std::uint64_t>{4000, 11200, 24200, 47600, 89600}),
             boost::test_tools::per_element());
  BOOST_TEST(n.a.log == (Lines{"Send Main Mode request to <198.51.100.1>", "Send:<SA><VID>",
                               "!! IKE Packet Retransmit", "!! IKE Packet Retransmit",
                               "!! IKE Packet Retransmit", "!! IKE Packet Retransmit",
                               "!! IKE Packet Retransmit", "!! Too many errors! Deleting SA"}),
             boost::test_tools::per_element());
  BOOST_TEST(n.a.sent.size() == 6u);
  for (const auto& d : n.a.sent) BOOST_TEST((d.payload == n.a.sent.front().payload));
  BOOST_TEST(n.a.engine.ike_sa_count() == 0u);
}

BOOST_AUTO_TEST_CASE(lost_replies_are_recovered_by_retransmission) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  int dropped = 0;
  // Drop the first MM2, the first MM6 and the first QM2 from B.
  n.drop = [&](const Datagram&, bool from_a) {
    if (from_a) return false;
    static const std::vector<int> to_drop = {0, 2, 3};
    static int index = 0;
    bool lose = std::find(to_drop.begin(), to_drop.end(), index++) != to_drop.end();
    dropped += lose;
    return lose;
  };
  n.a.engine.initiate(1);
  n.advance(60000);
  BOOST_TEST(dropped == 3);
  BOOST_TEST(count_lines(n.a, "!! IKE Packet Retransmit") == 3u);
  expect_same_phase1_keys(n);
  expect_matching_installs(n);
}

BOOST_AUTO_TEST_CASE(duplicate_first_message_is_answered_again) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.drop = [](const Datagram&, bool from_a) { return !from_a; };
  n.a.engine.initiate(1);
  n.run();
  n.advance(4000);
  BOOST_TEST(count_lines(n.b, "!! Duplicate requests with the same cookie") == 1u);
  BOOST_TEST(n.b.sent.size() == 2u);
  BOOST_TEST((n.b.sent[0].payload == n.b.sent[1].payload));
  BOOST_TEST(n.b.engine.ike_sa_count() == 1u);
}

BOOST_AUTO_TEST_CASE(second_request_while_negotiating) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.a.engine.acquire(1);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(n.a.log.at(0) == "Cannot find outbound SA for rule <1>");
  BOOST_TEST(n.a.log.at(1) == "Send Main Mode request to <198.51.100.1>");
  BOOST_TEST(n.a.log.at(3) == "!! IKE Negotiation is in process");
  expect_matching_installs(n);
  // With Phase 1 up, a new request only runs another Quick Mode.
  n.a.engine.initiate(1);
  n.run();
  expect_matching_installs(n, 2);
  BOOST_TEST(count_lines(n.a, "Phase 1 IKE SA process done") == 1u);
}

BOOST_AUTO_TEST_CASE(active_connection_limit) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.b.policy.set_max_phase2_negotiations(0);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(has_line(n.b, "!! Active connection allowed exceeded"));
  BOOST_TEST(n.b.installs.empty());
  TwoGateways m(TwoGateways::rule_a(), TwoGateways::rule_b());
  m.a.policy.set_max_phase2_negotiations(0);
  m.a.engine.initiate(1);
  m.run();
  BOOST_TEST(m.a.log.back() == "!! Active connection allowed exceeded");
  BOOST_TEST(has_line(m.a, "Phase 1 IKE SA process done"));
}

BOOST_AUTO_TEST_CASE(disjoint_subnets_fail_id_verification) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  b.local_selector = TrafficSelector::subnet(ip("10.9.0.0"), 16);
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(has_line(n.b, "!! Verifying Local ID failed"));
  BOOST_TEST(has_line(n.a, "Recv notify: INVALID-ID-INFORMATION"));
  BOOST_TEST(has_line(n.a, "!! Verifying Remote ID failed"));
  BOOST_TEST(n.a.installs.empty());

  Rule c = TwoGateways::rule_a(), d = TwoGateways::rule_b();
  d.remote_selector = TrafficSelector::subnet(ip("10.8.0.0"), 16);
  TwoGateways m(c, d);
  m.a.engine.initiate(1);
  m.run();
  BOOST_TEST(has_line(m.b, "!! Verifying Remote ID failed"));
}

BOOST_AUTO_TEST_CASE(responder_narrows_selectors_and_initiator_accepts) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  b.local_selector = TrafficSelector::subnet(ip("10.2.5.0"), 24);
  TwoGateways n(a, b);
  n.a.engine.initiate(1);
  n.run();
  expect_matching_installs(n);
  BOOST_TEST((n.a.installs[0].remote_selector == TrafficSelector::subnet(ip("10.2.5.0"), 24)));
  BOOST_TEST((n.a.installs[0].local_selector == TrafficSelector::subnet(ip("10.1.0.0"), 16)));
}

BOOST_AUTO_TEST_CASE(nat_is_detected_and_ike_moves_to_4500) {
  for (Phase1Mode mode : {Phase1Mode::main, Phase1Mode::aggressive}) {
    Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
    a.mode = b.mode = mode;
    b.peer_address.reset();  // the peer hides behind a NAT: accept any address
    TwoGateways n(a, b);
    n.nat_in_front_of_a = true;
    n.a.engine.initiate(1);
    n.settle();
    expect_matching_installs(n);
    BOOST_TEST(n.a.installs[0].udp_encapsulated);
    BOOST_TEST(n.a.installs[0].remote.port == 4500);
    BOOST_TEST(n.b.installs[0].remote.port == 54500);  // the NAT's mapping of 4500
    BOOST_TEST(n.a.engine.ike_sa(1)->nat.local_behind_nat);
    BOOST_TEST(n.b.engine.ike_sa(7)->nat.peer_behind_nat);
    // Phase 1 starts on 500; Quick Mode runs on 4500.
    BOOST_TEST(n.a.sent.front().destination.port == 500);
    BOOST_TEST(n.a.sent.back().destination.port == 4500);
    BOOST_TEST(n.a.sent.back().source.port == 4500);
  }
}

BOOST_AUTO_TEST_CASE(transport_mode_behind_nat_sends_nat_oa) {
  Rule a = TwoGateways::rule_a(), b = TwoGateways::rule_b();
  a.tunnel_mode = b.tunnel_mode = false;
  a.local_selector = TrafficSelector::host(ip("192.0.2.1"));
  a.remote_selector = TrafficSelector::host(ip("198.51.100.1"));
  b.peer_address.reset();
  b.local_selector = a.remote_selector;
  b.remote_selector = TrafficSelector::host(ip("203.0.113.0"));
  b.remote_selector.last = ip("203.0.113.255");
  a.local_selector = TrafficSelector::host(ip("203.0.113.5"));
  TwoGateways n(a, b);
  n.nat_in_front_of_a = true;
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(has_line(n.a, "Send:<HASH><SA><NONCE><ID><ID><NATOA><NATOA>"));
  expect_matching_installs(n);
  BOOST_TEST(!n.a.installs[0].tunnel_mode);
  BOOST_TEST(n.a.installs[0].udp_encapsulated);
}

BOOST_AUTO_TEST_CASE(delete_is_sent_and_honoured) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.a.engine.initiate(1);
  n.run();
  expect_matching_installs(n);
  n.a.engine.delete_rule(1);
  n.run();
  BOOST_TEST(has_line(n.a, "Send:<HASH><DEL>"));
  BOOST_TEST(count_lines(n.b, "Recv:<HASH><DEL>") == 2u);
  BOOST_TEST(has_line(n.b, "Delete SA of rule <7>: IPsec SA deleted by peer"));
  BOOST_TEST(has_line(n.b, "Delete SA of rule <7>: ISAKMP SA deleted by peer"));
  BOOST_REQUIRE_EQUAL(n.a.deletes.size(), 1u);
  BOOST_REQUIRE_EQUAL(n.b.deletes.size(), 1u);
  BOOST_TEST(n.a.deletes[0].inbound_spi == n.b.deletes[0].outbound_spi);
  BOOST_TEST(n.a.engine.ike_sa_count() == 0u);
  BOOST_TEST(n.b.engine.ike_sa_count() == 0u);
}

// After a rekey (a second Quick Mode) the old pair is deleted alone: both
// sides drop it, the new pair and the ISAKMP SA stay.
BOOST_AUTO_TEST_CASE(one_child_sa_is_deleted_after_a_rekey) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.a.engine.initiate(1);
  n.run();
  n.a.engine.initiate(1);  // established: a new Quick Mode only
  n.run();
  BOOST_REQUIRE_EQUAL(n.a.installs.size(), 2u);
  BOOST_TEST(count_lines(n.a, "Phase 1 IKE SA process done") == 1u);
  const std::uint32_t old_in = n.a.installs[0].inbound.spi;
  BOOST_TEST(!n.a.engine.delete_child(1, 0x12345678u));
  BOOST_TEST(n.a.engine.delete_child(1, old_in));
  n.run();
  BOOST_REQUIRE_EQUAL(n.a.deletes.size(), 1u);
  BOOST_TEST(n.a.deletes[0].inbound_spi == old_in);
  BOOST_REQUIRE_EQUAL(n.b.deletes.size(), 1u);
  BOOST_TEST(n.b.deletes[0].outbound_spi == old_in);
  BOOST_TEST(has_line(n.b, "Delete SA of rule <7>: IPsec SA deleted by peer"));
  BOOST_TEST(!has_line(n.b, "Delete SA of rule <7>: ISAKMP SA deleted by peer"));
  BOOST_TEST(n.a.engine.ike_sa_count() == 1u);
  BOOST_TEST(n.b.engine.ike_sa_count() == 1u);
  BOOST_TEST(!n.a.engine.delete_child(1, old_in));  // gone
}

BOOST_AUTO_TEST_CASE(initial_contact_replaces_old_sas) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.a.engine.initiate(1);
  n.run();
  // A reboots (a fresh engine with other randomness) and negotiates again.
  Side rebooted({TwoGateways::rule_a()}, "gateway A after reboot");
  rebooted.engine.initiate(1);
  for (int i = 0; i < 20; ++i) {
    while (auto out = rebooted.engine.poll()) {
      if (auto* d = std::get_if<Datagram>(&*out)) n.b.engine.receive(*d);
    }
    while (auto out = n.b.engine.poll()) {
      if (auto* d = std::get_if<Datagram>(&*out)) rebooted.engine.receive(*d);
      if (auto* e = std::get_if<LogEvent>(&*out)) n.b.log.push_back(LogFormatter::message(*e));
      if (auto* del = std::get_if<SaDelete>(&*out)) n.b.deletes.push_back(*del);
    }
  }
  BOOST_TEST(has_line(n.b, "Delete SA of rule <7>: peer sent INITIAL-CONTACT"));
  BOOST_TEST(n.b.deletes.size() == 1u);
  BOOST_TEST(n.b.engine.ike_sa_count() == 1u);
}

// A second rule to the same peer negotiates its own ISAKMP SA without
// INITIAL-CONTACT: the peer keeps the first rule's SAs.
BOOST_AUTO_TEST_CASE(second_rule_to_the_same_peer_sends_no_initial_contact) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  Rule second = TwoGateways::rule_a();
  second.number = 2;
  Side a({TwoGateways::rule_a(), second}, "gateway A, two rules");
  auto shuttle = [&] {
    for (int i = 0; i < 20; ++i) {
      while (auto out = a.engine.poll()) {
        if (auto* d = std::get_if<Datagram>(&*out)) n.b.engine.receive(*d);
        if (auto* e = std::get_if<LogEvent>(&*out)) a.log.push_back(LogFormatter::message(*e));
      }
      while (auto out = n.b.engine.poll()) {
        if (auto* d = std::get_if<Datagram>(&*out)) a.engine.receive(*d);
        if (auto* e = std::get_if<LogEvent>(&*out)) n.b.log.push_back(LogFormatter::message(*e));
        if (auto* del = std::get_if<SaDelete>(&*out)) n.b.deletes.push_back(*del);
      }
    }
  };
  a.engine.initiate(1);
  shuttle();
  BOOST_TEST(has_line(a, "Send:<ID><HASH><NOTFY>"));  // the first one says INITIAL-CONTACT
  a.engine.initiate(2);
  shuttle();
  BOOST_TEST(count_lines(a, "Phase 1 IKE SA process done") == 2u);
  BOOST_TEST(count_lines(a, "Send:<ID><HASH>") == 1u);  // the second one does not
  BOOST_TEST(!has_line(n.b, "Delete SA of rule <7>: peer sent INITIAL-CONTACT"));
  BOOST_TEST(n.b.deletes.empty());
  BOOST_TEST(n.b.engine.ike_sa_count() == 2u);
}

BOOST_AUTO_TEST_CASE(garbage_is_rejected_and_the_engine_keeps_working) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  Datagram junk{{ip("192.0.2.99"), 500}, {ip("198.51.100.1"), 500}, Bytes{1, 2, 3}};
  n.b.engine.receive(junk);
  junk.payload = Bytes(40, 0x41);
  n.b.engine.receive(junk);
  n.run();
  BOOST_REQUIRE_EQUAL(n.b.log.size(), 2u);
  BOOST_TEST(n.b.log[0] ==
             "!! Malformed IKE packet from <192.0.2.99>: ISAKMP header: truncated initiator "
             "cookie (needs 8 bytes, 3 left)");
  BOOST_TEST(n.b.log[1].rfind("!! Malformed IKE packet from <192.0.2.99>: ISAKMP header:", 0) == 0);
  n.a.engine.initiate(1);
  n.run();
  expect_matching_installs(n);
  // Unknown cookies are answered with INVALID-COOKIE.
  Bytes stray = n.a.sent.back().payload;
  stray[0] ^= 0xff;
  n.b.engine.receive({{ip("192.0.2.1"), 500}, {ip("198.51.100.1"), 500}, stray});
  auto out = n.b.engine.poll();
  BOOST_REQUIRE(out.has_value());
  BOOST_TEST(LogFormatter::message(std::get<LogEvent>(*out)) ==
             "!! Malformed IKE packet from <192.0.2.1>: no ISAKMP SA for these cookies");
}

BOOST_AUTO_TEST_CASE(same_seeds_same_bytes) {
  auto transcript = [] {
    TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
    n.a.engine.initiate(1);
    n.run();
    std::vector<Bytes> wire;
    for (const auto& d : n.a.sent) wire.push_back(d.payload);
    for (const auto& d : n.b.sent) wire.push_back(d.payload);
    return wire;
  };
  BOOST_TEST((transcript() == transcript()));
}

BOOST_AUTO_TEST_CASE(host_send_failure_is_logged) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.drop = [](const Datagram&, bool) { return true; };
  n.a.engine.initiate(1);
  n.run();
  n.a.engine.send_failed(n.a.sent.front());
  n.run();
  BOOST_TEST(n.a.log.back() == "!! Failed to send IKE Packet");
  BOOST_TEST(n.a.engine.ike_sa_count() == 1u);  // the retransmit timer still owns it
}

BOOST_AUTO_TEST_CASE(a_flood_of_first_messages_is_capped) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  n.drop = [](const Datagram&, bool) { return true; };
  n.a.engine.initiate(1);
  n.run();
  Bytes mm1 = n.a.sent.front().payload;
  for (int i = 0; i < 100; ++i) {
    mm1[0] = static_cast<std::uint8_t>(i);  // a new initiator cookie each time
    mm1[1] = 0x5a;
    n.b.engine.receive({{ip("192.0.2.1"), 500}, {ip("198.51.100.1"), 500}, mm1});
  }
  n.run();
  BOOST_TEST(n.b.engine.ike_sa_count() == EngineSettings{}.max_half_open);
  BOOST_TEST(count_lines(n.b,
                         "!! Malformed IKE packet from <192.0.2.1>: too many half-open "
                         "ISAKMP SAs, request dropped") == 36u);
  // They expire; then requests are accepted again.
  n.drop = nullptr;
  n.advance(200000, 5000);
  BOOST_TEST(n.b.engine.ike_sa_count() == 0u);
}

BOOST_AUTO_TEST_CASE(many_quick_modes_on_one_isakmp_sa) {
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b());
  for (int i = 0; i < 40; ++i) {
    n.a.engine.initiate(1);
    n.run();
  }
  expect_matching_installs(n, 40);
  BOOST_TEST(count_lines(n.a, "Phase 1 IKE SA process done") == 1u);
  // Finished exchanges leave no per-exchange state behind.
  BOOST_TEST(n.a.engine.ike_sa(1)->exchange_ivs.empty());
  BOOST_TEST(n.b.engine.ike_sa(7)->exchange_ivs.empty());
  BOOST_TEST(n.a.engine.ike_sa(1)->quick_modes.empty());
}

BOOST_AUTO_TEST_CASE(inbound_spi_source_supplies_both_sides_inbound_spis) {
  // The gateway's board assigns inbound SPIs: Quick Mode asks the host.
  auto asked = std::make_shared<std::vector<int>>();
  EngineSettings settings;
  settings.inbound_spi_source = [asked](int rule) {
    asked->push_back(rule);
    return static_cast<std::uint32_t>(0x1000 + asked->size());
  };
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b(), settings);
  n.a.engine.initiate(1);
  n.run();
  BOOST_TEST(*asked == (std::vector<int>{1, 7}), boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(n.a.installs.size(), 1u);
  BOOST_REQUIRE_EQUAL(n.b.installs.size(), 1u);
  BOOST_TEST(n.a.installs[0].inbound.spi == 0x1001u);  // initiator: QM1
  BOOST_TEST(n.b.installs[0].inbound.spi == 0x1002u);  // responder: QM2
  BOOST_TEST(n.a.installs[0].outbound.spi == 0x1002u);
  BOOST_TEST(n.b.installs[0].outbound.spi == 0x1001u);
}

BOOST_AUTO_TEST_CASE(inbound_spi_source_without_an_spi_falls_back_to_random) {
  EngineSettings settings;
  settings.inbound_spi_source = [](int) -> std::uint32_t { return 0; };  // table full
  TwoGateways n(TwoGateways::rule_a(), TwoGateways::rule_b(), settings);
  n.a.engine.initiate(1);
  n.run();
  BOOST_REQUIRE_EQUAL(n.a.installs.size(), 1u);
  BOOST_TEST(n.a.installs[0].inbound.spi >= 0x100u);
  BOOST_TEST(n.b.installs[0].inbound.spi >= 0x100u);
}
