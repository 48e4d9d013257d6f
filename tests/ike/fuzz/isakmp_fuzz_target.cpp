// libFuzzer target: the ISAKMP decoders and a responder IkeEngine fed with
// arbitrary datagrams. Input is split at "FUZZ" into successive datagrams so
// the fuzzer can reach later exchange states (the responder's randomness is
// seeded, so its cookies are learnable). Nothing may crash, read out of
// bounds or allocate without limit; everything must come back as a result.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ike/ike_engine.hpp"
#include "ike/proposal_codec.hpp"
#include "ike/rule_table.hpp"
#include "ike/seeded_random_source.hpp"

using namespace ipsec_fpga::ike;

namespace {

void decode_everything(ByteView in) {
  (void)IsakmpHeader::decode(in);
  auto message = decode_plain_message(in);
  if (message) {
    (void)message->after_hash();
    for (const auto& p : message->payloads) {
      if (const auto* sa = std::get_if<SaPayload>(&p.payload)) {
        (void)ProposalCodec::phase1_offers(*sa);
        (void)ProposalCodec::esp_offers(*sa);
      } else if (const auto* id = std::get_if<IdentificationPayload>(&p.payload)) {
        (void)TrafficSelector::from_id(*id);
      }
    }
  }
  if (in.size() > IsakmpHeader::kSize) {
    auto first = static_cast<PayloadType>(in[16]);
    (void)decode_payload_chain(first, in.subspan(IsakmpHeader::kSize), true);
    (void)decode_payload_chain(first, in.subspan(IsakmpHeader::kSize), false);
  }
}

const RuleTable& policy() {
  static const RuleTable table = [] {
    Rule rule;
    rule.number = 1;
    rule.local_address = *IpAddress::parse("198.51.100.1");
    rule.pre_shared_key = SecureBytes(Bytes{'f', 'u', 'z', 'z'});
    rule.phase1_suites = {
        Phase1Suite{},
        {EncryptionAlgorithm::triple_des_cbc, 0, HashAlgorithm::md5, DhGroup::modp768, 28800}};
    EspSuite esp;
    EspSuite pfs;
    pfs.pfs_group = DhGroup::modp768;
    rule.phase2_suites = {esp, pfs};
    rule.local_selector = TrafficSelector::subnet(*IpAddress::parse("10.1.0.0"), 16);
    rule.remote_selector = TrafficSelector::subnet(*IpAddress::parse("10.0.0.0"), 8);
    Rule aggressive = rule;
    aggressive.number = 2;
    aggressive.mode = Phase1Mode::aggressive;
    return RuleTable({rule, aggressive});
  }();
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteView input(data, size);
  decode_everything(input);

  SeededRandomSource random("fuzz");
  IkeEngine engine(policy(), random);
  Endpoint peer{*IpAddress::parse("192.0.2.1"), 500};
  Endpoint local{*IpAddress::parse("198.51.100.1"), 500};
  std::size_t start = 0;
  std::uint64_t now = 0;
  for (std::size_t i = 0; i <= size; ++i) {
    bool at_end = i == size;
    if (!at_end && (size - i < 4 || std::memcmp(data + i, "FUZZ", 4) != 0)) continue;
    engine.receive({peer, local, Bytes(data + start, data + i)});
    engine.tick(now += 1000);
    while (engine.poll()) {
    }
    start = i + 4;
    i += 3;
  }
  engine.tick(now + 1000000);  // every timer fires
  while (engine.poll()) {
  }
  return 0;
}
