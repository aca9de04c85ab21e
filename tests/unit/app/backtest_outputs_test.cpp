// The backtest's output files: trades.csv carries the journal's exact decimals and a net PnL
// computed exactly; open trades are left out; the files are written and byte-identical for
// the same input.
#include "app/backtest_outputs.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "temp_dir.hpp"

namespace tb::host {
namespace {

trade_record closed(std::int64_t id, std::string symbol, position_side side, std::string pnl,
                    std::string fees, std::int64_t opened, std::int64_t closed_at,
                    exit_reason reason) {
  trade_record t;
  t.id = id;
  t.symbol = std::move(symbol);
  t.side = side;
  t.quantity = "0.010";
  t.entry_price = "27150.10";
  t.exit_price = "27650.30";
  t.realized_pnl = std::move(pnl);
  t.fees = std::move(fees);
  t.opened_ms = opened;
  t.closed_ms = closed_at;
  t.reason = reason;
  t.mode = trade_mode::backtest;
  return t;
}

std::vector<trade_record> sample() {
  std::vector<trade_record> trades{
      closed(1, "BTCUSDT", position_side::long_side, "5.002", "0.21", 1'000, 61'000,
             exit_reason::take_profit),
      closed(2, "ETHUSDT", position_side::short_side, "-3.10000001", "0.1", 2'000, 3'000,
             exit_reason::stop_loss)};
  trade_record open = trades[0];
  open.id = 3;
  open.closed_ms.reset();
  open.exit_price.reset();
  open.reason.reset();
  trades.push_back(open);
  return trades;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(BacktestOutputs, TradesCsvHasExactDecimalsAndOnlyClosedTrades) {
  EXPECT_EQ(trades_csv(sample()),
            "id,symbol,side,quantity,entry_price,exit_price,realized_pnl,fees,net_pnl,opened_ms,"
            "closed_ms,exit_reason\n"
            "1,BTCUSDT,long,0.010,27150.10,27650.30,5.002,0.21,4.792,1000,61000,take_profit\n"
            "2,ETHUSDT,short,0.010,27150.10,27650.30,-3.10000001,0.1,-3.20000001,2000,3000,"
            "stop_loss\n");
}

TEST(BacktestOutputs, ClosedTradesForTheMetricsAreNetOfNothingAndSkipOpenOnes) {
  const auto trades = to_closed_trades(sample());
  ASSERT_EQ(trades.size(), 2u);
  EXPECT_EQ(trades[1].side, -1);
  EXPECT_DOUBLE_EQ(trades[1].realized_pnl, -3.10000001);
  EXPECT_DOUBLE_EQ(trades[1].fees, 0.1);
  EXPECT_EQ(trades[0].exit_reason, "take_profit");
}

TEST(BacktestOutputs, WritesTheFilesTheSameBytesEveryTime) {
  test::temp_dir dir;
  backtest_result result;
  result.title = "Backtest: strategy_ictsmc on exchange_sim";
  result.start_ms = 0;
  result.end_ms = 86'400'000;
  result.starting_equity = 1000;
  result.trades = sample();
  result.equity = {{3'600'000, 1004.792}, {86'400'000, 1001.59199999}};
  result.charts = {{"BTCUSDT", "1h", {{0, 1, 2, 0.5, 1.5}, {3'600'000, 1.5, 2, 1, 1.2}}}};
  performance_summary first, second;
  const auto files = write_backtest_outputs(dir.path(), result, first);
  const std::string summary = read(files.summary), csv = read(files.trades_csv),
                    report = read(files.report);
  EXPECT_EQ(first.trades, 2u);
  EXPECT_NE(summary.find("Trades                  2"), std::string::npos) << summary;
  EXPECT_NE(report.find("trades 1, wins 1, net 4.79, fees 0.21"), std::string::npos)
      << "the per-symbol breakdown is in the report's summary";
  write_backtest_outputs(dir.path(), result, second);
  EXPECT_EQ(read(files.summary), summary);
  EXPECT_EQ(read(files.trades_csv), csv);
  EXPECT_EQ(read(files.report), report);
}

}  // namespace
}  // namespace tb::host
