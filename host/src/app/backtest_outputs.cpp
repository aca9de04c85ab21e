#include "app/backtest_outputs.hpp"

#include "core/atomic_file.hpp"
#include "services/order_records.hpp"
#include "store/decimal_text.hpp"

namespace tb::host {
namespace {

std::string net_of(const trade_record& t) {
  decimal_sum net;
  net.add(t.realized_pnl);
  net.subtract(t.fees);
  return net.str();
}

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<closed_trade> to_closed_trades(const std::vector<trade_record>& trades) {
  std::vector<closed_trade> out;
  for (const auto& t : trades) {
    if (!t.closed_ms) continue;
    closed_trade c;
    c.symbol = t.symbol;
    c.side = t.side == position_side::long_side ? 1 : -1;
    c.quantity = decimal_value(t.quantity);
    c.entry_price = decimal_value(t.entry_price);
    c.exit_price = decimal_value(t.exit_price.value_or("0"));
    c.realized_pnl = decimal_value(t.realized_pnl);
    c.fees = decimal_value(t.fees);
    c.opened_ms = t.opened_ms;
    c.closed_ms = *t.closed_ms;
    c.exit_reason = t.reason ? std::string(name_of(*t.reason)) : "";
    out.push_back(std::move(c));
  }
  return out;
}

std::string trades_csv(const std::vector<trade_record>& trades) {
  std::string out =
      "id,symbol,side,quantity,entry_price,exit_price,realized_pnl,fees,net_pnl,opened_ms,"
      "closed_ms,exit_reason\n";
  for (const auto& t : trades) {
    if (!t.closed_ms) continue;
    out += std::to_string(t.id) + "," + csv_cell(t.symbol) + "," +
           std::string(name_of(t.side)) + "," + t.quantity + "," + t.entry_price + "," +
           t.exit_price.value_or("") + "," + t.realized_pnl + "," + t.fees + "," + net_of(t) +
           "," + std::to_string(t.opened_ms) + "," + std::to_string(*t.closed_ms) + "," +
           (t.reason ? std::string(name_of(*t.reason)) : "") + "\n";
  }
  return out;
}

backtest_files write_backtest_outputs(const std::filesystem::path& dir,
                                      const backtest_result& result,
                                      performance_summary& summary) {
  const auto closed = to_closed_trades(result.trades);
  summary = summarize(closed, result.equity, result.starting_equity, result.start_ms,
                      result.end_ms);
  backtest_files files{dir / "summary.txt", dir / "trades.csv", dir / "trades.json",
                       dir / "report.html"};
  write_file_atomically(files.summary.string(), format_summary_table(summary));
  write_file_atomically(files.trades_csv.string(), trades_csv(result.trades));

  report_data report;
  report.title = result.title;
  report.summary = summary_table_rows(summary);
  for (auto& row : symbol_breakdown_rows(summary)) report.summary.push_back(std::move(row));
  for (const auto& p : result.equity) report.equity.emplace_back(p.time_ms, p.equity);
  for (std::size_t i = 0; i < closed.size(); ++i) {
    const closed_trade& c = closed[i];
    report.trades.push_back({c.symbol, c.side, c.opened_ms, c.closed_ms, c.entry_price,
                             c.exit_price, c.realized_pnl - c.fees, c.exit_reason});
  }
  report.charts = result.charts;
  write_file_atomically(files.report.string(), render_html_report(report));
  return files;
}

}  // namespace tb::host
