// host/control: the JSON value, the control protocol's requests and answers,
// GatewayStatus / SaRow round trips, malformed requests and answers.
#define BOOST_TEST_MODULE host_cli_control_protocol
#include "host/control/control_protocol.hpp"

#include <boost/test/unit_test.hpp>

#include "host/json/json.hpp"
#include "test_support.hpp"

using namespace ipsec_fpga::host;

namespace {

std::string error_of(const std::string& answer) {
  Json json = parse_json(answer);
  BOOST_REQUIRE(json.find("ok"));
  BOOST_REQUIRE(!json.find("ok")->as_bool());
  return json.find("error")->as_string();
}

using test::contains;
using test::sample_handler;

}  // namespace

BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(parses_and_dumps_every_kind) {
  const std::string text =
      R"({"a":null,"b":true,"c":false,"d":-12,"e":18446744073709551615,"f":1.5,)"
      R"("g":"x\"y\\z\n\u00e9\ud83d\ude00","h":[1,[2,{}]],"i":{}})";
  Json json = parse_json(text);
  BOOST_TEST(json.find("a")->is_null());
  BOOST_TEST(json.find("b")->as_bool());
  BOOST_TEST(json.find("d")->as_int64() == -12);
  BOOST_TEST(json.find("e")->as_uint64() == 18446744073709551615ull);
  BOOST_TEST(json.find("f")->as_double() == 1.5);
  BOOST_TEST(json.find("g")->as_string() == "x\"y\\z\n\xc3\xa9\xf0\x9f\x98\x80");
  BOOST_TEST(json.find("h")->as_array().size() == 2u);
  // The dump is one line and reads back to the same value.
  std::string dumped = json.dump();
  BOOST_TEST(dumped.find('\n') == std::string::npos);
  BOOST_TEST((parse_json(dumped) == json));
}

BOOST_AUTO_TEST_CASE(white_space_around_tokens) {
  Json json = parse_json(" \t{ \"a\" : [ 1 , 2 ] }\r\n");
  BOOST_TEST(json.find("a")->as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(rejects_malformed_text_naming_the_offset) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "expected a value"},
      {"{", "expected a member name"},
      {R"({"a":1,})", "expected a member name"},
      {R"({"a" 1})", "expected ':'"},
      {R"({"a":1 "b":2})", "expected ',' or '}'"},
      {R"([1 2])", "expected ',' or ']'"},
      {R"({"a":1}x)", "unexpected text after the value"},
      {R"("abc)", "unterminated string"},
      {"\"a\nb\"", "control character"},
      {R"("\x")", "bad escape"},
      {R"("\u12")", "\\u escape"},
      {R"("\ud800")", "lone high surrogate"},
      {R"("\udc00")", "lone low surrogate"},
      {"01", "unexpected text after the value"},
      {"-", "expected a digit"},
      {"1.", "expected a digit after '.'"},
      {"1e", "expected a digit in the exponent"},
      {"tru", "expected a value"},
      {"// comment\n1", "expected a value"},
      {R"({"a":1,"a":2})", "given twice"},
      {"1e999", "out of range"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      parse_json(text);
      BOOST_ERROR("accepted: " << text);
    } catch (const JsonError& e) {
      BOOST_TEST(contains(e.what(), "JSON at offset"), text << " -> " << e.what());
      BOOST_TEST(contains(e.what(), expected), text << " -> " << e.what());
    }
  }
}

BOOST_AUTO_TEST_CASE(depth_is_limited) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  BOOST_CHECK_EXCEPTION(parse_json(deep), JsonError,
                        [](const JsonError& e) { return contains(e.what(), "nested deeper"); });
  std::string ok(32, '[');
  ok += std::string(32, ']');
  BOOST_CHECK_NO_THROW(parse_json(ok));
}

BOOST_AUTO_TEST_CASE(kind_mismatches_throw) {
  Json json = parse_json(R"({"s":"x","n":-1,"f":0.5})");
  BOOST_CHECK_THROW(json.find("s")->as_int64(), JsonError);
  BOOST_CHECK_THROW(json.find("n")->as_uint64(), JsonError);
  BOOST_CHECK_THROW(json.find("f")->as_int64(), JsonError);
  BOOST_CHECK_THROW(json.as_array(), JsonError);
  BOOST_TEST(json.find("missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(quote_escapes_control_characters) {
  BOOST_TEST(json_quote("a\"b\\c\n\x01\x7f") == R"("a\"b\\c\n\u0001\u007f")");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(requests)

BOOST_AUTO_TEST_CASE(round_trip) {
  for (auto c : {ControlCommand::status, ControlCommand::sa, ControlCommand::ping}) {
    std::string line = encode_request({c});
    BOOST_TEST(line.find('\n') == std::string::npos);
    BOOST_TEST((decode_request(line).command == c));
  }
  BOOST_TEST(encode_request({ControlCommand::status}) == R"({"command":"status"})");
}

BOOST_AUTO_TEST_CASE(malformed_requests_name_the_problem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"status", "request is not JSON"},
      {R"({"command":"status")", "request is not JSON"},
      {"[1,2]", "request must be a JSON object, got array"},
      {"{}", "request has no \"command\""},
      {R"({"command":7})", "\"command\" must be a string, got number"},
      {R"({"command":"stats"})", "unknown command \"stats\" (status, sa, ping)"},
      {R"({"command":"sa","verbose":true})", "unknown request member \"verbose\""},
      {std::string(max_control_line + 1, ' '), "request longer than"},
  };
  for (const auto& [line, expected] : cases) {
    BOOST_CHECK_EXCEPTION(decode_request(line), ControlProtocolError,
                          [&](const ControlProtocolError& e) {
                            BOOST_TEST_MESSAGE(e.what());
                            return contains(e.what(), expected);
                          });
    // The server answers each with an error naming the same problem.
    std::string answer = handle_control_line(line, sample_handler());
    BOOST_TEST(contains(error_of(answer), expected), answer);
  }
}

BOOST_AUTO_TEST_CASE(a_long_bad_name_is_not_echoed_whole) {
  std::string name(1000, 'x');
  std::string answer = handle_control_line(R"({"command":")" + name + "\"}", sample_handler());
  BOOST_TEST(answer.size() < 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(answers)

BOOST_AUTO_TEST_CASE(status_round_trip) {
  GatewayStatus status = test::sample_status();
  std::string answer = handle_control_line(R"({"command":"status"})", sample_handler());
  BOOST_TEST(answer.find('\n') == std::string::npos);
  BOOST_TEST((decode_status_answer(answer) == status));
  BOOST_TEST((status_from_json(to_json(status)) == status));
}

BOOST_AUTO_TEST_CASE(sa_round_trip) {
  auto rows = test::sample_sa_rows();
  std::string answer = handle_control_line(R"({"command":"sa"})", sample_handler());
  BOOST_TEST((decode_sa_answer(answer) == rows));
  BOOST_TEST((sa_row_from_json(to_json(rows[1])) == rows[1]));
}

BOOST_AUTO_TEST_CASE(empty_sa_table) {
  ControlHandler h = sample_handler();
  h.sa_table = [] { return std::vector<SaRow>{}; };
  BOOST_TEST(decode_sa_answer(handle_control_line(R"({"command":"sa"})", h)).empty());
}

BOOST_AUTO_TEST_CASE(ping_has_version_and_pid) {
  Json json = decode_answer(handle_control_line(R"({"command":"ping"})", {}), ControlCommand::ping);
  BOOST_TEST(json.find("version")->as_string() == IPSEC_FPGA_VERSION);
  BOOST_TEST(json.find("pid")->as_int64() > 0);
}

BOOST_AUTO_TEST_CASE(handler_failure_becomes_an_error_answer) {
  ControlHandler h = sample_handler();
  h.sa_table = []() -> std::vector<SaRow> { throw std::runtime_error("board timed out"); };
  std::string answer = handle_control_line(R"({"command":"sa"})", h);
  BOOST_TEST(error_of(answer) == "sa failed: board timed out");
  BOOST_CHECK_EXCEPTION(decode_sa_answer(answer), ControlProtocolError,
                        [](const ControlProtocolError& e) {
                          return std::string(e.what()) == "sa failed: board timed out";
                        });
}

BOOST_AUTO_TEST_CASE(unknown_members_are_ignored) {
  Json json = to_json(test::sample_status());
  json.set("future_field", Json("x"));
  Json answer;
  answer.set("ok", true).set("command", "status").set("status", json).set("extra", 1);
  BOOST_TEST((decode_status_answer(answer.dump()) == test::sample_status()));
}

BOOST_AUTO_TEST_CASE(malformed_answers_name_the_member) {
  auto expect = [](const std::string& line, const std::string& part) {
    BOOST_CHECK_EXCEPTION(decode_status_answer(line), ControlProtocolError,
                          [&](const ControlProtocolError& e) {
                            BOOST_TEST_MESSAGE(e.what());
                            return contains(e.what(), part);
                          });
  };
  expect("garbage", "answer is not JSON");
  expect("[]", "expected object");
  expect(R"({"command":"status"})", "no \"ok\"");
  expect(R"({"ok":true,"command":"sa","sa":[]})", "not an answer to \"status\"");
  expect(R"({"ok":true,"command":"status"})", "status: missing");

  Json status = to_json(test::sample_status());
  Json rules = *status.find("rules");
  Json rule = rules.as_array()[0];
  rule.set("state", Json("sleeping"));
  rules.as_array()[1] = rule;
  status.set("rules", rules);
  Json answer;
  answer.set("ok", true).set("command", "status").set("status", status);
  expect(answer.dump(), "status.rules[1].state: unknown rule state \"sleeping\"");

  status = to_json(test::sample_status());
  Json board = *status.find("board");
  board.set("build_id", Json(-1));
  status.set("board", board);
  answer.set("status", status);
  expect(answer.dump(), "status.board.build_id");

  board.set("build_id", Json(std::uint64_t{1} << 40));
  status.set("board", board);
  answer.set("status", status);
  expect(answer.dump(), "status.board.build_id: out of range");

  status = to_json(test::sample_status());
  Json::Object& members = status.as_object();
  for (auto it = members.begin(); it != members.end(); ++it)
    if (it->first == "uptime_s") {
      members.erase(it);
      break;
    }
  answer.set("status", status);
  expect(answer.dump(), "status.uptime_s: missing");

  BOOST_CHECK_EXCEPTION(decode_sa_answer(R"({"ok":true,"command":"sa","sa":[{"entry":"3"}]})"),
                        ControlProtocolError, [](const ControlProtocolError& e) {
                          return contains(e.what(), "sa[0].entry: expected integer, got string");
                        });
}

BOOST_AUTO_TEST_CASE(no_member_is_named_like_a_key) {
  std::string text = to_json(test::sample_status()).dump();
  for (const auto& row : test::sample_sa_rows()) text += to_json(row).dump();
  for (const char* word : {"\"key\"", "_key\"", "psk", "secret", "password"})
    BOOST_TEST(!contains(text, word), word);
}

BOOST_AUTO_TEST_SUITE_END()
