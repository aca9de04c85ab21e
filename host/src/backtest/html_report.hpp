// The HTML report of a backtest (issue #6): one self-contained HTML5 file that needs no network
// to view. It holds the title, the summary table, the equity curve, the drawdown curve (computed
// here from the equity), one candlestick chart per series with its trades marked, and the trades
// table.
//
// How it is drawn: the charts are <canvas> elements painted by a small inline vanilla script from
// one inline JSON block (<script type="application/json" id="tb-data">) that holds numbers only;
// every text of the input (title, labels, symbols, reasons) is written into the HTML, escaped.
// A Content-Security-Policy meta tag forbids any request, so a page that tried to load something
// would fail visibly rather than silently depend on the network. Times on the axes and in the
// tables are UTC.
//
// Size: a chart of more than report_max_candles candles is drawn from OHLC buckets of k
// consecutive candles (k = ceil(n / report_max_candles)): the first open, the highest high, the
// lowest low, the last close, at the first candle's time. An equity (and drawdown) curve of more
// than report_max_curve_points points is thinned to buckets of ceil(3n / report_max_curve_points)
// points, keeping of each the first, the lowest and the highest point in time order (plus the
// curve's last point), so peaks and troughs survive. The drawdown is computed from the full
// equity before any thinning. Prices and equity are embedded with 8 significant digits,
// drawdown percentages with 4, times as whole epoch milliseconds. A year of 1h candles (8760)
// adds about 100 kB per symbol.
//
// Deterministic: the same input gives byte-identical output (no generation time, numbers
// formatted with std::to_chars independent of the locale, input order kept everywhere).
// Non-finite numbers are embedded as null and left out of the drawing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tb::host {

struct report_candle {
  std::int64_t time_ms;  // open time, epoch milliseconds UTC
  double open, high, low, close;
};

struct report_trade {
  std::string symbol;  // matched by equality against report_series::symbol for the chart markers
  int side;            // 1 long, -1 short
  std::int64_t opened_ms, closed_ms;
  double entry_price, exit_price, net_pnl;  // a trade with net_pnl > 0 is a win
  std::string exit_reason;
};

struct report_series {
  std::string symbol;
  std::string interval;                // "1h"; shown beside the symbol
  std::vector<report_candle> candles;  // in time order
};

struct report_data {
  std::string title;  // "Backtest: ictsmc, 2024-01-01 .. 2024-12-31"
  std::vector<std::pair<std::string, std::string>> summary;  // label, value rows, shown as a table
  std::vector<std::pair<std::int64_t, double>> equity;       // time_ms, equity; in time order
  std::vector<report_trade> trades;                          // shown in this order
  std::vector<report_series> charts;                         // one candlestick chart per series
};

inline constexpr std::size_t report_max_candles = 2000;
inline constexpr std::size_t report_max_curve_points = 4000;

// The whole document.
std::string render_html_report(const report_data& data);

// The candles a chart draws: `candles` itself when it has at most max_candles (> 0) candles,
// else OHLC buckets of ceil(n / max_candles) consecutive candles, as described above.
std::vector<report_candle> downsample_candles(const std::vector<report_candle>& candles,
                                              std::size_t max_candles);

}  // namespace tb::host
