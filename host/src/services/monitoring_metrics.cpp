#include "services/monitoring_metrics.hpp"

#include <vector>

namespace tb::host {
namespace {

// A scan runs from a fraction of a second (a few symbols, cached candles) to minutes (a cold
// universe under the weight budget): the default latency buckets stop at 10 s.
std::vector<double> scan_buckets() {
  return {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600};
}

}  // namespace

std::string_view to_string(scan_stage stage) noexcept {
  switch (stage) {
    case scan_stage::fetch: return "fetch";
    case scan_stage::analyze: return "analyze";
    case scan_stage::rank: return "rank";
    case scan_stage::execute: return "execute";
    case scan_stage::total: return "total";
  }
  return "unknown";
}

monitoring_metrics::monitoring_metrics(metrics_registry& r) {
  for (const scan_stage s : scan_stages) {
    stage(s) = r.register_histogram("tb_scan_stage_seconds",
                                    "Duration of each stage of a successful scan cycle",
                                    {{"stage", std::string(to_string(s))}}, scan_buckets());
  }
  const char* scans_help = "Scan cycles finished, by outcome";
  scans_ok = r.register_counter("tb_scans_total", scans_help, {{"outcome", "ok"}});
  scans_failed = r.register_counter("tb_scans_total", scans_help, {{"outcome", "failed"}});
  scans_missed = r.register_counter(
      "tb_scans_missed_total", "Scheduled scans skipped because the scan before ran past their time");
  signals_found = r.register_counter("tb_signals_found_total",
                                     "Signals the strategies found, before ranking");
  signals_taken = r.register_counter("tb_signals_taken_total",
                                     "Signals that became positions");
  equity = r.register_gauge("tb_equity", "Account equity (wallet balance + unrealized PnL)");
  equity_peak = r.register_gauge("tb_equity_peak", "Highest equity seen");
  drawdown_percent = r.register_gauge("tb_drawdown_percent", "Equity below its peak, in percent");
  today_pnl = r.register_gauge("tb_today_pnl", "Realized PnL since 00:00 UTC, net of fees");
  unrealized_pnl = r.register_gauge("tb_unrealized_pnl", "Unrealized PnL of the open positions");
  open_positions = r.register_gauge("tb_open_positions", "Open positions");
  positions_without_stop = r.register_gauge("tb_positions_without_stop",
                                            "Open positions with no working stop order");
  market_data_age_seconds = r.register_gauge(
      "tb_market_data_age_seconds", "Age of the newest closed candle seen, at the last check");
  errors_per_minute = r.register_gauge(
      "tb_errors_per_minute", "Errors of every kind per minute over the last 5 minutes");
  paused = r.register_gauge("tb_paused", "1 while new entries are paused");
}

}  // namespace tb::host
