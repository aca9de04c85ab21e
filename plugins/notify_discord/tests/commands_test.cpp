#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "commands/answers.hpp"
#include "commands/command_set.hpp"

namespace tb::discord {
namespace {

using json = nlohmann::json;

TEST(command_set, five_commands_without_options_for_guilds_and_dms) {
  const json defs = command_definitions();
  ASSERT_EQ(defs.size(), 5u);
  std::vector<std::string> names;
  for (const auto& c : defs) {
    EXPECT_EQ(c["type"], 1);
    EXPECT_LE(c["description"].get<std::string>().size(), 100u);
    names.push_back(c["name"].get<std::string>());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"status", "stats", "positions", "pause", "resume"}));
  EXPECT_TRUE(changes_state("pause"));
  EXPECT_TRUE(changes_state("resume"));
  EXPECT_FALSE(changes_state("status"));
}

TEST(command_set, reads_the_invoker_from_member_in_a_guild_and_user_in_a_dm) {
  const json guild = {{"id", "1"}, {"token", "t"}, {"application_id", "9"}, {"type", 2},
                      {"data", {{"name", "pause"}}}, {"guild_id", "3"},
                      {"member", {{"user", {{"id", "42"}, {"username", "alice"}}}, {"roles", {"7"}}}}};
  const auto g = parse_interaction(guild);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->user_id, "42");
  EXPECT_EQ(g->role_ids, std::vector<std::string>{"7"});
  EXPECT_TRUE(allowed(*g, {}, {"7"}));
  EXPECT_TRUE(allowed(*g, {"42"}, {}));
  EXPECT_FALSE(allowed(*g, {"43"}, {"8"}));

  json dm = guild;
  dm.erase("member");
  dm.erase("guild_id");
  dm["user"] = {{"id", "43"}, {"username", "bob"}};
  const auto d = parse_interaction(dm);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->user_id, "43");
  EXPECT_FALSE(allowed(*d, {}, {"7"}));
  dm["data"]["name"] = "status";
  EXPECT_TRUE(allowed(*parse_interaction(dm), {}, {}));  // anyone may read

  json component = guild;
  component["type"] = 3;
  EXPECT_FALSE(parse_interaction(component));
  json no_token = guild;
  no_token.erase("token");
  EXPECT_FALSE(parse_interaction(no_token));
}

TEST(answers, status_shows_mode_pause_equity_and_what_is_unhealthy) {
  const json status = {{"version", "1.2.3"}, {"mode", "live"}, {"paused", true},
                       {"uptime_ms", 90'000'000}, {"equity", 1234.5}, {"today_pnl", -3.25},
                       {"drawdown_percent", 1.5},
                       {"health", {{"overall", "degraded"},
                                   {"components", {{{"component", "data"}, {"state", "degraded"},
                                                    {"detail", "stale"}}}}}},
                       {"last_scan", {{"ok", true}, {"symbols", 648}, {"signals_found", 3},
                                      {"signals_taken", 1}}},
                       {"positions", json::array()},
                       {"alerts", {{{"key", "risk.lock"}, {"title", "Daily loss limit"}}}}};
  const std::string text = status_answer(status).dump();
  for (const char* want : {"1.2.3", "live", "PAUSED", "1234.50", "-3.25", "data: degraded (stale)",
                           "648 symbols", "Daily loss limit", "1 d 1 h"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << " in " << text;
  }
  EXPECT_EQ(status_answer(status)["allowed_mentions"]["parse"], json::array());
}

TEST(answers, positions_list_each_with_stop_target_and_pnl) {
  const json report = {{"positions", {{{"symbol", "ETHUSDT"}, {"side", "short"}, {"quantity", 0.5},
                                       {"entry_price", 3000.0}, {"stop_price", nullptr},
                                       {"take_profit", 2800.0}, {"unrealized_pnl", -1.0}}}}};
  const std::string text = positions_answer(report).dump();
  EXPECT_NE(text.find("ETHUSDT short"), std::string::npos) << text;
  EXPECT_NE(text.find("0.5 @ 3000"), std::string::npos) << text;
  EXPECT_NE(text.find("stop NONE"), std::string::npos) << text;
  EXPECT_NE(text.find("target 2800"), std::string::npos) << text;
  EXPECT_NE(positions_answer({{"positions", json::array()}}).dump().find("No open position"),
            std::string::npos);
}

TEST(answers, stats_refusal_and_failure_read_plainly) {
  const json stats = {{"scans", {{"count", 10}, {"failures", 1}, {"missed", 0}}},
                      {"breakers", {{"binance.rest", "open"}, {"x", "closed"}}}};
  const std::string text = stats_answer(stats).dump();
  EXPECT_NE(text.find("10 run, 1 failed"), std::string::npos) << text;
  EXPECT_NE(text.find("binance.rest open"), std::string::npos) << text;
  EXPECT_NE(refusal_answer("pause").dump().find("not allowed to use /pause"), std::string::npos);
  EXPECT_NE(failure_answer("status", "starting").dump().find("/status failed"), std::string::npos);
}

}  // namespace
}  // namespace tb::discord
