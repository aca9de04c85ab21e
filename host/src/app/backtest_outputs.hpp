#pragma once
// What a backtest leaves in its output directory (docs/backtesting.md, "Outputs"), built from
// the journal's closed trades and the equity sampled during the run:
//   summary.txt  the performance table (backtest/performance.hpp)
//   trades.csv   one row per closed trade, the journal's exact decimals
//   report.html  the self-contained report (backtest/html_report.hpp)
// trades.json is the journal's own file, beside them. All are byte-identical for the same
// inputs: nothing here reads a clock or depends on the locale.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "backtest/html_report.hpp"
#include "backtest/performance.hpp"
#include "store/journal_records.hpp"

namespace tb::host {

struct backtest_result {
  std::string title;                     // "Backtest: strategy_ictsmc on exchange_sim, ..."
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  double starting_equity = 0;
  std::vector<trade_record> trades;      // closed, in journal order
  std::vector<equity_point> equity;      // marked to market, in time order
  std::vector<report_series> charts;     // candles of the symbols to chart
};

struct backtest_files {
  std::filesystem::path summary, trades_csv, trades_json, report;
};

// The trades as the metrics read them (doubles; net = realized - fees).
std::vector<closed_trade> to_closed_trades(const std::vector<trade_record>& trades);

// The CSV text: a header, then one line per trade.
std::string trades_csv(const std::vector<trade_record>& trades);

// Writes summary.txt, trades.csv and report.html into `dir` (atomically, each) and returns
// the summary with every path. Throws std::runtime_error naming a file that cannot be written.
backtest_files write_backtest_outputs(const std::filesystem::path& dir,
                                      const backtest_result& result,
                                      performance_summary& summary);

}  // namespace tb::host
