// `tradingbot run` trading against the fake Binance on 127.0.0.1 (live mode) and in paper
// mode: the ranked signals become positions with exchange-held stops and targets, the
// journal and trades.json say so, a second run (a restart) sends nothing twice, and a corrupt
// journal stops start-up untouched.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "bot_process.hpp"
#include "fake_process.hpp"
#include "process.hpp"

namespace {

using tb::test::orders_sent;

const std::string executable = TB_EXECUTABLE;
const std::string fixtures = TB_FIXTURE_PLUGIN_DIR;

tb::test::process_result run_bot(tb::test::temp_dir& dir, const std::string& yaml) {
  const auto config = dir.write("bot.yaml", yaml);
  return tb::test::run_command(tb::test::shell_quoted(executable) + " run --once --config " +
                               tb::test::shell_quoted(config) + " --plugin-dir " +
                               tb::test::shell_quoted(fixtures));
}

bool has(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

// good_strategy (a fixture) emits one signal per 1h series; three are kept.
std::string config(const std::string& mode, const tb::binance::testing::fake_process& fake) {
  return "mode: " + mode + "\nstate_dir: state\nplugins:\n  load:\n" +
         "    - name: exchange_binance\n      settings: {rest_url: \"" + fake.rest_url() +
         "\", ws_url: \"" + fake.ws_url() +
         "\", api_key: \"run-key\", api_secret: \"run-secret\"}\n"
         "    - name: good_strategy\ndata:\n  intervals: [1h]\n  lookback: 50\n";
}

nlohmann::json trades_json(const tb::test::temp_dir& dir) {
  return nlohmann::json::parse(tb::test::read_file(dir.path() / "state" / "trades.json"));
}

// A paper run over a state file holding `content` stops start-up (exit 2) with `message`
// and leaves the file as it was.
void expect_start_up_refused(const std::string& file, const std::string& content,
                             const std::string& message) {
  tb::binance::testing::fake_process fake({"--symbols", "3", "--seed", "7"});
  tb::test::temp_dir dir;
  std::filesystem::create_directories(dir.path() / "state");
  dir.write("state/" + file, content);
  const auto result = run_bot(dir, config("paper", fake));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(has(result.output, "start-up stopped")) << result.output;
  EXPECT_TRUE(has(result.output, message)) << result.output;
  EXPECT_EQ(tb::test::read_file(dir.path() / "state" / file), content);
}

// The fake's market follows the real clock here, so a symbol can have run past its signal's
// stop (or target) by the time the entry fills: the exchange refuses that order (-2021) and
// the bot closes the position at once. Such an entry counts as handled, with a closed trade.
TEST(trading_run, live_signals_become_protected_positions_and_a_restart_sends_nothing_twice) {
  tb::binance::testing::fake_process fake(
      {"--symbols", "12", "--seed", "7", "--api-key", "run-key", "--api-secret", "run-secret"});
  tb::test::temp_dir dir;
  auto result = run_bot(dir, config("live", fake));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_TRUE(has(out, "reconcile: 0 intents failed")) << out;
  // Each kind of outcome, by symbol, from a run's output.
  const auto symbols = [](const std::string& text, const char* outcome) {
    const std::regex line(std::string(R"((\w+USDT) (long|short) \(good_strategy\): )") + outcome);
    std::set<std::string> found;
    for (std::sregex_iterator it(text.begin(), text.end(), line), end; it != end; ++it) {
      found.insert((*it)[1]);
    }
    return found;
  };
  const char* const stop_passed = "failed: the stop-loss could not be placed .*-2021.*closed at market";
  const char* const target_passed = "entered and closed at once";
  const std::set<std::string> open_symbols = symbols(out, "entered\n");
  const std::set<std::string> stop_closed = symbols(out, stop_passed);
  const std::set<std::string> target_closed = symbols(out, target_passed);
  std::set<std::string> closed_symbols = stop_closed;
  closed_symbols.insert(target_closed.begin(), target_closed.end());
  EXPECT_EQ(open_symbols.size() + closed_symbols.size(), 3u) << out;  // max_signals 3
  EXPECT_FALSE(open_symbols.empty()) << out;

  // Each entry with its stop and target, each order once: a refused stop is followed by the
  // close at market, a refused target by the close after the stop. trades.json lists the three.
  const auto sent = orders_sent(fake);
  EXPECT_EQ(sent.size(), 3 * open_symbols.size() + 3 * stop_closed.size() + 4 * target_closed.size());
  for (const auto& [id, count] : sent) EXPECT_EQ(count, 1) << id;
  const auto trades = trades_json(dir);
  ASSERT_EQ(trades["trades"].size(), 3u) << trades.dump(2);
  for (const auto& t : trades["trades"]) {
    EXPECT_EQ(t["mode"], "live");
    const bool closed = closed_symbols.count(t["symbol"].get<std::string>()) > 0;
    EXPECT_EQ(t["exit_price"].is_null(), !closed) << t.dump();
  }
  // The fake refuses what breaks its filters: every order was accepted but a stop or target
  // the price had already passed.
  for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
    for (const auto& r : fake.requests(path)) {
      if (r.value("method", "") != "POST" || r.value("status", 0) == 200) continue;
      const std::string query = r.value("query", "") + "&" + r.value("body", "");
      const auto at = query.find("symbol=") + 7;
      EXPECT_TRUE(closed_symbols.count(query.substr(at, query.find('&', at) - at)) > 0) << r.dump();
    }
  }

  // A restart: reconciliation finds everything in place; the held symbols are not traded
  // again (a closed one's slot may take a new signal) and no order is repeated.
  result = run_bot(dir, config("live", fake));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(has(result.output, "0 protective orders placed, 0 orders cancelled")) << result.output;
  for (const auto& [id, count] : orders_sent(fake)) EXPECT_EQ(count, 1) << id;
  const auto after = trades_json(dir)["trades"];
  EXPECT_GE(after.size(), 3u);
  EXPECT_LE(after.size(), 3u + closed_symbols.size());
  // The restart's own new entries may meet a passed stop or target too.
  for (const char* outcome : {stop_passed, target_passed}) {
    const auto more = symbols(result.output, outcome);
    closed_symbols.insert(more.begin(), more.end());
  }
  for (const auto& t : after) {
    if (t["exit_price"].is_null()) continue;
    EXPECT_TRUE(closed_symbols.count(t["symbol"].get<std::string>()) > 0) << t.dump();
  }
}

TEST(trading_run, paper_mode_trades_in_the_host_and_journals_as_paper) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto result = run_bot(dir, config("paper", fake));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(orders_sent(fake).empty());  // nothing reached the exchange
  const auto trades = trades_json(dir);
  ASSERT_EQ(trades["trades"].size(), 3u) << result.output;
  for (const auto& t : trades["trades"]) EXPECT_EQ(t["mode"], "paper");
}

// Paper positions outlive the process: the paper account is kept in the state directory, and
// a later run replays the minutes it missed, so stops and targets reached meanwhile fill and
// close their trades. The journal's net result then equals the paper wallet's change.
TEST(trading_run, paper_positions_outlive_the_process_and_fill_while_it_is_away) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7", "--speed", "20000"});
  tb::test::temp_dir dir;
  auto result = run_bot(dir, config("paper", fake));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  ASSERT_EQ(trades_json(dir)["trades"].size(), 3u) << result.output;
  const auto account = dir.path() / "state" / "paper_account.json";
  ASSERT_TRUE(std::filesystem::exists(account));
  EXPECT_EQ(nlohmann::json::parse(tb::test::read_file(account))["positions"].size(), 3u);

  // Later runs with no strategy: only the paper account moves on.
  const std::string yaml = std::regex_replace(config("paper", fake), std::regex("    - name: good_strategy\n"), "");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool all_closed = false;
  while (!all_closed && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    result = run_bot(dir, yaml);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    all_closed = true;
    const auto now = trades_json(dir);
    for (const auto& t : now["trades"]) all_closed = all_closed && t["status"] == "closed";
  }
  ASSERT_TRUE(all_closed) << trades_json(dir).dump(2);
  double net = 0;
  const auto closed = trades_json(dir);
  for (const auto& t : closed["trades"]) {
    EXPECT_TRUE(t["exit_reason"] == "stop_loss" || t["exit_reason"] == "take_profit") << t.dump();
    net += std::stod(t["realized_pnl"].get<std::string>()) - std::stod(t["fees"].get<std::string>());
  }
  const auto state = nlohmann::json::parse(tb::test::read_file(account));
  const double wallet_change = state["realized"].get<double>() - state["fees"].get<double>();
  EXPECT_NEAR(net, wallet_change, 0.005);
  EXPECT_NE(net, 0);
  EXPECT_TRUE(orders_sent(fake).empty());  // nothing ever reached the exchange
}

TEST(trading_run, an_unreadable_paper_account_stops_start_up_and_is_left_as_it_was) {
  expect_start_up_refused("paper_account.json",
                          "{\"version\": 1, \"quote_asset\": \"USDT\", \"orders\": [{\"side\": \"up\"}]}",
                          "paper_account.json: orders[0].side: expected a number");
}

// A trades.json from an earlier install is imported on first start, and a stop-loss it
// records an hour ago still holds its symbol's 4 h cooldown: ADAUSDT, good_strategy's first
// ranked signal, is refused and the next ones are traded.
TEST(trading_run, an_imported_stop_loss_keeps_its_cooldown_across_the_restart) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7"});
  tb::test::temp_dir dir;
  std::filesystem::create_directories(dir.path() / "state");
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  nlohmann::json earlier = {
      {"version", 1},
      {"trades",
       {{{"id", 1}, {"intent_id", nullptr}, {"symbol", "ADAUSDT"}, {"side", "short"},
         {"status", "closed"}, {"quantity", "100"}, {"entry_price", "0.30"},
         {"exit_price", "0.31"}, {"realized_pnl", "-1"}, {"fees", "0.02"},
         {"opened_ms", now_ms - 7'200'000}, {"closed_ms", now_ms - 3'600'000},
         {"exit_reason", "stop_loss"}, {"mode", "paper"}}}}};
  dir.write("state/trades.json", earlier.dump());
  const auto result = run_bot(dir, config("paper", fake));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // ADAUSDT ranks first (equal confidence and R:R, then by name); its side follows the market.
  EXPECT_TRUE(std::regex_search(result.output,
                                std::regex(R"(ADAUSDT (long|short) \(good_strategy\): rejected)")))
      << result.output;
  EXPECT_TRUE(has(result.output, "cooldown")) << result.output;
  const auto trades = trades_json(dir)["trades"];
  ASSERT_EQ(trades.size(), 3u) << trades.dump(2);  // the imported one and two new
  EXPECT_EQ(trades[0]["symbol"], "ADAUSDT");
}

TEST(trading_run, a_corrupt_journal_stops_start_up_and_is_left_as_it_was) {
  expect_start_up_refused("journal.db", "this is not a database, but someone's notes\n", "journal.db");
}

}  // namespace

