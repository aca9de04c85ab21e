// `tradingbot backtest` and the demo end to end: the built tradingbot with the built
// exchange_sim and strategy_ictsmc, no network. A run trades, closes every trade, writes its
// outputs and prints the summary; a second run writes the same bytes; a backtest refuses a
// real exchange and an output directory that holds real trades.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "process.hpp"

namespace {

const std::string executable = TB_EXECUTABLE;

tb::test::process_result run(const std::string& verb, const std::filesystem::path& config) {
  return tb::test::run_command(tb::test::shell_quoted(executable) + " " + verb + " --config " +
                               tb::test::shell_quoted(config));
}

bool has(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

// Eight synthetic symbols over three weeks, with the strategy's rules loosened so that the
// period holds trades of both endings.
const std::string backtest_yaml = R"(mode: backtest
state_dir: state
plugins:
  load:
    - name: exchange_sim
      kind: exchange
      settings: {market: synthetic, symbols: 8, seed: 20261124, base_interval: 1m}
    - name: strategy_ictsmc
      kind: strategy
      settings: {kill_zones: [], require_sweep: false, min_reward_risk: 1.5}
backtest: {start: 2025-09-01, end: 2025-09-22, progress: false}
data: {intervals: [1h, 4h], lookback: 200}
)";

std::size_t csv_rows(const std::string& csv) {
  std::size_t lines = 0;
  for (const char c : csv) lines += c == '\n' ? 1 : 0;
  return lines - 1;  // the header
}

TEST(backtest_run, trades_the_synthetic_market_and_writes_the_same_bytes_twice) {
  tb::test::temp_dir dir;
  const auto config = dir.write("backtest.yaml", backtest_yaml);
  const auto first = run("backtest", config);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const std::string& out = first.output;
  EXPECT_TRUE(has(out, "Backtest performance")) << out;
  const auto output_dir = dir.path() / "state" / "backtest";
  EXPECT_TRUE(has(out, "report:  " + (output_dir / "report.html").string())) << out;

  const std::string csv = tb::test::read_file(output_dir / "trades.csv");
  const std::size_t trades = csv_rows(csv);
  EXPECT_GE(trades, 3u) << csv;
  const std::regex entered(R"((\w+USDT) (long|short) \(strategy_ictsmc\): entered)");
  std::size_t entries = 0;
  for (std::sregex_iterator it(out.begin(), out.end(), entered), end; it != end; ++it) ++entries;
  EXPECT_EQ(entries, trades) << out;  // every entry became a closed trade
  EXPECT_TRUE(has(tb::test::read_file(output_dir / "summary.txt"),
                  "Trades                  " + std::to_string(trades) + "\n"));

  const auto json = nlohmann::json::parse(tb::test::read_file(output_dir / "trades.json"));
  std::set<std::string> reasons;
  for (const auto& t : json["trades"]) {
    EXPECT_EQ(t["mode"], "backtest");
    EXPECT_EQ(t["status"], "closed");
    EXPECT_LE(t["opened_ms"].get<std::int64_t>(), t["closed_ms"].get<std::int64_t>());
    // Decisions fall on 1h closes inside the period.
    EXPECT_EQ(t["opened_ms"].get<std::int64_t>() % 3'600'000, 0) << t;
    EXPECT_GE(t["opened_ms"].get<std::int64_t>(), 1'756'684'800'000);
    reasons.insert(t["exit_reason"].get<std::string>());
  }
  EXPECT_EQ(json["trades"].size(), trades);
  for (const auto& r : reasons) {
    EXPECT_TRUE(r == "stop_loss" || r == "take_profit" || r == "manual") << r;
  }
  EXPECT_TRUE(reasons.count("stop_loss") + reasons.count("take_profit") > 0);
  const std::string report = tb::test::read_file(output_dir / "report.html");
  EXPECT_TRUE(has(report, "<canvas")) << report.substr(0, 400);
  EXPECT_TRUE(std::filesystem::exists(output_dir / "metrics.json"));

  const std::string summary = tb::test::read_file(output_dir / "summary.txt");
  const std::string trades_json = tb::test::read_file(output_dir / "trades.json");
  const auto second = run("backtest", config);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(tb::test::read_file(output_dir / "trades.csv"), csv);
  EXPECT_EQ(tb::test::read_file(output_dir / "trades.json"), trades_json);
  EXPECT_EQ(tb::test::read_file(output_dir / "summary.txt"), summary);
  EXPECT_EQ(tb::test::read_file(output_dir / "report.html"), report);
}

TEST(backtest_run, refuses_an_exchange_that_is_not_a_simulator) {
  tb::test::temp_dir dir;
  std::string yaml = backtest_yaml;
  yaml.replace(yaml.find("exchange_sim"), std::string("exchange_sim").size(), "exchange_binance");
  yaml.replace(yaml.find("{market: synthetic, symbols: 8, seed: 20261124, base_interval: 1m}"),
               std::string("{market: synthetic, symbols: 8, seed: 20261124, base_interval: 1m}").size(),
               "{rest_url: \"http://127.0.0.1:9\", ws_url: \"ws://127.0.0.1:9\"}");
  const auto result = run("backtest", dir.write("backtest.yaml", yaml));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(has(result.output, "a backtest needs a simulated exchange")) << result.output;
  EXPECT_TRUE(has(result.output, "exchange_binance is not one")) << result.output;
}

TEST(backtest_run, refuses_to_write_over_real_trades) {
  tb::test::temp_dir dir;
  const std::string live_trades = R"({"version": 1, "trades": [
    {"id": 7, "symbol": "BTCUSDT", "side": "long", "status": "closed", "quantity": "0.010",
     "entry_price": "27150.10", "exit_price": "27650.30", "realized_pnl": "5.002", "fees": "0.21",
     "opened_ms": 1700000000000, "closed_ms": 1700000600000, "exit_reason": "take_profit",
     "mode": "live"}]})";
  dir.write("state/backtest/trades.json", live_trades);
  const auto result = run("backtest", dir.write("backtest.yaml", backtest_yaml));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(has(result.output, "holds a journal with live trades")) << result.output;
  EXPECT_EQ(tb::test::read_file(dir.path() / "state" / "backtest" / "trades.json"), live_trades);
}

TEST(backtest_run, a_live_configuration_is_not_a_backtest) {
  tb::test::temp_dir dir;
  std::string yaml = backtest_yaml;
  yaml.replace(0, std::string("mode: backtest").size(), "mode: paper");
  const auto result = run("backtest", dir.write("paper.yaml", yaml));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_TRUE(has(result.output, "takes mode: backtest (or demo)")) << result.output;
}

}  // namespace
