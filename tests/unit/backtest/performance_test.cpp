#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "backtest/performance.hpp"

namespace tb::host {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr std::int64_t hour = 3'600'000;
constexpr std::int64_t day = 24 * hour;
constexpr std::int64_t d0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

closed_trade trade(const std::string& symbol, double pnl, double fees, std::int64_t opened_ms,
                   std::int64_t closed_ms) {
  closed_trade t;
  t.symbol = symbol;
  t.side = 1;
  t.quantity = 1;
  t.entry_price = 100;
  t.exit_price = 100 + pnl;
  t.realized_pnl = pnl;
  t.fees = fees;
  t.opened_ms = opened_ms;
  t.closed_ms = closed_ms;
  t.exit_reason = "take_profit";
  return t;
}

// Net PnL (realized - fees):
//   A BTCUSDT 100 - 2 = 98  (win)   held 2h
//   B ETHUSDT -50 - 1 = -51 (loss)  held 4h, overlapping A
//   C BTCUSDT  30 - 1 = 29  (win)   held 6h on day 2
//   D ETHUSDT   1 - 1 = 0   (breakeven: neither win nor loss) held 12h on day 3
std::vector<closed_trade> four_trades() {
  return {trade("BTCUSDT", 100, 2, d0 + 1 * hour, d0 + 3 * hour),
          trade("ETHUSDT", -50, 1, d0 + 2 * hour, d0 + 6 * hour),
          trade("BTCUSDT", 30, 1, d0 + day, d0 + day + 6 * hour),
          trade("ETHUSDT", 1, 1, d0 + 2 * day, d0 + 2 * day + 12 * hour)};
}

// Starts at 10000 (d0). A lifts it to 10098, B drops it to 10047, C to 10076; D changes
// nothing; an open position marks it down to 10050 on day 4.
std::vector<equity_point> four_trades_curve() {
  return {{d0 + 3 * hour, 10098},
          {d0 + 6 * hour, 10047},
          {d0 + day + 6 * hour, 10076},
          {d0 + 2 * day + 12 * hour, 10076},
          {d0 + 3 * day + hour, 10050}};
}

performance_summary four_trades_summary() {
  return summarize(four_trades(), four_trades_curve(), 10000, d0, d0 + 4 * day);
}

// One line of the table: the label padded to 24 columns, then the value.
std::string row(const std::string& label, const std::string& value) {
  return label + std::string(24 - label.size(), ' ') + value + "\n";
}

TEST(performance, CountsWinsLossesAndBreakevenFromNetPnl) {
  const performance_summary s = four_trades_summary();
  EXPECT_EQ(s.trades, 4u);
  EXPECT_EQ(s.wins, 2u);
  EXPECT_EQ(s.losses, 1u);
  EXPECT_EQ(s.breakeven, 1u);
  EXPECT_DOUBLE_EQ(s.win_rate_pct, 50.0);  // 2 wins / 4 trades: breakeven is not a win
}

TEST(performance, ComputesProfitFactorExpectancyAndExtremes) {
  const performance_summary s = four_trades_summary();
  EXPECT_DOUBLE_EQ(s.gross_profit, 127.0);  // 98 + 29
  EXPECT_DOUBLE_EQ(s.gross_loss, -51.0);
  ASSERT_TRUE(s.profit_factor_available);
  EXPECT_DOUBLE_EQ(s.profit_factor, 127.0 / 51.0);  // 2.4902
  EXPECT_DOUBLE_EQ(s.expectancy, 19.0);             // (98 - 51 + 29 + 0) / 4 = 76 / 4
  EXPECT_DOUBLE_EQ(s.average_win, 63.5);            // 127 / 2
  EXPECT_DOUBLE_EQ(s.average_loss, -51.0);
  EXPECT_DOUBLE_EQ(s.largest_win, 98.0);
  EXPECT_DOUBLE_EQ(s.largest_loss, -51.0);
  EXPECT_DOUBLE_EQ(s.net_profit, 76.0);
  EXPECT_DOUBLE_EQ(s.total_fees, 5.0);  // 2 + 1 + 1 + 1
}

TEST(performance, FinalEquityAndReturnComeFromTheCurve) {
  const performance_summary s = four_trades_summary();
  EXPECT_DOUBLE_EQ(s.starting_equity, 10000.0);
  EXPECT_DOUBLE_EQ(s.final_equity, 10050.0);  // last mark, not 10000 + 76
  ASSERT_TRUE(s.total_return_available);
  EXPECT_DOUBLE_EQ(s.total_return_pct, 0.5);  // 50 / 10000
}

TEST(performance, FinalEquityWithoutCurveIsStartPlusNetProfit) {
  const performance_summary s = summarize(four_trades(), {}, 10000, d0, d0 + 4 * day);
  EXPECT_DOUBLE_EQ(s.final_equity, 10076.0);
  EXPECT_DOUBLE_EQ(s.total_return_pct, 0.76);
}

TEST(performance, BreaksDownBySymbolSortedByName) {
  const std::vector<closed_trade> trades = {
      trade("SOLUSDT", 5, 1, d0, d0 + hour), trade("BTCUSDT", -3, 1, d0, d0 + hour),
      trade("ETHUSDT", 2, 0.5, d0, d0 + hour), trade("BTCUSDT", 10, 1, d0, d0 + hour)};
  const performance_summary s = summarize(trades, {}, 1000, d0, d0 + day);
  ASSERT_EQ(s.symbols.size(), 3u);
  EXPECT_EQ(s.symbols[0].symbol, "BTCUSDT");
  EXPECT_EQ(s.symbols[0].trades, 2u);
  EXPECT_EQ(s.symbols[0].wins, 1u);             // -4 loses, 9 wins
  EXPECT_DOUBLE_EQ(s.symbols[0].net_pnl, 5.0);  // -4 + 9
  EXPECT_DOUBLE_EQ(s.symbols[0].fees, 2.0);
  EXPECT_EQ(s.symbols[1].symbol, "ETHUSDT");
  EXPECT_EQ(s.symbols[1].wins, 1u);
  EXPECT_DOUBLE_EQ(s.symbols[1].net_pnl, 1.5);
  EXPECT_DOUBLE_EQ(s.symbols[1].fees, 0.5);
  EXPECT_EQ(s.symbols[2].symbol, "SOLUSDT");
  EXPECT_DOUBLE_EQ(s.symbols[2].net_pnl, 4.0);
}

// Curve 1000 (start) 1100 900 1200 1000 1150; running peak 1000 1100 1100 1200 1200 1200;
// drawdown 0 0 200 0 200 50. The largest, 200, first reached at +2h from the peak at +1h
// (the tie at +4h keeps the earliest); in percent 200/1100 = 18.18% beats 200/1200 = 16.67%.
TEST(performance, FindsMaxDrawdownWithItsPeakAndTrough) {
  const std::vector<equity_point> curve = {{d0 + 1 * hour, 1100},
                                           {d0 + 2 * hour, 900},
                                           {d0 + 3 * hour, 1200},
                                           {d0 + 4 * hour, 1000},
                                           {d0 + 5 * hour, 1150}};
  const performance_summary s = summarize({}, curve, 1000, d0, d0 + 6 * hour);
  EXPECT_DOUBLE_EQ(s.max_drawdown, 200.0);
  EXPECT_EQ(s.max_drawdown_peak_ms, d0 + 1 * hour);
  EXPECT_EQ(s.max_drawdown_trough_ms, d0 + 2 * hour);
  EXPECT_DOUBLE_EQ(s.max_drawdown_pct, 100.0 * 200.0 / 1100.0);
}

// 100 -> 50 is a fall of 50 (50%); 1000 -> 900 a fall of 100 (10%). The largest in money and
// the largest in percent are different falls.
TEST(performance, DrawdownPercentMayComeFromAnotherFall) {
  const std::vector<equity_point> curve = {
      {d0 + hour, 50}, {d0 + 2 * hour, 1000}, {d0 + 3 * hour, 900}};
  const performance_summary s = summarize({}, curve, 100, d0, d0 + 4 * hour);
  EXPECT_DOUBLE_EQ(s.max_drawdown, 100.0);
  EXPECT_EQ(s.max_drawdown_peak_ms, d0 + 2 * hour);
  EXPECT_EQ(s.max_drawdown_trough_ms, d0 + 3 * hour);
  EXPECT_DOUBLE_EQ(s.max_drawdown_pct, 50.0);
}

TEST(performance, RisingCurveHasNoDrawdown) {
  const performance_summary s =
      summarize({}, {{d0 + hour, 1000}, {d0 + 2 * hour, 1100}}, 1000, d0, d0 + 2 * hour);
  EXPECT_EQ(s.max_drawdown, 0.0);
  EXPECT_EQ(s.max_drawdown_pct, 0.0);
  EXPECT_EQ(s.max_drawdown_peak_ms, d0);
  EXPECT_EQ(s.max_drawdown_trough_ms, d0);
}

// Midnight samples: d0 -> 1000 (the start; the 3000 at 06:00 comes after it), d1 -> 1100 (the
// point at 23:00 of day 0), d2 -> 1045 (carried forward from 12:00 of day 1), d3 -> 1149.5
// (a point exactly at midnight counts). Returns r = 0.1, -0.05, 0.1.
//   mean = 0.05; deviations 0.05, -0.1, 0.05; squares 0.0025 + 0.01 + 0.0025 = 0.015;
//   sample variance 0.015 / 2 = 0.0075, stdev = sqrt(0.0075) = 0.05 * sqrt(3);
//   Sharpe = 0.05 / (0.05 sqrt(3)) * sqrt(365) = sqrt(365 / 3) = 11.0303.
//   Downside: min(r, 0)^2 = 0, 0.0025, 0; mean over 3 days 0.0025 / 3, deviation
//   0.05 / sqrt(3); Sortino = 0.05 / (0.05 / sqrt(3)) * sqrt(365) = sqrt(1095) = 33.0908.
TEST(performance, SharpeAndSortinoFromDailyReturns) {
  const std::vector<equity_point> curve = {{d0 + 6 * hour, 3000},
                                           {d0 + 23 * hour, 1100},
                                           {d0 + day + 12 * hour, 1045},
                                           {d0 + 3 * day, 1149.5}};
  const performance_summary s = summarize({}, curve, 1000, d0, d0 + 3 * day);
  EXPECT_EQ(s.daily_returns, 3u);
  ASSERT_TRUE(s.sharpe_available);
  EXPECT_NEAR(s.sharpe, std::sqrt(365.0 / 3.0), 1e-9);
  EXPECT_NEAR(s.sharpe, 11.0303, 1e-4);
  ASSERT_TRUE(s.sortino_available);
  EXPECT_NEAR(s.sortino, std::sqrt(1095.0), 1e-9);
  EXPECT_NEAR(s.sortino, 33.0908, 1e-4);
}

// From 12:00 of day 0 to 12:00 of day 3 the midnights are d1, d2, d3: three samples (1100,
// 1210, 1089), two returns (0.1, -0.1), mean 0. The partial days at either end are not used.
TEST(performance, DailyReturnsSkipPartialDays) {
  const std::vector<equity_point> curve = {{d0 + 18 * hour, 1100},
                                           {d0 + day + hour, 1210},
                                           {d0 + 2 * day + hour, 1089},
                                           {d0 + 3 * day + 6 * hour, 5000}};
  const performance_summary s =
      summarize({}, curve, 1000, d0 + 12 * hour, d0 + 3 * day + 12 * hour);
  EXPECT_EQ(s.daily_returns, 2u);
  ASSERT_TRUE(s.sharpe_available);
  EXPECT_NEAR(s.sharpe, 0.0, 1e-9);
  ASSERT_TRUE(s.sortino_available);
  EXPECT_NEAR(s.sortino, 0.0, 1e-9);
}

TEST(performance, OneDayGivesNoRatios) {
  const performance_summary s = summarize({}, {{d0 + day, 1100}}, 1000, d0, d0 + day);
  EXPECT_EQ(s.daily_returns, 1u);
  EXPECT_FALSE(s.sharpe_available);
  EXPECT_EQ(s.sharpe, 0.0);
  EXPECT_FALSE(s.sortino_available);
  EXPECT_EQ(s.sortino, 0.0);
}

TEST(performance, FlatEquityGivesNoRatios) {
  const performance_summary s = summarize({}, {{d0 + day, 1000}}, 1000, d0, d0 + 5 * day);
  EXPECT_EQ(s.daily_returns, 5u);  // d0..d5: six samples, all 1000
  EXPECT_FALSE(s.sharpe_available);
  EXPECT_EQ(s.sharpe, 0.0);
  EXPECT_FALSE(s.sortino_available);
  EXPECT_EQ(s.max_drawdown, 0.0);
  EXPECT_EQ(s.total_return_pct, 0.0);
}

// Returns 0.1 and 0.2: mean 0.15, deviations -0.05 and 0.05, sample variance
// (0.0025 + 0.0025) / 1 = 0.005, stdev 0.0707; Sharpe = 0.15 / 0.0707 * sqrt(365) =
// 2.1213 * 19.105 = 40.53. No losing day, so no
// downside deviation: Sortino is not available.
TEST(performance, NoLosingDayGivesSharpeButNoSortino) {
  const performance_summary s =
      summarize({}, {{d0 + day, 1100}, {d0 + 2 * day, 1320}}, 1000, d0, d0 + 2 * day);
  ASSERT_TRUE(s.sharpe_available);
  EXPECT_NEAR(s.sharpe, 0.15 / std::sqrt(0.005) * std::sqrt(365.0), 1e-9);
  EXPECT_NEAR(s.sharpe, 40.53, 0.01);
  EXPECT_FALSE(s.sortino_available);
  EXPECT_EQ(s.sortino, 0.0);
}

// One year is 365.25 days: 1000 -> 2000 over it is (2)^1 - 1 = 100%; over half a year the
// rate compounds twice: 2^2 - 1 = 300%.
TEST(performance, CagrOfADoublingOverOneYearIs100Percent) {
  const std::int64_t year = 365 * day + day / 4;
  const performance_summary s = summarize({}, {{d0 + year, 2000}}, 1000, d0, d0 + year);
  ASSERT_TRUE(s.cagr_available);
  EXPECT_DOUBLE_EQ(s.cagr_pct, 100.0);
  const performance_summary half = summarize({}, {{d0 + year / 2, 2000}}, 1000, d0, d0 + year / 2);
  EXPECT_DOUBLE_EQ(half.cagr_pct, 300.0);
}

TEST(performance, CagrIsNotAvailableBelowOneDayOrWhenBlownUp) {
  const performance_summary short_run =
      summarize({}, {{d0 + day - 1, 2000}}, 1000, d0, d0 + day - 1);
  EXPECT_FALSE(short_run.cagr_available);
  EXPECT_EQ(short_run.cagr_pct, 0.0);
  const performance_summary one_day = summarize({}, {{d0 + day, 1010}}, 1000, d0, d0 + day);
  EXPECT_TRUE(one_day.cagr_available);
  const performance_summary blown = summarize({}, {{d0 + day, 0}}, 1000, d0, d0 + 2 * day);
  EXPECT_FALSE(blown.cagr_available);
  EXPECT_DOUBLE_EQ(blown.total_return_pct, -100.0);
}

// Period 00:00-10:00. Open intervals: [1h,3h] and [2h,5h] overlap -> [1h,5h] = 4h; [2h,4h] lies
// inside; [7h,8h] = 1h; [-1h,0.5h] clipped to [0,0.5h] = 0.5h; [9h,12h] clipped to [9h,10h]
// = 1h. Union 6.5h of 10h = 65%. Durations (unclipped) 2 + 3 + 2 + 1 + 1.5 + 3 = 12.5h over
// 6 trades = 2h05m.
TEST(performance, ExposureCountsOverlappingTradesOnce) {
  const std::vector<closed_trade> trades = {
      trade("BTCUSDT", 1, 0, d0 + 1 * hour, d0 + 3 * hour),
      trade("ETHUSDT", 1, 0, d0 + 2 * hour, d0 + 5 * hour),
      trade("SOLUSDT", 1, 0, d0 + 2 * hour, d0 + 4 * hour),
      trade("BTCUSDT", 1, 0, d0 + 7 * hour, d0 + 8 * hour),
      trade("BTCUSDT", 1, 0, d0 - 1 * hour, d0 + hour / 2),
      trade("BTCUSDT", 1, 0, d0 + 9 * hour, d0 + 12 * hour)};
  const performance_summary s = summarize(trades, {}, 1000, d0, d0 + 10 * hour);
  ASSERT_TRUE(s.exposure_available);
  EXPECT_DOUBLE_EQ(s.exposure_pct, 65.0);
  EXPECT_EQ(s.average_trade_duration_ms, 2 * hour + 5 * 60'000);
}

TEST(performance, NoTradesLeavesTradeMetricsUndefined) {
  const performance_summary s = summarize({}, {}, 1000, d0, d0 + 2 * day);
  EXPECT_EQ(s.trades, 0u);
  EXPECT_EQ(s.win_rate_pct, 0.0);
  EXPECT_FALSE(s.profit_factor_available);
  EXPECT_EQ(s.profit_factor, 0.0);
  EXPECT_EQ(s.expectancy, 0.0);
  EXPECT_EQ(s.final_equity, 1000.0);
  EXPECT_TRUE(s.exposure_available);
  EXPECT_EQ(s.exposure_pct, 0.0);
  EXPECT_EQ(s.average_trade_duration_ms, 0);
  EXPECT_TRUE(s.symbols.empty());

  const std::string table = format_summary_table(s);
  EXPECT_THAT(table, HasSubstr(row("Win rate", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Profit factor", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Expectancy", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Average win", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Largest loss", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Average trade duration", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Max drawdown peak", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Sharpe (daily, ann.)", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Exposure", "0.00%")));
  EXPECT_THAT(table, HasSubstr("(no trades)\n"));
}

TEST(performance, OnlyWinnersGiveAnInfiniteProfitFactor) {
  const std::vector<closed_trade> trades = {trade("BTCUSDT", 10, 1, d0, d0 + hour),
                                            trade("BTCUSDT", 5, 1, d0, d0 + hour)};
  const performance_summary s = summarize(trades, {}, 1000, d0, d0 + day);
  ASSERT_TRUE(s.profit_factor_available);
  EXPECT_EQ(s.profit_factor, std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(s.win_rate_pct, 100.0);
  EXPECT_EQ(s.losses, 0u);
  EXPECT_EQ(s.average_loss, 0.0);
  const std::string table = format_summary_table(s);
  EXPECT_THAT(table, HasSubstr(row("Profit factor", "inf")));
  EXPECT_THAT(table, HasSubstr(row("Average loss", "n/a")));
  EXPECT_THAT(table, HasSubstr(row("Largest win", "9.00")));
}

TEST(performance, OnlyBreakevenTradesHaveNoProfitFactor) {
  const performance_summary s =
      summarize({trade("BTCUSDT", 1, 1, d0, d0 + hour)}, {}, 1000, d0, d0 + day);
  EXPECT_EQ(s.breakeven, 1u);
  EXPECT_EQ(s.win_rate_pct, 0.0);
  EXPECT_FALSE(s.profit_factor_available);
}

TEST(performance, RejectsInconsistentInput) {
  EXPECT_THROW(summarize({}, {}, 1000, d0 + 1, d0), std::invalid_argument);
  EXPECT_THROW(summarize({}, {{d0 + 2, 1}, {d0 + 1, 1}}, 1000, d0, d0 + 3),
               std::invalid_argument);
  EXPECT_THROW(summarize({}, {{d0 - 1, 1}}, 1000, d0, d0 + 3), std::invalid_argument);
  EXPECT_THROW(summarize({}, {{d0 + 4, 1}}, 1000, d0, d0 + 3), std::invalid_argument);
  EXPECT_THROW(summarize({trade("BTCUSDT", 1, 0, d0 + 2, d0 + 1)}, {}, 1000, d0, d0 + 3),
               std::invalid_argument);
  try {
    summarize({}, {{d0 + 2, 1}, {d0 + 1, 1}}, 1000, d0, d0 + 3);
    ADD_FAILURE() << "out-of-order equity points were accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("equity point 1"));
  }
}

// Every value below is worked out by hand in the comments above four_trades() and in the
// tests before. Daily samples d0..d4: 10000, 10047, 10076, 10076, 10050; returns 0.0047,
// 0.0028864, 0, -0.0025804: mean 0.00125151, sample stdev 0.00320493 -> Sharpe 7.46;
// downside sqrt(0.0025804^2 / 4) = 0.00129019 -> Sortino 18.53. CAGR: years = 4 / 365.25,
// 1.005^(91.3125) - 1 = 57.68%. Exposure: 5h + 6h + 12h = 23h of 96h = 23.96%. Drawdown
// 10098 -> 10047 = 51, 0.51% of 10098.
TEST(performance, TableShowsEveryMetric) {
  const std::string expected =
      "Backtest performance\n"
      "Period                  2026-01-01 00:00:00 -> 2026-01-05 00:00:00 UTC\n"
      "Duration                4d 00:00:00\n"
      "Trades                  4\n"
      "Wins                    2\n"
      "Losses                  1\n"
      "Breakeven               1\n"
      "Win rate                50.00%\n"
      "Gross profit            127.00\n"
      "Gross loss              -51.00\n"
      "Profit factor           2.49\n"
      "Expectancy              19.00\n"
      "Average win             63.50\n"
      "Average loss            -51.00\n"
      "Largest win             98.00\n"
      "Largest loss            -51.00\n"
      "Net profit              76.00\n"
      "Total fees              5.00\n"
      "Starting equity         10000.00\n"
      "Final equity            10050.00\n"
      "Total return            0.50%\n"
      "Max drawdown            51.00\n"
      "Max drawdown %          0.51%\n"
      "Max drawdown peak       2026-01-01 03:00:00\n"
      "Max drawdown trough     2026-01-01 06:00:00\n"
      "Daily returns           4\n"
      "Sharpe (daily, ann.)    7.46\n"
      "Sortino (daily, ann.)   18.53\n"
      "CAGR                    57.68%\n"
      "Exposure                23.96%\n"
      "Average trade duration  0d 06:00:00\n"
      "\n"
      "Symbol            Trades    Wins         Net PnL          Fees\n"
      "BTCUSDT                2       2          127.00          3.00\n"
      "ETHUSDT                2       0          -51.00          2.00\n";
  EXPECT_EQ(format_summary_table(four_trades_summary()), expected);
}

TEST(performance, TableIsIdenticalAcrossCalls) {
  const performance_summary s = four_trades_summary();
  const std::string first = format_summary_table(s);
  EXPECT_EQ(format_summary_table(s), first);
  EXPECT_EQ(format_summary_table(four_trades_summary()), first);
  for (const char* label :
       {"Period", "Duration", "Trades", "Wins", "Losses", "Breakeven", "Win rate",
        "Gross profit", "Gross loss", "Profit factor", "Expectancy", "Average win",
        "Average loss", "Largest win", "Largest loss", "Net profit", "Total fees",
        "Starting equity", "Final equity", "Total return", "Max drawdown", "Max drawdown %",
        "Max drawdown peak", "Max drawdown trough", "Daily returns", "Sharpe", "Sortino", "CAGR",
        "Exposure", "Average trade duration", "Symbol"}) {
    EXPECT_THAT(first, HasSubstr(std::string("\n") + label)) << label;
  }
}

// -0.001 rounds to "-0.00"; the table prints "0.00" instead.
TEST(performance, TableNeverPrintsNegativeZero) {
  const performance_summary s =
      summarize({trade("BTCUSDT", 0, 0.001, d0, d0 + hour)}, {}, 1000, d0, d0 + day);
  const std::string table = format_summary_table(s);
  EXPECT_THAT(table, HasSubstr(row("Net profit", "0.00")));
  EXPECT_THAT(table, Not(HasSubstr("-0.00")));
}

}  // namespace
}  // namespace tb::host
