#include "store/trades_json.hpp"

#include <nlohmann/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "journal_fixtures.hpp"
#include "store/journal_error.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;
using journal_test::sample_trade;

std::vector<trade_record> two_trades() {
  auto open = sample_trade(7);
  open.id = 1;
  auto closed = sample_trade();
  closed.id = 2;
  closed.side = position_side::long_side;
  closed.exit_price = "2100.00";
  closed.realized_pnl = "-13.5";
  closed.closed_ms = closed.opened_ms + 60'000;
  closed.reason = exit_reason::stop_loss;
  closed.mode = trade_mode::live;
  return {open, closed};
}

TEST(trades_json, renders_version_1_with_exact_strings) {
  const auto doc = nlohmann::json::parse(render_trades_json(two_trades()));
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["trades"].size(), 2u);
  const auto& open = doc["trades"][0];
  EXPECT_EQ(open["id"], 1);
  EXPECT_EQ(open["intent_id"], 7);
  EXPECT_EQ(open["status"], "open");
  EXPECT_EQ(open["side"], "short");
  EXPECT_EQ(open["quantity"], "1.500");
  EXPECT_EQ(open["entry_price"], "2010.55");
  EXPECT_TRUE(open["exit_price"].is_null());
  EXPECT_TRUE(open["closed_ms"].is_null());
  EXPECT_TRUE(open["exit_reason"].is_null());
  EXPECT_EQ(open["mode"], "paper");
  const auto& closed = doc["trades"][1];
  EXPECT_TRUE(closed["intent_id"].is_null());
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["exit_price"], "2100.00");
  EXPECT_EQ(closed["realized_pnl"], "-13.5");
  EXPECT_EQ(closed["exit_reason"], "stop_loss");
  EXPECT_EQ(closed["closed_ms"], 1'700'000'061'000);
}

TEST(trades_json, parses_what_it_renders_without_ids) {
  auto expected = two_trades();
  const auto parsed = parse_trades_json(render_trades_json(expected), "t.json");
  for (auto& t : expected) {
    t.id = 0;
    t.intent_id.reset();
  }
  EXPECT_EQ(parsed, expected);
}

std::string error_of(const std::string& text) {
  try {
    parse_trades_json(text, "/state/trades.json");
  } catch (const journal_error& e) {
    return e.what();
  }
  return "no error";
}

std::string with_entry(const std::string& field_json) {
  auto doc = nlohmann::json::parse(render_trades_json(two_trades()));
  doc["trades"][1].merge_patch(nlohmann::json::parse(field_json));
  return doc.dump();
}

TEST(trades_json, names_the_entry_and_field_of_a_problem) {
  struct bad_case {
    const char* patch;
    const char* expected;
  };
  const bad_case cases[] = {
      {R"({"entry_price": 2010.55})", "trades[1].entry_price: must be exact decimal text"},
      {R"({"quantity": "1e3"})", "trades[1].quantity: must be exact decimal text"},
      {R"({"symbol": null})", "trades[1].symbol: is missing"},
      {R"({"side": "sideways"})", "trades[1].side: 'sideways' is not one of long, short"},
      {R"({"exit_reason": "panic"})", "trades[1].exit_reason: 'panic' is not one of"},
      {R"({"opened_ms": "yesterday"})", "trades[1].opened_ms: must be a non-negative integer"},
      {R"({"closed_ms": 5})", "trades[1].closed_ms: is before opened_ms"},
      {R"({"status": "pending"})", "trades[1].status: 'pending' is not one of open, closed"},
      {R"({"status": "open"})", "trades[1].exit_price: must be null for an open trade"},
      {R"({"mode": "demo"})", "trades[1].mode: 'demo' is not one of live, paper"},
  };
  for (const auto& c : cases) {
    const auto message = error_of(with_entry(c.patch));
    EXPECT_THAT(message, HasSubstr(c.expected)) << c.patch;
    EXPECT_THAT(message, HasSubstr("/state/trades.json")) << c.patch;
  }
}

TEST(trades_json, refuses_documents_it_does_not_know) {
  EXPECT_THAT(error_of("{not json"), HasSubstr("is not valid JSON"));
  EXPECT_THAT(error_of("[]"), HasSubstr("must be an object"));
  EXPECT_THAT(error_of(R"({"trades": []})"), HasSubstr("has no integer \"version\""));
  EXPECT_THAT(error_of(R"({"version": 2, "trades": []})"),
              HasSubstr("has version 2; this build reads version 1"));
  EXPECT_THAT(error_of(R"({"version": 1})"), HasSubstr("has no \"trades\" array"));
  EXPECT_THAT(error_of(R"({"version": 1, "trades": [3]})"), HasSubstr("trades[0]: must be an object"));
  EXPECT_TRUE(parse_trades_json(R"({"version": 1, "trades": []})", "t.json").empty());
}

}  // namespace
}  // namespace tb::host
