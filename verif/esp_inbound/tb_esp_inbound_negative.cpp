// Every way a packet can fail, each with its exact status and no output:
// SA lookup and state, anti-replay, damaged bytes in every region, bad
// padding under a good ICV, sizes, outer headers, form mismatch, framing
// (tlast early / late) and the error-threshold event. Expected results come
// from the reference where it defines them (and the status is also pinned).
#include <boost/test/unit_test.hpp>

#include "esp_cipher.hpp"
#include "esp_integrity.hpp"
#include "inbound_test_support.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::esp_rtl::test {
namespace {

constexpr unsigned ok = 0, no_sa = 1, replay = 2, auth_failed = 3, decrypt_failed = 4,
                   malformed = 5, sa_expired = 6, sa_disabled = 7;

const esp::Suite aes_sha1{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96};

void set16(Bytes& p, std::size_t at, unsigned v) {
  p[at] = static_cast<std::uint8_t>(v >> 8);
  p[at + 1] = static_cast<std::uint8_t>(v);
}

void fix_ipv4_checksum(Bytes& p) {
  set16(p, 10, 0);
  const std::size_t ihl = (p[0] & 15u) * 4;
  set16(p, 10, esp::internet_checksum(std::span(p).first(ihl)));
}

// Runs one packet (after the ones before it in `world`) and checks status
// `code` and the reference's expectation.
void expect_status(InboundWorld& world, const std::string& what, const Bytes& packet, unsigned form,
                   unsigned code) {
  const InboundResult expected = world.expect(packet, form);
  BOOST_TEST(expected.code == code, "reference: " << what << " gives " << expected.code);
  const auto r = world.driver.run({{packet, form, 0}}, {20, 20, 20, 20});
  BOOST_TEST(r[0].code == code,
             "esp_inbound " << what << ": expected status " << code << " got " << r[0].code);
  if (code != ok) BOOST_TEST(r[0].output.empty());
  check_result(what, r[0], expected);
}

// ESP with chosen plaintext (padding included) under the SA's real keys:
// authentic, but whatever padding we like.
Bytes handmade_esp(const TestSa& sa, std::uint32_t sequence, const Bytes& plaintext,
                   std::mt19937_64& rng) {
  const esp::SecurityAssociation& s = sa.sender->sa;
  Bytes packet = {
      static_cast<std::uint8_t>(s.spi >> 24),    static_cast<std::uint8_t>(s.spi >> 16),
      static_cast<std::uint8_t>(s.spi >> 8),     static_cast<std::uint8_t>(s.spi),
      static_cast<std::uint8_t>(sequence >> 24), static_cast<std::uint8_t>(sequence >> 16),
      static_cast<std::uint8_t>(sequence >> 8),  static_cast<std::uint8_t>(sequence)};
  const Bytes iv = random_bytes(rng, 16);
  const Bytes ct = esp::cbc_encrypt(s.suite.cipher, s.cipher_key, iv, plaintext);
  packet.insert(packet.end(), iv.begin(), iv.end());
  packet.insert(packet.end(), ct.begin(), ct.end());
  const Bytes icv = esp::compute_icv(s.suite.integrity, s.integrity_key, {packet});
  packet.insert(packet.end(), icv.begin(), icv.end());
  return packet;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sa_lookup_and_state) {
  InboundWorld world("esp_inbound_negative_sa", 11);
  TestSa& sa = world.add_sa(5, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false);
  Bytes good = world.send(sa, world.inner_packet(100));
  expect_status(world, "good packet", good, 0, ok);

  Bytes unknown = world.send(sa, world.inner_packet(100));
  unknown[3] = static_cast<std::uint8_t>((unknown[3] & ~63u) | 9u);  // slot 9 is empty
  expect_status(world, "unknown SPI", unknown, 0, no_sa);
  Bytes wrong = world.send(sa, world.inner_packet(100));
  wrong[1] ^= 0x10;  // same slot (SPI[5:0]), other SPI
  expect_status(world, "wrong SPI in the right slot", wrong, 0, no_sa);
  Bytes zero = world.send(sa, world.inner_packet(40));
  zero[0] = zero[1] = zero[2] = zero[3] = 0;
  expect_status(world, "SPI 0", zero, 0, malformed);

  // an outbound entry in the slot: not an inbound SA
  {
    TestSa& t = world.add_sa(12, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false);
    auto words = sa_image(*t.receiver);
    set_field(words, sa_layout::direction, 0);  // outbound
    world.driver.install(12, words);
    const Bytes p = world.send(t, world.inner_packet(60));
    world.receivers.remove(esp::Direction::inbound, t.receiver->sa.spi);
    world.by_index.erase(12);
    expect_status(world, "outbound entry in the slot", p, 0, no_sa);
  }

  // disabled
  {
    esp::SecurityAssociation out = sa.sender->sa;
    out.spi = (out.spi & ~63u) | 20u;
    esp::SecurityAssociation in = out;
    in.direction = esp::Direction::inbound;
    in.enabled = false;
    TestSa& d = world.add_pair(20, std::move(out), std::move(in));
    expect_status(world, "disabled SA", world.send(d, world.inner_packet(80)), 0, sa_disabled);
  }
  // expired by the hard packet limit (the second packet), soft event on the first
  {
    esp::LifetimeLimits limits;
    limits.soft_packets = 1;
    limits.hard_packets = 2;
    TestSa& e =
        world.add_sa(21, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::ipv4, true, 0, limits);
    const Bytes p1 = world.send(e, world.inner_packet(80));
    const InboundResult x1 = world.expect(p1, 1);
    BOOST_TEST(x1.events == 1u);
    check_result("soft lifetime", world.driver.run({{p1, 1, 0}})[0], x1);
    const Bytes p2 = world.send(e, world.inner_packet(80));
    const InboundResult x2 = world.expect(p2, 1);
    BOOST_TEST(x2.events == 2u);
    check_result("hard lifetime", world.driver.run({{p2, 1, 0}})[0], x2);
    expect_status(world, "expired SA", world.send(e, world.inner_packet(80)), 1, sa_expired);
    check_entry("lifetimes", world.driver, e);
  }
  // hard byte limit: the first packet reaches it, the second finds the SA expired
  {
    esp::LifetimeLimits limits;
    limits.hard_bytes = 1;
    TestSa& e = world.add_sa(22, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false,
                             0, limits);
    const Bytes p1 = world.send(e, world.inner_packet(30));
    const InboundResult x1 = world.expect(p1, 0);
    BOOST_TEST(x1.events == 2u);
    check_result("hard bytes", world.driver.run({{p1, 0, 0}})[0], x1);
    expect_status(world, "expired by bytes", world.send(e, world.inner_packet(30)), 0, sa_expired);
    check_entry("hard bytes", world.driver, e);
  }
}

BOOST_AUTO_TEST_CASE(replay_and_damage) {
  InboundWorld world("esp_inbound_negative_replay", 12);
  TestSa& sa = world.add_sa(7, aes_sha1, esp::Mode::transport, esp::Encapsulation::ipv4_udp, false);
  const Bytes first = world.send(sa, world.inner_packet(200));
  expect_status(world, "first", first, 2, ok);
  expect_status(world, "replayed", first, 2, replay);
  for (int i = 0; i < 100; ++i) world.send(sa, world.inner_packet(20));
  const Bytes jump = world.send(sa, world.inner_packet(64));
  expect_status(world, "jump ahead", jump, 2, ok);
  expect_status(world, "too old", world.send(sa, world.inner_packet(64), 2), 2, replay);
  sa.sender->sa.sequence = 200;

  // one flipped bit in every region: outer IPv4 header, UDP header, SPI,
  // sequence, IV, ciphertext, ICV
  const Bytes good = world.send(sa, world.inner_packet(100));
  const std::size_t esp_at = 28;
  struct Flip {
    const char* region;
    std::size_t at;
    unsigned code;
  };
  const Flip flips[] = {{"IPv4 version", 0, malformed},
                        {"IPv4 TOS (checksum)", 1, malformed},
                        {"IPv4 TTL (checksum)", 8, malformed},
                        {"IPv4 address (checksum)", 15, malformed},
                        {"UDP source port", 20, ok},  // not checked (NAT), payload authentic
                        {"UDP destination port", 22, malformed},
                        {"UDP length", 25, malformed},
                        {"UDP checksum", 27, ok},  // ignored (RFC 3948)
                        {"SPI", esp_at + 1, no_sa},
                        {"sequence", esp_at + 6, auth_failed},
                        {"IV", esp_at + 8, auth_failed},
                        {"ciphertext", esp_at + 40, auth_failed},
                        {"ciphertext last byte", good.size() - 13, auth_failed},
                        {"ICV", good.size() - 1, auth_failed}};
  for (const Flip& f : flips) {
    const Bytes p = (f.code == ok) ? world.send(sa, world.inner_packet(100)) : good;
    Bytes bad = p;
    bad[f.at] ^= 0x01;
    expect_status(world, std::string("flipped bit in ") + f.region, bad, 2, f.code);
  }
  expect_status(world, "the undamaged packet after all that", good, 2, ok);
  check_entry("replay and damage", world.driver, sa);
}

BOOST_AUTO_TEST_CASE(padding_sizes_headers_framing) {
  InboundWorld world("esp_inbound_negative_padding", 13);
  TestSa& bare = world.add_sa(3, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false);
  TestSa& v4 = world.add_sa(4, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::ipv4, false);
  auto& rng = world.rng;

  // bad padding under a good ICV: wrong pad byte, pad length too long,
  // pad length 255; the window still moves (the number is used up)
  Bytes pt = random_bytes(rng, 32);
  pt[26] = 1, pt[27] = 2, pt[28] = 3, pt[29] = 5, pt[30] = 4, pt[31] = 4;  // 1,2,3,5 then length 4
  expect_status(world, "pad byte wrong", handmade_esp(bare, 1, pt, rng), 0, decrypt_failed);
  pt = random_bytes(rng, 16);
  pt[14] = 15, pt[15] = 4;  // pad length 15 > 14 bytes available
  expect_status(world, "pad length too long", handmade_esp(bare, 2, pt, rng), 0, decrypt_failed);
  pt = random_bytes(rng, 48);
  pt[46] = 255;
  expect_status(world, "pad length 255", handmade_esp(bare, 3, pt, rng), 0, decrypt_failed);
  pt = random_bytes(rng, 32);
  for (unsigned i = 0; i < 30; ++i) pt[i] = static_cast<std::uint8_t>(i + 1);
  pt[30] = 30;  // everything padding: empty payload, good
  expect_status(world, "all padding", handmade_esp(bare, 4, pt, rng), 0, ok);
  expect_status(world, "replay of an authentic packet with bad padding",
                handmade_esp(bare, 1, random_bytes(rng, 16), rng), 0, replay);

  // sizes
  Bytes p = world.send(bare, world.inner_packet(50));
  Bytes cut = p;
  cut.erase(cut.begin() + 30, cut.begin() + 34);  // ciphertext 4 bytes short of a block
  expect_status(world, "ciphertext not a block multiple", cut, 0, malformed);
  expect_status(world, "6 bytes", Bytes(p.begin(), p.begin() + 6), 0, malformed);
  Bytes empty_ct(p.begin(), p.begin() + 24);
  empty_ct.insert(empty_ct.end(), p.end() - 12, p.end());
  expect_status(world, "no ciphertext", empty_ct, 0, malformed);
  expect_status(world, "header only", Bytes(p.begin(), p.begin() + 8), 0, malformed);

  // outer IPv4 headers (checksum fixed after each change)
  const Bytes g = world.send(v4, world.inner_packet(90));
  auto variant = [&](const char* what, auto change, unsigned form = 1, bool fix = true) {
    Bytes b = g;
    change(b);
    if (fix) fix_ipv4_checksum(b);
    expect_status(world, what, b, form, malformed);
  };
  variant("version 6", [](Bytes& b) { b[0] = 0x65; });
  variant("IHL 4", [](Bytes& b) { b[0] = 0x44; });
  variant("protocol 17", [](Bytes& b) { b[9] = 17; });
  variant("protocol 51", [](Bytes& b) { b[9] = 51; });
  variant("total length + 4", [&](Bytes& b) { set16(b, 2, static_cast<unsigned>(g.size() + 4)); });
  variant("total length - 4", [&](Bytes& b) { set16(b, 2, static_cast<unsigned>(g.size() - 4)); });
  variant("MF set", [](Bytes& b) { b[6] |= 0x20; });
  variant("fragment offset", [](Bytes& b) { b[7] = 1; });
  variant(
      "checksum", [](Bytes& b) { b[11] ^= 0x80; }, 1, false);
  variant(
      "sent as IPv4+UDP", [](Bytes&) {}, 2);
  {
    Bytes b = g;
    b[6] |= 0x40;  // DF is allowed
    fix_ipv4_checksum(b);
    expect_status(world, "DF set", b, 1, ok);
  }
  // form mismatch: the SA wants IPv4, the packet comes as bare ESP
  const Bytes g2 = world.send(v4, world.inner_packet(90));
  expect_status(world, "form mismatch", Bytes(g2.begin() + 20, g2.end()), 0, malformed);
  expect_status(world, "form 3", g2, 3, malformed);
  // an IPv4 header with options (IHL 6) is accepted
  {
    const Bytes g3 = world.send(v4, world.inner_packet(90));
    Bytes b(g3.begin(), g3.begin() + 20);
    b.insert(b.end(), {1, 1, 1, 0});  // NOPs and end of options
    b.insert(b.end(), g3.begin() + 20, g3.end());
    b[0] = 0x46;
    set16(b, 2, static_cast<unsigned>(b.size()));
    fix_ipv4_checksum(b);
    expect_status(world, "IPv4 options", b, 1, ok);
  }

  // framing: tlast early, tlast late (by less than a block: found by the
  // size check; by whole blocks: found only by the framing, the units run on
  // zeros past the early tlast), and the next packet is unaffected
  std::vector<Bytes> f;
  for (int i = 0; i < 6; ++i) f.push_back(world.send(bare, world.inner_packet(70)));
  const int deltas[] = {8, -4, -30, 16, -16, 0};
  std::vector<InboundPacket> stream;
  for (int i = 0; i < 6; ++i) stream.push_back({f[i], 0, deltas[i]});
  const auto r = world.driver.run(stream, {20, 20, 20, 20});
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(r[i].code == malformed,
               "esp_inbound framing, length delta " << deltas[i] << ": status " << r[i].code);
    BOOST_TEST(r[i].output.empty());
  }
  // the framing faults left no trace in the SA (the reference never saw
  // them): the last packet is fine, and the others are still new numbers
  check_result("after framing faults", r[5], world.expect(f[5], 0));
  for (int i = 0; i < 5; ++i)
    check_result("framing-faulted packet sent again", world.driver.run({{f[i], 0, 0}})[0],
                 world.expect(f[i], 0));
  check_entry("framing", world.driver, bare);
}

// Lifetime limits and error counters against counts anywhere in their range:
// the RTL compares each 64-bit limit with its count a word at a time as the
// words arrive (borrow across the words, a difference of 2^16 or more, a
// count that wraps past 2^64 - 1), and sums the error counters the same way.
// Counts near 0, 2^32, 2^48 and 2^64; limits off, below, at and above the
// count by up to a packet's bytes (packets: -2..3), at k * 2^16 + r; error
// counters near 2^32 with a threshold near their sum. Each trial installs
// the entry, sends one packet (ok, or its ICV damaged) and compares the
// status, the events and the entry with the reference. About 2 s.
BOOST_AUTO_TEST_CASE(lifetime_limits_and_error_counters_word_by_word) {
  InboundWorld world("esp_inbound_negative_lifetimes", test_seed("esp_inbound_lifetimes", 31));
  std::mt19937_64& rng = world.rng;
  auto pick = [&](std::uint64_t n) { return static_cast<std::uint64_t>(rng() % n); };
  auto count_near = [&](bool packets) -> std::uint64_t {
    const std::uint64_t r = pick(packets ? 3 : 5000);
    switch (pick(6)) {
      case 0:
        return r;
      case 1:
        return (std::uint64_t{1} << 32) - 1 - r;
      case 2:
        return (std::uint64_t{1} << 32) + r;
      case 3:
        return (std::uint64_t{1} << 48) + rng() % (std::uint64_t{1} << 40);
      case 4:
        return ~std::uint64_t{0} - r;
      default:
        return rng();
    }
  };
  auto limit_near = [&](std::uint64_t count, bool packets) -> std::uint64_t {
    switch (pick(6)) {
      case 0:
        return 0;  // off
      case 1:
        return rng();
      case 2: {  // k * 2^16 + r above the count: reachable only for k = 0
        const unsigned shift[] = {16, 32, 48};
        return count + (std::uint64_t{1 + pick(2)} << shift[pick(3)]) + pick(1500);
      }
      default:
        return packets ? count + pick(6) - 2 : count + pick(4000) - 1000;
    }
  };
  // Eight SAs, each reinstalled with new counts and limits before every trial
  // (same keys: the harness does not invalidate the cipher's cached key).
  std::vector<TestSa*> sas;
  for (unsigned i = 0; i < 8; ++i)
    sas.push_back(
        &world.add_sa(40 + i, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false));
  unsigned events_seen = 0, expired_seen = 0, errors_seen = 0;
  for (unsigned trial = 0; trial < 400; ++trial) {
    TestSa& sa = *sas[trial % 8];
    const unsigned index = sa.index;
    sa.threshold = pick(3) == 0 ? 0u : static_cast<std::uint32_t>(rng());
    sa.error_event_raised = false;
    esp::SaEntry& e = *sa.receiver;
    e.usage.bytes = count_near(false);
    e.usage.packets = count_near(true);
    e.sa.lifetime.soft_bytes = limit_near(e.usage.bytes, false);
    e.sa.lifetime.hard_bytes = limit_near(e.usage.bytes, false);
    e.sa.lifetime.soft_packets = limit_near(e.usage.packets, true);
    e.sa.lifetime.hard_packets = limit_near(e.usage.packets, true);
    e.soft_limit_reported = pick(4) == 0;
    e.expired = false;
    // Error counters (32 bits: kept below 2^32 - 1, so the one incremented does
    // not wrap), the threshold near their sum + 1.
    for (std::uint64_t* c : {&e.usage.auth_failures, &e.usage.replays, &e.usage.decrypt_failures})
      *c = pick(2) ? (std::uint64_t{1} << 32) - 2 - pick(3) : pick(1u << 30);
    if (sa.threshold != 0 && pick(2)) {
      const std::uint64_t sum =
          e.usage.auth_failures + e.usage.replays + e.usage.decrypt_failures + 1;
      const std::uint64_t t = sum - 1 + pick(3);
      sa.threshold = t > 0xffffffffu || t == 0 ? 0xffffffffu : static_cast<std::uint32_t>(t);
    }
    world.driver.install(index, sa_image(e, {sa.threshold}));
    Bytes packet = world.send(sa, world.inner_packet(20 + pick(1400)));
    const bool damage = pick(4) == 0;
    if (damage) packet[packet.size() - 2] ^= 0x20;
    const InboundResult x = world.expect(packet, 0);
    const std::string what = "lifetimes trial " + std::to_string(trial);
    check_result(what, world.driver.run({{packet, 0, 0}})[0], x);
    check_entry(what, world.driver, sa);
    events_seen += (x.events & 3u) != 0;
    expired_seen += x.code == sa_expired;
    errors_seen += (x.events & 8u) != 0;
  }
  BOOST_TEST_MESSAGE("lifetimes: " << events_seen << " lifetime events, " << expired_seen
                                   << " already expired, " << errors_seen << " error events");
  BOOST_TEST(events_seen > 20u);
  BOOST_TEST(expired_seen > 20u);
  BOOST_TEST(errors_seen > 5u);
}

BOOST_AUTO_TEST_CASE(error_threshold_event) {
  InboundWorld world("esp_inbound_negative_threshold", 14);
  TestSa& sa =
      world.add_sa(9, aes_sha1, esp::Mode::tunnel, esp::Encapsulation::bare_esp, true, 0, {}, 3);
  const Bytes p1 = world.send(sa, world.inner_packet(40));
  expect_status(world, "ok", p1, 0, ok);
  expect_status(world, "error 1 (replay)", p1, 0, replay);
  Bytes bad = world.send(sa, world.inner_packet(40));
  bad[bad.size() - 3] ^= 4;
  expect_status(world, "error 2 (ICV)", bad, 0, auth_failed);
  const InboundResult x = world.expect(bad, 0);  // error 3: replay? no, ICV again
  BOOST_TEST(x.events == 8u, "reference side: third error raises the event");
  const auto r = world.driver.run({{bad, 0, 0}});
  check_result("error 3 (event)", r[0], x);
  const InboundResult y = world.expect(bad, 0);
  BOOST_TEST(y.events == 0u);
  check_result("error 4 (no second event)", world.driver.run({{bad, 0, 0}})[0], y);
  check_entry("threshold", world.driver, sa);
}

}  // namespace ipsec_fpga::verif::esp_rtl::test
