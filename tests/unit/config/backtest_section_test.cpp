// The `backtest:` section: its defaults (the demo's period), every key, the dates it accepts,
// and its problems with their positions.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using std::chrono::milliseconds;

constexpr std::int64_t day_ms = 86'400'000;

TEST(BacktestSection, DefaultsAreTheDemosSixtyDays) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const backtest_settings& b = loaded->result.settings->backtest;
  EXPECT_EQ(b.start_ms, 1'756'684'800'000);  // 2025-09-01T00:00Z
  EXPECT_EQ(b.end_ms - b.start_ms, 61 * day_ms);
  EXPECT_EQ(b.step, milliseconds{60'000});
  EXPECT_EQ(b.output_dir, loaded->result.settings->state_dir / "backtest");
  EXPECT_EQ(b.chart_symbols, 6u);
  EXPECT_TRUE(b.progress);
}

TEST(BacktestSection, ReadsEveryKeyAndTimesInUtc) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "backtest:\n"
                                "  start: 2024-02-29\n"
                                "  end: 2024-03-01T06:30Z\n"
                                "  step: 5m\n"
                                "  output_dir: runs/one\n"
                                "  chart_symbols: 0\n"
                                "  progress: false\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const backtest_settings& b = loaded->result.settings->backtest;
  EXPECT_EQ(b.start_ms, 1'709'164'800'000);  // 2024-02-29T00:00Z, a leap day
  EXPECT_EQ(b.end_ms, 1'709'164'800'000 + day_ms + (6 * 60 + 30) * 60'000);
  EXPECT_EQ(b.step, milliseconds{300'000});
  EXPECT_EQ(b.output_dir, loaded->result.settings->state_dir / "runs" / "one");
  EXPECT_EQ(b.chart_symbols, 0u);
  EXPECT_FALSE(b.progress);
}

TEST(BacktestSection, AcceptsSecondsAndASpaceBeforeTheTime) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "backtest: {start: '2024-01-01 00:00:30', end: 2024-01-02}\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  EXPECT_EQ(loaded->result.settings->backtest.start_ms, 1'704'067'200'000 + 30'000);
}

TEST(BacktestSection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "backtest:\n"
                                "  start: 2024-02-30\n"
                                "  end: yesterday\n"
                                "  step: 10s\n"
                                "  chart_symbols: 101\n"
                                "  period: 1y\n");
  EXPECT_FALSE(loaded->result.ok());
  const auto problems = loaded->diagnostics();
  ASSERT_EQ(problems.size(), 5u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "6:10: error: backtest.start: expected a UTC date or time (2024-01-31 or "
                         "2024-01-31T06:00), got '2024-02-30'");
  EXPECT_EQ(problems[1], "7:8: error: backtest.end: expected a UTC date or time (2024-01-31 or "
                         "2024-01-31T06:00), got 'yesterday'");
  EXPECT_EQ(problems[2].rfind("8:9: error: backtest.step: expected a duration from 1m to 24h", 0), 0u) << problems[2];
  EXPECT_EQ(problems[3].rfind("9:18: error: backtest.chart_symbols: expected", 0), 0u) << problems[3];
  EXPECT_EQ(problems[4].rfind("10:3: error: unknown key 'period' in 'backtest'", 0), 0u) << problems[4];
}

TEST(BacktestSection, TheEndMustComeAfterTheStart) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "backtest: {start: 2024-03-01, end: 2024-03-01}\n");
  EXPECT_FALSE(loaded->result.ok());
  const auto problems = loaded->diagnostics();
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("backtest.end: the backtest must end after it starts"), std::string::npos)
      << problems[0];
}

TEST(BacktestSection, BacktestModeNeedsTheSection) {
  const auto loaded = load_yaml("mode: backtest\n");
  EXPECT_FALSE(loaded->result.ok());
  const auto problems = loaded->diagnostics();
  ASSERT_FALSE(problems.empty());
  bool found = false;
  for (const auto& p : problems) {
    found = found || p.find("backtest mode needs a `backtest:` section") != std::string::npos;
  }
  EXPECT_TRUE(found) << ::testing::PrintToString(problems);
}

}  // namespace
}  // namespace tb::host
