// Performance statistics of a backtest run (issue #6) and their fixed-width text table.
//
// summarize() is a pure function of its inputs: the same trades, curve and period give the
// same summary, and format_summary_table() the same bytes (no locale, no clock, no platform
// dependent formatting). Doubles are used throughout: these are statistics, not bookkeeping.
//
// Definitions (the n-th trade's net PnL is net_i = realized_pnl_i - fees_i):
// - trades: the number of closed trades. A trade is a win when net_i > 0, a loss when
//   net_i < 0 and breakeven when net_i == 0 exactly; breakeven trades count in `trades` (and
//   so in the win rate's and expectancy's denominators) but neither as wins nor as losses.
// - win rate % = 100 * wins / trades; 0 and not available with no trade.
// - gross profit = sum of net_i over wins (>= 0); gross loss = sum of net_i over losses
//   (<= 0, kept negative).
// - profit factor = gross profit / |gross loss|. Without a losing trade it is +infinity when
//   gross profit > 0 (printed "inf"), and 0 and not available when there is no win either
//   (no trade, or only breakeven trades; printed "n/a").
// - expectancy = net profit / trades, the mean net PnL per trade; 0 and n/a with no trade.
// - average win = gross profit / wins; average loss = gross loss / losses (negative); largest
//   win = max net_i over wins; largest loss = min net_i over losses (negative). Each is 0 and
//   n/a when there is no win (resp. no loss).
// - net profit = sum of net_i over all trades; total fees = sum of fees_i.
// - final equity = equity of the last point of `equity`; when `equity` is empty,
//   starting_equity + net profit.
// - total return % = 100 * (final equity - starting_equity) / starting_equity; 0 and n/a when
//   starting_equity <= 0.
// The equity curve of the metrics below is the point (start_ms, starting_equity) followed by
// the points of `equity`, which is marked to market and ordered by time.
// - running peak P_k = the highest equity of curve points 0..k; drawdown D_k = P_k - E_k.
// - max drawdown = the largest D_k (0 on a never-falling curve). Its peak time is the time of
//   the latest point at or before k whose equity equals P_k (the start of that fall), its
//   trough time the time of point k; ties keep the earliest k. Both are start_ms when it is 0.
// - max drawdown % = the largest 100 * D_k / P_k over points with P_k > 0. It may come from
//   another fall than the max drawdown (a fall from a lower peak can be deeper in percent).
// - daily samples S_0..S_n: for each UTC midnight m with start_ms <= m <= end_ms, in order,
//   the equity of the last curve point at or before m (carried forward across days without a
//   point). Partial days before the first and after the last midnight are not sampled.
//   daily returns r_j = S_j / S_{j-1} - 1 for j = 1..n.
// - Sharpe = mean(r) / stdev(r) * sqrt(365), stdev the sample standard deviation (n - 1
//   denominator), risk-free rate 0; sqrt(365) because crypto trades every day.
// - Sortino = mean(r) / DD * sqrt(365), DD = sqrt(sum over all j of min(r_j, 0)^2 / n), the
//   downside deviation over every day (not only the losing ones).
//   Sharpe and Sortino are 0 and n/a with fewer than 2 daily returns, a deviation below 1e-12
//   (flat curve; for Sortino also a curve without a losing day), or a sample S_{j-1} <= 0.
// - CAGR % = 100 * ((final equity / starting_equity)^(1 / years) - 1), years = (end_ms -
//   start_ms) / (365.25 * 86'400'000 ms); 0 and n/a when the period is shorter than one day,
//   starting_equity <= 0 or final equity <= 0.
// - exposure % = 100 * |union over trades of [opened_ms, closed_ms] clipped to [start_ms,
//   end_ms]| / (end_ms - start_ms): the share of the period with at least one open trade,
//   overlapping trades counted once. 0 and n/a when end_ms == start_ms.
// - average trade duration = mean of closed_ms - opened_ms over all trades (unclipped),
//   truncated to whole milliseconds; 0 and n/a with no trade.
// - per-symbol breakdown: one row per distinct symbol, sorted by byte-wise symbol name, with
//   its trades, wins (net_i > 0), net PnL (sum of net_i) and fees (sum of fees_i).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tb::host {

// One trade of a backtest, as the journal records it.
struct closed_trade {
  std::string symbol;
  int side = 0;  // 1 long (TB_SIDE_LONG), -1 short (TB_SIDE_SHORT); not used by the metrics
  double quantity = 0;
  double entry_price = 0;
  double exit_price = 0;
  double realized_pnl = 0;  // gross, as the exchange books it
  double fees = 0;          // every commission of the trade, >= 0
  std::int64_t opened_ms = 0;
  std::int64_t closed_ms = 0;
  std::string exit_reason;  // "stop_loss", "take_profit", ...
};

// Account equity marked to market at time_ms (epoch milliseconds UTC).
struct equity_point {
  std::int64_t time_ms = 0;
  double equity = 0;
};

struct symbol_breakdown {
  std::string symbol;
  std::size_t trades = 0;
  std::size_t wins = 0;
  double net_pnl = 0;
  double fees = 0;
};

// Every metric as defined at the top of this file. A metric that can be undefined is 0 when
// it is; the *_available flags (or a zero count: wins, losses, trades) say so.
struct performance_summary {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;

  std::size_t trades = 0;
  std::size_t wins = 0;
  std::size_t losses = 0;
  std::size_t breakeven = 0;
  double win_rate_pct = 0;  // available when trades > 0

  double gross_profit = 0;
  double gross_loss = 0;     // <= 0
  double profit_factor = 0;  // may be +infinity
  bool profit_factor_available = false;
  double expectancy = 0;    // available when trades > 0
  double average_win = 0;   // available when wins > 0
  double average_loss = 0;  // <= 0, available when losses > 0
  double largest_win = 0;   // available when wins > 0
  double largest_loss = 0;  // <= 0, available when losses > 0

  double net_profit = 0;
  double total_fees = 0;
  double starting_equity = 0;
  double final_equity = 0;
  double total_return_pct = 0;
  bool total_return_available = false;

  double max_drawdown = 0;
  std::int64_t max_drawdown_peak_ms = 0;
  std::int64_t max_drawdown_trough_ms = 0;
  double max_drawdown_pct = 0;

  std::size_t daily_returns = 0;  // n, the number of daily returns behind Sharpe and Sortino
  double sharpe = 0;
  bool sharpe_available = false;
  double sortino = 0;
  bool sortino_available = false;
  double cagr_pct = 0;
  bool cagr_available = false;

  double exposure_pct = 0;
  bool exposure_available = false;
  std::int64_t average_trade_duration_ms = 0;  // available when trades > 0

  std::vector<symbol_breakdown> symbols;  // sorted by symbol
};

// Computes every metric of a run over [start_ms, end_ms].
// Throws std::invalid_argument, naming the offending index and values, when end_ms <
// start_ms, when the equity points are out of time order or outside [start_ms, end_ms], or
// when a trade closes before it opens: each is a bug of the caller, not a market condition.
performance_summary summarize(const std::vector<closed_trade>& trades,
                              const std::vector<equity_point>& equity, double starting_equity,
                              std::int64_t start_ms, std::int64_t end_ms);

// The summary's metrics as (label, value) rows in table order, values formatted as below.
using summary_rows = std::vector<std::pair<std::string, std::string>>;
summary_rows summary_table_rows(const performance_summary& summary);
// The per-symbol breakdown as rows: ("BTCUSDT", "trades 8, wins 3, net -124.77, fees 84.65").
summary_rows symbol_breakdown_rows(const performance_summary& summary);

// A readable fixed-width text table of `summary`: one "label  value" line per metric, then the
// per-symbol breakdown. Undefined metrics print "n/a", an infinite profit factor "inf", times
// as "YYYY-MM-DD HH:MM:SS" UTC, durations as "<days>d HH:MM:SS", money with 2 decimals.
// Byte-identical for equal summaries, whatever the global locale. Lines end with '\n'.
std::string format_summary_table(const performance_summary& summary);

}  // namespace tb::host
