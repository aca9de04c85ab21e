#include "backtest/performance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace tb::host {
namespace {

constexpr std::int64_t day_ms = 86'400'000;
// A deviation this small is rounding noise of a flat (or steadily compounding) curve; dividing
// by it would print a meaningless astronomical ratio.
constexpr double zero_deviation = 1e-12;

void validate(const std::vector<closed_trade>& trades, const std::vector<equity_point>& equity,
              std::int64_t start_ms, std::int64_t end_ms) {
  auto fail = [](const std::string& what) {
    throw std::invalid_argument("backtest performance summary: " + what);
  };
  if (end_ms < start_ms) {
    fail("end_ms " + std::to_string(end_ms) + " is before start_ms " + std::to_string(start_ms) +
         "; pass the run's period in order");
  }
  for (std::size_t i = 0; i < equity.size(); ++i) {
    const std::int64_t t = equity[i].time_ms;
    if (t < start_ms || t > end_ms) {
      fail("equity point " + std::to_string(i) + " at " + std::to_string(t) +
           " ms is outside the period [" + std::to_string(start_ms) + ", " +
           std::to_string(end_ms) + "]; record equity only within the run");
    }
    if (i > 0 && t < equity[i - 1].time_ms) {
      fail("equity point " + std::to_string(i) + " at " + std::to_string(t) +
           " ms is before point " + std::to_string(i - 1) + " at " +
           std::to_string(equity[i - 1].time_ms) + " ms; the curve must be time-ordered");
    }
  }
  for (std::size_t i = 0; i < trades.size(); ++i) {
    if (trades[i].closed_ms < trades[i].opened_ms) {
      fail("trade " + std::to_string(i) + " (" + trades[i].symbol + ") closes at " +
           std::to_string(trades[i].closed_ms) + " ms, before it opens at " +
           std::to_string(trades[i].opened_ms) + " ms");
    }
  }
}

void add_trade_stats(performance_summary& s, const std::vector<closed_trade>& trades) {
  std::map<std::string, symbol_breakdown> by_symbol;
  std::int64_t total_duration_ms = 0;
  for (const closed_trade& t : trades) {
    const double net = t.realized_pnl - t.fees;
    symbol_breakdown& row = by_symbol[t.symbol];
    row.symbol = t.symbol;
    ++row.trades;
    row.net_pnl += net;
    row.fees += t.fees;
    if (net > 0) {
      s.largest_win = s.wins == 0 ? net : std::max(s.largest_win, net);
      ++s.wins;
      ++row.wins;
      s.gross_profit += net;
    } else if (net < 0) {
      s.largest_loss = s.losses == 0 ? net : std::min(s.largest_loss, net);
      ++s.losses;
      s.gross_loss += net;
    } else {
      ++s.breakeven;
    }
    s.net_profit += net;
    s.total_fees += t.fees;
    total_duration_ms += t.closed_ms - t.opened_ms;
  }
  s.trades = trades.size();
  if (s.trades > 0) {
    const auto n = static_cast<double>(s.trades);
    s.win_rate_pct = 100.0 * static_cast<double>(s.wins) / n;
    s.expectancy = s.net_profit / n;
    s.average_trade_duration_ms = total_duration_ms / static_cast<std::int64_t>(s.trades);
  }
  if (s.wins > 0) s.average_win = s.gross_profit / static_cast<double>(s.wins);
  if (s.losses > 0) s.average_loss = s.gross_loss / static_cast<double>(s.losses);
  if (s.losses > 0) {
    s.profit_factor = s.gross_profit / -s.gross_loss;
    s.profit_factor_available = true;
  } else if (s.gross_profit > 0) {
    s.profit_factor = std::numeric_limits<double>::infinity();
    s.profit_factor_available = true;
  }
  for (auto& entry : by_symbol) s.symbols.push_back(std::move(entry.second));
}

void add_drawdown(performance_summary& s, const std::vector<equity_point>& curve) {
  double peak = curve.front().equity;
  std::int64_t peak_ms = curve.front().time_ms;
  s.max_drawdown_peak_ms = s.max_drawdown_trough_ms = peak_ms;
  for (const equity_point& p : curve) {
    if (p.equity >= peak) {
      peak = p.equity;
      peak_ms = p.time_ms;
      continue;
    }
    const double drawdown = peak - p.equity;
    if (drawdown > s.max_drawdown) {
      s.max_drawdown = drawdown;
      s.max_drawdown_peak_ms = peak_ms;
      s.max_drawdown_trough_ms = p.time_ms;
    }
    if (peak > 0) s.max_drawdown_pct = std::max(s.max_drawdown_pct, 100.0 * drawdown / peak);
  }
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return a / b + (a % b > 0 ? 1 : 0); }

// The equity of the last curve point at or before each UTC midnight of [start_ms, end_ms].
std::vector<double> daily_samples(const std::vector<equity_point>& curve, std::int64_t start_ms,
                                  std::int64_t end_ms) {
  std::vector<double> samples;
  std::size_t i = 0;
  for (std::int64_t m = ceil_div(start_ms, day_ms) * day_ms; m <= end_ms; m += day_ms) {
    while (i + 1 < curve.size() && curve[i + 1].time_ms <= m) ++i;
    samples.push_back(curve[i].equity);
  }
  return samples;
}

void add_daily_ratios(performance_summary& s, const std::vector<equity_point>& curve) {
  const std::vector<double> samples = daily_samples(curve, s.start_ms, s.end_ms);
  if (samples.size() < 2) return;
  std::vector<double> returns;
  for (std::size_t j = 1; j < samples.size(); ++j) {
    if (samples[j - 1] <= 0) return;  // a return from a blown-up account means nothing
    returns.push_back(samples[j] / samples[j - 1] - 1.0);
  }
  s.daily_returns = returns.size();
  if (returns.size() < 2) return;
  const auto n = static_cast<double>(returns.size());
  double sum = 0;
  for (double r : returns) sum += r;
  const double mean = sum / n;
  double squares = 0;
  double downside_squares = 0;
  for (double r : returns) {
    squares += (r - mean) * (r - mean);
    if (r < 0) downside_squares += r * r;
  }
  const double annualize = std::sqrt(365.0);
  const double stdev = std::sqrt(squares / (n - 1));
  if (stdev >= zero_deviation) {
    s.sharpe = mean / stdev * annualize;
    s.sharpe_available = true;
  }
  const double downside = std::sqrt(downside_squares / n);
  if (downside >= zero_deviation) {
    s.sortino = mean / downside * annualize;
    s.sortino_available = true;
  }
}

void add_cagr(performance_summary& s) {
  const std::int64_t duration_ms = s.end_ms - s.start_ms;
  if (duration_ms < day_ms || s.starting_equity <= 0 || s.final_equity <= 0) return;
  const double years = static_cast<double>(duration_ms) / (365.25 * static_cast<double>(day_ms));
  s.cagr_pct = 100.0 * (std::pow(s.final_equity / s.starting_equity, 1.0 / years) - 1.0);
  s.cagr_available = true;
}

void add_exposure(performance_summary& s, const std::vector<closed_trade>& trades) {
  if (s.end_ms == s.start_ms) return;
  std::vector<std::pair<std::int64_t, std::int64_t>> open;
  for (const closed_trade& t : trades) {
    const std::int64_t from = std::max(t.opened_ms, s.start_ms);
    const std::int64_t to = std::min(t.closed_ms, s.end_ms);
    if (from < to) open.emplace_back(from, to);
  }
  std::sort(open.begin(), open.end());
  std::int64_t covered = 0;
  std::int64_t reached = s.start_ms;  // the end of the union so far
  for (const auto& [from, to] : open) {
    const std::int64_t begin = std::max(from, reached);
    if (to > begin) {
      covered += to - begin;
      reached = to;
    }
  }
  s.exposure_pct =
      100.0 * static_cast<double>(covered) / static_cast<double>(s.end_ms - s.start_ms);
  s.exposure_available = true;
}

}  // namespace

performance_summary summarize(const std::vector<closed_trade>& trades,
                              const std::vector<equity_point>& equity, double starting_equity,
                              std::int64_t start_ms, std::int64_t end_ms) {
  validate(trades, equity, start_ms, end_ms);
  performance_summary s;
  s.start_ms = start_ms;
  s.end_ms = end_ms;
  s.starting_equity = starting_equity;
  add_trade_stats(s, trades);

  s.final_equity = equity.empty() ? starting_equity + s.net_profit : equity.back().equity;
  if (starting_equity > 0) {
    s.total_return_pct = 100.0 * (s.final_equity - starting_equity) / starting_equity;
    s.total_return_available = true;
  }

  std::vector<equity_point> curve;
  curve.reserve(equity.size() + 1);
  curve.push_back({start_ms, starting_equity});
  curve.insert(curve.end(), equity.begin(), equity.end());
  add_drawdown(s, curve);
  add_daily_ratios(s, curve);
  add_cagr(s);
  add_exposure(s, trades);
  return s;
}

namespace {

constexpr const char* not_available = "n/a";

// Fixed notation through std::to_chars, which never consults a locale.
std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[400];  // the largest double has 309 integral digits
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  std::string text(buffer, result.ptr);
  // -0.001 rounds to "-0.00": a sign on zero only confuses a reader.
  if (text.size() > 1 && text[0] == '-' &&
      text.find_first_not_of("0.", 1) == std::string::npos) {
    text.erase(0, 1);
  }
  return text;
}

std::string money(double value) { return fixed(value, 2); }
std::string percent(double value) { return fixed(value, 2) + "%"; }

std::string two_digits(std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day since 1970-01-01.
std::string utc_time(std::int64_t ms) {
  const std::int64_t days = (ms >= 0 ? ms : ms - (day_ms - 1)) / day_ms;
  const std::int64_t ms_of_day = ms - days * day_ms;
  const std::int64_t z = days + 719'468;
  const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1'460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const std::int64_t seconds = ms_of_day / 1000;
  std::string year_text = std::to_string(year);
  if (year >= 0 && year_text.size() < 4) year_text.insert(0, 4 - year_text.size(), '0');
  return year_text + "-" + two_digits(month) + "-" + two_digits(day) + " " +
         two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60) + ":" +
         two_digits(seconds % 60);
}

std::string duration(std::int64_t ms) {
  const std::int64_t seconds = ms / 1000;
  return std::to_string(seconds / 86'400) + "d " + two_digits(seconds / 3600 % 24) + ":" +
         two_digits(seconds / 60 % 60) + ":" + two_digits(seconds % 60);
}

std::string pad_right(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::string either(bool available, const std::string& value) {
  return available ? value : not_available;
}

void add_symbol_rows(std::string& out, const std::vector<symbol_breakdown>& symbols) {
  out += pad_right("Symbol", 16) + pad_left("Trades", 8) + pad_left("Wins", 8) +
         pad_left("Net PnL", 16) + pad_left("Fees", 14) + "\n";
  if (symbols.empty()) out += "(no trades)\n";
  for (const symbol_breakdown& row : symbols) {
    out += pad_right(row.symbol, 16) + pad_left(std::to_string(row.trades), 8) +
           pad_left(std::to_string(row.wins), 8) + pad_left(money(row.net_pnl), 16) +
           pad_left(money(row.fees), 14) + "\n";
  }
}

}  // namespace

summary_rows summary_table_rows(const performance_summary& s) {
  summary_rows rows;
  auto line = [&rows](const char* label, std::string value) {
    rows.emplace_back(label, std::move(value));
  };
  const bool any_trade = s.trades > 0;
  const bool any_drawdown = s.max_drawdown > 0;
  line("Period", utc_time(s.start_ms) + " -> " + utc_time(s.end_ms) + " UTC");
  line("Duration", duration(s.end_ms - s.start_ms));
  line("Trades", std::to_string(s.trades));
  line("Wins", std::to_string(s.wins));
  line("Losses", std::to_string(s.losses));
  line("Breakeven", std::to_string(s.breakeven));
  line("Win rate", either(any_trade, percent(s.win_rate_pct)));
  line("Gross profit", money(s.gross_profit));
  line("Gross loss", money(s.gross_loss));
  line("Profit factor", either(s.profit_factor_available, fixed(s.profit_factor, 2)));
  line("Expectancy", either(any_trade, money(s.expectancy)));
  line("Average win", either(s.wins > 0, money(s.average_win)));
  line("Average loss", either(s.losses > 0, money(s.average_loss)));
  line("Largest win", either(s.wins > 0, money(s.largest_win)));
  line("Largest loss", either(s.losses > 0, money(s.largest_loss)));
  line("Net profit", money(s.net_profit));
  line("Total fees", money(s.total_fees));
  line("Starting equity", money(s.starting_equity));
  line("Final equity", money(s.final_equity));
  line("Total return", either(s.total_return_available, percent(s.total_return_pct)));
  line("Max drawdown", money(s.max_drawdown));
  line("Max drawdown %", percent(s.max_drawdown_pct));
  line("Max drawdown peak", either(any_drawdown, utc_time(s.max_drawdown_peak_ms)));
  line("Max drawdown trough", either(any_drawdown, utc_time(s.max_drawdown_trough_ms)));
  line("Daily returns", std::to_string(s.daily_returns));
  line("Sharpe (daily, ann.)", either(s.sharpe_available, fixed(s.sharpe, 2)));
  line("Sortino (daily, ann.)", either(s.sortino_available, fixed(s.sortino, 2)));
  line("CAGR", either(s.cagr_available, percent(s.cagr_pct)));
  line("Exposure", either(s.exposure_available, percent(s.exposure_pct)));
  line("Average trade duration", either(any_trade, duration(s.average_trade_duration_ms)));
  return rows;
}

summary_rows symbol_breakdown_rows(const performance_summary& s) {
  summary_rows rows;
  for (const symbol_breakdown& row : s.symbols) {
    rows.emplace_back(row.symbol, "trades " + std::to_string(row.trades) + ", wins " +
                                      std::to_string(row.wins) + ", net " +
                                      money(row.net_pnl) + ", fees " + money(row.fees));
  }
  return rows;
}

std::string format_summary_table(const performance_summary& s) {
  std::string out = "Backtest performance\n";
  for (const auto& [label, value] : summary_table_rows(s)) out += pad_right(label, 24) + value + "\n";
  out += "\n";
  add_symbol_rows(out, s.symbols);
  return out;
}

}  // namespace tb::host
