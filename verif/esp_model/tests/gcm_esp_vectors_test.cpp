// The AES-GCM ESP packets published for RFC 4106 in draft-mcgrew-gcm-test-01
// section 4, bit for bit both ways: through the stateless ESP codec, and
// through the full outbound and inbound paths (ESN cases included).
#define BOOST_TEST_MODULE esp_reference_gcm_esp_vectors
#include <boost/test/unit_test.hpp>
#include <string>

#include "bytes.hpp"
#include "esp_codec.hpp"
#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "sa_table.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

// One test case as the draft prints it. `sequence` has 16 hex digits for an
// SA with extended sequence numbers. `plaintext` includes the ESP trailer;
// `nonce` is the 4-byte salt followed by the 8-byte IV.
struct GcmCase {
  int number;  // in the order the draft lists them
  const char* key;
  const char* spi;
  const char* sequence;
  const char* nonce;
  const char* plaintext;
  const char* packet;
};

// Case 7 (AES-192) is left out: the engine offers AES-GCM with 128- and
// 256-bit keys only. The GMAC cases (RFC 4543) are not ESP suites we offer.
const GcmCase gcm_cases[] = {
    {1, "4c80cdefbb5d10da906ac73c3613a634", "00004321", "8765432100000000",
     "2e443b684956ed7e3b244cfe",
     "45000048699a000080114db7c0a80102 c0a801010a9bf15638d3010000010000"
     "00000000045f736970045f7564700373 69700963796265726369747902646b00"
     "0021000101020201",
     "00004321000000004956ed7e3b244cfe fecf537e729d5b07dc30df528dd22b76"
     "8d1b98736696a6fd348509fa13ceac34 cfa2436f14a3f3cf65925bf1f4a13c5d"
     "15b21e1884f5ff6247aeabb786b93bce 61bc17d768fd9732459018148f6cbe72"
     "2fd04796562dfdb4"},
    {2, "feffe9928665731c6d6a8f9467308308", "0000a5f8", "0000000a", "cafebabefacedbaddecaf888",
     "4500003e698f000080114dccc0a80102 c0a801010a980035002a2343b2d00100"
     "00010000000000000373697009637962 65726369747902646b00000100010001",
     "0000a5f80000000afacedbaddecaf888 deb22cd9b07c72c16e3a65beeb8df304"
     "a5a5897d33ae530f1ba76d5d114d2a5c 3de81827c10e9a4f51330d0eec416642"
     "cfbb85a5b47e48a4ec3b9ba95d918bd1 83b70d3aa8bc6ee4c309e9d85a41ad4a"},
    {3, "abbccddef00112233445566778899aab abbccddef00112233445566778899aab", "4a2cbfe3", "00000002",
     "112233440102030405060708",
     "4500003069a6400080062690c0a80102 9389155e0a9e008b2dc57ee000000000"
     "7002400020bf0000020405b401010402 01020201",
     "4a2cbfe3000000020102030405060708 ff425c9b724599df7a3bcd510194e00d"
     "6a78107f1b0b1cbf06efae9d65a5d763 748a637985771d347f0545659f14e99d"
     "ef842d8eb335f4eecfdbf831824b4c49 15956c96"},
    {4, "00000000000000000000000000000000", "00000000", "00000001", "000000000000000000000000",
     "4500003c99c500008001cb7a40679318 010101010800075c0200440061626364"
     "65666768696a6b6c6d6e6f7071727374 75767761626364656667686901020201",
     "00000000000000010000000000000000 4688daf2f973a392732909c331d56d60"
     "f694abaa414b5e7ff5fdcdfff5e9a284 456476492719ffb64de7d9dca1e1d894"
     "bc3bd57873ed4d181d19d4d5c8c18af3 f821d496eeb096e98ad2b69e4799c71d"},
    {5, "3de09874b388e6491988d0c3607eae1f", "42f67e3f", "1010101010101010",
     "57690e434e280000a2fca1a3",
     "4500003c99c300008001cb7c40679318 010101010800085c0200430061626364"
     "65666768696a6b6c6d6e6f7071727374 75767761626364656667686901020201",
     "42f67e3f101010104e280000a2fca1a3 fba2caa4853cf9f0f22cb10d86dd83b0"
     "fec75691cf1a04b00d1138ec9c357917 65acbd8701ad79845bf9fe3fba487bc9"
     "1755e6662b4c8d0d1f5e22739530320a e0d731cc978ecafaeae88f00e80d6e48"},
    {6, "3de09874b388e6491988d0c3607eae1f", "42f67e3f", "1010101010101010",
     "57690e434e280000a2fca1a3", "4500001c42a200008001441f406793b6 e00000020a00f5ff01020201",
     "42f67e3f101010104e280000a2fca1a3 fba2ca845e5df9f0f22c3e6e86dd831e"
     "1fc65792cd1af9130e1379ed369f071f 35e034be95f112e4e7d05d35"},
    {8, "abbccddef00112233445566778899aab", "00000100", "0000000000000001",
     "decaf888cafedebaceface74",
     "4500004933ba00007f119106c3fb1d10 c2b1d326c02831ce0035dd7b800302d5"
     "00004e20001e8c18d75b81dc91baa047 6b91b924b280389d92c963bac046ec95"
     "9b6266c04722b14923010101",
     "0000010000000001cafedebaceface74 18a6fd42f72cbf4ab2a2ea901f73d814"
     "e3e7f243d95412e1c349c1d2fbec168f 9190feebaf2cb01984e65863965d7472"
     "b79da345e0e780191f0d2f0e0f496c22 6f2127b27db35724e7845d68651f57e6"
     "5f354f75ff17015769623436"},
    {9, "abbccddef00112233445566778899aab abbccddef00112233445566778899aab", "17405e67",
     "156f3126dd0db99b", "73616c74616e640169766563",
     "45080028732c00004006e9f90a010612 0a01038f06b88023dd6bafbecb712602"
     "50101f646d540001",
     "17405e67dd0db99b616e640169766563 f2d69ecdbd5a0d5b8d5ef38bad4da58d"
     "1f278fde98ef67549d524a3018d9a57f f4d3a31ce673119e451626c2415771e3"
     "b7eebca614c89b35"},
    {10, "3de09874b388e6491988d0c3607eae1f", "42f67e3f", "1010101010101010",
     "57690e434e280000a2fca1a3",
     "45000049333e00007f119182c3fb1d10 c2b1d326c02831ce0035cb458003025b"
     "000001e0001e8c18d65759d52284a035 2c71475c8880391c764d6e5ee0496b32"
     "5ae270c03899493915010101",
     "42f67e3f101010104e280000a2fca1a3 fba2cad12fc1f9f00d3cebf305410db8"
     "3d7784b607323d220f24b0a97d541828 00cadb0f68d99ef0e0c0c89ae9bea888"
     "4e52d65bc1afd0740f742444747b5b39 ab533163aad4550ee5160975cdb608c5"
     "769189609763b8e18caa81e2"},
    {11, "abbccddef00112233445566778899aab abbccddef00112233445566778899aab", "17405e67",
     "156f3126dd0db99b", "73616c74616e640169766563",
     "636973636f0172756c65730174686501 6e6574776501646566696e6501746865"
     "746563686e6f6c6f6769657301746861 7477696c6c01646566696e65746f6d6f"
     "72726f7701020201",
     "17405e67dd0db99b616e640169766563 d4b7ed86a1777f2ea13d6973d324c69e"
     "7b43f826fb56831226508bebd2dceb18 d0a6df10e5487df074113e14c641024e"
     "3e6773d91a62ee429b043a10e3efe6b0 12a49363412364f8c0cac587f249e56b"
     "11e24f30e44ccc76"},
    {12, "7d773d00c144c525ac619d18c84a3f47", "335467ae", "ffffffff", "d966426743457e9182443bc6",
     "01020201", "335467aeffffffff43457e9182443bc6 437f866bcb3f699fe9b0822bac961c45 04bef270"},
    {13, "abbccddef00112233445566778899aab", "00000100", "0000000000000001",
     "decaf888cafedebaceface74", "746f016265016f72016e6f7401746f01 62650001",
     "0000010000000001cafedebaceface74 29c9fc69a197d038ccdd14e2ddfcaa05"
     "43332164412503524303ed3c6c5f2838 43af8c3e"},
    {14, "6c6567616c697a656d6172696a75616e 61616e64646f69746265666f72656961", "796b6963",
     "ffffffffffffffff", "7475726e333021696765746d",
     "45000030da3a00008001df3bc0a80005 c0a800010800c6cd0200070061626364"
     "65666768696a6b6c6d6e6f7071727374 01020201",
     "796b6963ffffffff333021696765746d f97ab2aa356d8edce17644ac8c78e25d"
     "d24dedbb29ebf1b64a274b39b49c3a86 4cd3d78ca4ae68a32b42458fb57dbe82"
     "1dcc63b9d0937ba2945f669368661a32 9fb4c053"},
};

// What a case means for the model.
struct Parsed {
  SecurityAssociation sa;  // outbound, tunnel mode, bare ESP
  std::uint64_t sequence;
  Bytes iv;
  Bytes payload;  // the plaintext without padding, pad length and next header
  std::uint8_t next_header;
  std::string packet;
};

Parsed parse(const GcmCase& c) {
  Parsed p;
  const Bytes key = from_hex(c.key);
  const Bytes nonce = from_hex(c.nonce);
  const Bytes plaintext = from_hex(c.plaintext);
  p.sa.spi = static_cast<std::uint32_t>(load_be_u64(from_hex(c.spi).data(), 4));
  p.sa.suite = {key.size() == 16 ? Cipher::aes128_gcm16 : Cipher::aes256_gcm16, Integrity::none};
  p.sa.cipher_key = SecretBytes(key);
  std::copy(nonce.begin(), nonce.begin() + 4, p.sa.gcm_salt.begin());
  const Bytes sequence = from_hex(c.sequence);
  p.sa.extended_sequence_numbers = sequence.size() == 8;
  p.sequence = load_be_u64(sequence.data(), sequence.size());
  p.iv.assign(nonce.begin() + 4, nonce.end());
  const std::size_t pad_length = plaintext[plaintext.size() - 2];
  p.payload.assign(plaintext.begin(),
                   plaintext.end() - static_cast<std::ptrdiff_t>(pad_length + 2));
  p.next_header = plaintext.back();
  p.packet = to_hex(from_hex(c.packet));
  return p;
}

BOOST_AUTO_TEST_CASE(esp_codec_reproduces_every_case) {
  for (const GcmCase& c : gcm_cases) {
    BOOST_TEST_CONTEXT("draft-mcgrew-gcm-test-01 case " << c.number) {
      const Parsed p = parse(c);
      const Bytes sealed = seal_esp(p.sa, p.sequence, p.iv, p.payload, p.next_header);
      BOOST_TEST(to_hex(sealed) == p.packet);

      const auto layout = esp_layout(p.sa.suite, sealed);
      BOOST_TEST_REQUIRE(layout.has_value());
      const OpenedEsp opened = open_esp(p.sa, *layout, p.sequence);
      BOOST_TEST(to_string(opened.status) == "ok");
      BOOST_TEST(to_hex(opened.payload) == to_hex(p.payload));
      BOOST_TEST(opened.next_header == p.next_header);
    }
  }
}

BOOST_AUTO_TEST_CASE(outbound_and_inbound_paths_reproduce_every_case) {
  for (const GcmCase& c : gcm_cases) {
    Parsed p = parse(c);
    if (p.sa.spi < 256) continue;  // case 4 uses the reserved SPI 0, which no SA may have
    BOOST_TEST_CONTEXT("draft-mcgrew-gcm-test-01 case " << c.number) {
      SaTable table;
      SecurityAssociation inbound = p.sa;
      inbound.direction = Direction::inbound;
      inbound.sequence = p.sequence - 1;  // the window's right edge the ESN bits follow
      p.sa.sequence = p.sequence - 1;     // the last number sent before this packet
      SaEntry& sender = table.add(std::move(p.sa));
      table.add(std::move(inbound));

      // The draft's trailers say next header 1 whatever the payload is.
      const OutboundResult sent = process_outbound(sender, {p.payload, p.iv, 0, p.next_header});
      BOOST_TEST(to_string(sent.status) == "ok");
      BOOST_TEST(sent.sequence == p.sequence);
      BOOST_TEST(to_hex(sent.packet) == p.packet);

      const InboundResult received =
          process_inbound(table, from_hex(p.packet), Encapsulation::bare_esp);
      BOOST_TEST(to_string(received.status) == "ok");
      BOOST_TEST(received.sequence == p.sequence);
      BOOST_TEST(received.next_header == p.next_header);
      BOOST_TEST(to_hex(received.inner) == to_hex(p.payload));
    }
  }
}

BOOST_AUTO_TEST_CASE(esn_high_bits_are_authenticated_but_not_sent) {
  // Case 1 with the high 32 bits off by one: same bytes on the wire, but the
  // AAD differs, so the tag does not verify.
  const Parsed p = parse(gcm_cases[0]);
  BOOST_TEST_REQUIRE(p.sa.extended_sequence_numbers);
  const auto layout = esp_layout(p.sa.suite, from_hex(p.packet));
  BOOST_TEST_REQUIRE(layout.has_value());
  const OpenedEsp opened = open_esp(p.sa, *layout, p.sequence + (std::uint64_t{1} << 32));
  BOOST_TEST(to_string(opened.status) == "auth_failed");
  BOOST_TEST(opened.payload.empty());
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
