// `tradingbot run` against the fake Binance on 127.0.0.1 with strategies loaded: their data
// needs widen the scan, every symbol at every interval they asked for is handed to them from
// the candle store, and their signals are ranked, or their failure is logged and degrades
// the "strategy" health component without stopping the run.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "fake_process.hpp"
#include "process.hpp"

namespace {

const std::string executable = TB_EXECUTABLE;
const std::string fixtures = TB_FIXTURE_PLUGIN_DIR;

std::string exchange_entry(const tb::binance::testing::fake_process& fake) {
  return "    - name: exchange_binance\n      settings: {rest_url: \"" + fake.rest_url() +
         "\", ws_url: \"" + fake.ws_url() + "\"}\n";
}

tb::test::process_result run_bot(tb::test::temp_dir& dir, const std::string& yaml) {
  const auto config = dir.write("bot.yaml", yaml);
  return tb::test::run_command(tb::test::shell_quoted(executable) + " run --once --config " +
                               tb::test::shell_quoted(config) + " --plugin-dir " +
                               tb::test::shell_quoted(fixtures));
}

bool has(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

// strategy_ictsmc asks for 1h x 200 and 4h x 200 (its defaults); the configuration lists
// only 1h at a lookback of 50.
TEST(strategy_pass, run_scans_what_the_strategy_needs_and_hands_it_every_series) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto result =
      run_bot(dir, "mode: paper\nstate_dir: state\nplugins:\n  load:\n" + exchange_entry(fake) +
                       "    - name: strategy_ictsmc\ndata:\n  intervals: [1h]\n  lookback: 50\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_TRUE(has(out, "strategies need: 1h x 200, 4h x 200")) << out;
  // Both intervals at the strategy's lookback, although the configuration has 1h x 50.
  for (const char* interval : {"1h", "4h"}) {
    const std::regex scanned(std::string("scan ") + interval +
                             R"(: 12 symbols ok, 0 failed, \d+ stale; lookback 201,)");
    EXPECT_TRUE(std::regex_search(out, scanned)) << interval << "\n" << out;
  }
  EXPECT_EQ(fake.requests("/fapi/v1/klines").size(), 24u);
  EXPECT_TRUE(has(out, "strategy batch: 1 strategies on 24 series")) << out;

  // The plugin's on_scan either works (signals, possibly none, ranked) or fails; both are
  // reported on the summary line, and a failure names the strategy and degrades health.
  const std::regex summary(
      R"(strategy pass: 1 strategies on 24 series \(12 symbols x 2 intervals: 1h, 4h\): )"
      R"((\d+) signals, (\d+) invalid, (\d+) ranked \(max 3\), (\d+) failed shards)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, summary)) << out;
  if (m[4] == "1") {
    EXPECT_TRUE(has(out, "strategy 'strategy_ictsmc' shard 'strategy_ictsmc' failed")) << out;
    EXPECT_EQ(m[1], "0");
    EXPECT_EQ(m[3], "0");
    EXPECT_TRUE(has(out, "overall health: degraded")) << out;
  } else {
    EXPECT_EQ(m[4], "0") << out;
    EXPECT_FALSE(has(out, "shard 'strategy_ictsmc' failed")) << out;
    // Ranking's candidates are the valid signals and the refused ones.
    const auto candidates = std::stoul(m[1].str()) + std::stoul(m[2].str());
    EXPECT_TRUE(has(out, "rank: " + std::to_string(candidates) + " signals in")) << out;
    EXPECT_LE(std::stoul(m[3].str()), 3u);
    EXPECT_TRUE(has(out, "overall health: healthy")) << out;
  }
  EXPECT_TRUE(has(out, "run complete; shutting down")) << out;
  EXPECT_TRUE(has(out, "stopped cleanly")) << out;
}

// good_strategy (a fixture) asks for 1h x 50 and emits one signal per 1h series; the best
// `strategy.max_signals` of them are kept and logged.
TEST(strategy_pass, signals_are_ranked_and_the_best_max_signals_are_logged) {
  tb::binance::testing::fake_process fake({"--symbols", "12", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto result = run_bot(dir, "mode: paper\nstate_dir: state\nplugins:\n  load:\n" +
                                       exchange_entry(fake) +
                                       "    - name: good_strategy\ndata:\n  intervals: [1h, 4h]\n"
                                       "  lookback: 50\nstrategy:\n  max_signals: 2\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_TRUE(has(out, "strategies need: 1h x 50")) << out;
  // Only the interval the strategy asked for is handed to it.
  EXPECT_TRUE(has(out, "strategy pass: 1 strategies on 12 series (12 symbols x 1 intervals: "
                       "1h): 12 signals, 0 invalid, 2 ranked (max 2), 0 failed shards"))
      << out;
  EXPECT_TRUE(has(out, "rank: 12 signals in, 0 invalid, 0 dropped as held, 0 duplicates of a "
                       "symbol, 2 kept (limit 2)"))
      << out;
  EXPECT_TRUE(has(out, "rank #1: ")) << out;
  EXPECT_TRUE(has(out, "rank #2: ")) << out;
  EXPECT_FALSE(has(out, "rank #3: ")) << out;
  EXPECT_TRUE(has(out, "overall health: healthy")) << out;
}

// A strategy whose on_scan fails is logged by name and degrades health; the run goes on.
TEST(strategy_pass, a_failing_strategy_is_logged_and_degrades_health_without_stopping_the_run) {
  tb::binance::testing::fake_process fake({"--symbols", "3", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto result = run_bot(dir, "mode: paper\nstate_dir: state\nplugins:\n  load:\n" +
                                       exchange_entry(fake) +
                                       "    - name: scan_unsupported\n    - name: good_strategy\n"
                                       "data:\n  intervals: [1h]\n  lookback: 50\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_TRUE(has(out, "strategy 'scan_unsupported' shard 'scan_unsupported' failed")) << out;
  EXPECT_TRUE(has(out, "strategy pass: 2 strategies on 3 series")) << out;
  EXPECT_TRUE(has(out, "3 signals, 0 invalid, 3 ranked (max 3), 1 failed shards")) << out;
  EXPECT_TRUE(has(out, "overall health: degraded")) << out;
  EXPECT_TRUE(has(out, "stopped cleanly")) << out;
}

}  // namespace
