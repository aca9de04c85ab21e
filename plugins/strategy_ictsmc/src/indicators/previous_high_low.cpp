// previous_high_low: the high and low of an earlier period of pandas resample(time_frame), and
// whether price has gone beyond them since (spec section 6). The period arithmetic copies
// pandas 1.5: fixed frequencies are left-closed bins counted from midnight of the first
// candle's day and labelled by their start; "W" (W-SUN) is calendar weeks Monday..Sunday and
// "M" calendar months, each labelled by its last day at 00:00. Only non-empty periods count.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::sys_days;

constexpr std::int64_t ms_per_day = 86'400'000;

struct period_rule {
  enum class kind { fixed, weekly, monthly };
  kind shape = kind::fixed;
  std::int64_t step_ms = 0;          // fixed: the bin width
  unsigned anchor_weekday = 0;       // weekly: the day that ends the week (0 = Sunday)
};

[[noreturn]] void bad_time_frame(const std::string& text, const std::string& why) {
  throw std::invalid_argument(
      "previous_high_low: time_frame \"" + text + "\" " + why +
      "; use a pandas frequency: N followed by min (or T), h, D, s or ms (bins counted from "
      "midnight of the first candle's day), W or W-SUN..W-SAT (calendar weeks), M (calendar "
      "months)");
}

// pandas 1.5 offset aliases: the name is upper-cased (except "MS" and "ms") before lookup.
period_rule parse_time_frame(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
    ++digits;
  }
  std::int64_t count = 1;
  if (digits > 0) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, count);
    if (ec != std::errc() || end != text.data() + digits || count < 1 || count > 1'000'000) {
      bad_time_frame(text, "has a multiple outside 1..1000000");
    }
  }
  std::string name = text.substr(digits);
  if (name != "MS" && name != "ms") {
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }

  std::int64_t unit_ms = 0;
  if (name == "MIN" || name == "T") unit_ms = 60'000;
  else if (name == "H") unit_ms = 3'600'000;
  else if (name == "D") unit_ms = ms_per_day;
  else if (name == "S") unit_ms = 1'000;
  else if (name == "L" || name == "ms") unit_ms = 1;
  if (unit_ms != 0) {
    if (count > 100 * 366 * ms_per_day / unit_ms) bad_time_frame(text, "spans over a century");
    return {period_rule::kind::fixed, count * unit_ms, 0};
  }

  static const char* const weekdays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  std::optional<unsigned> anchor;
  if (name == "W") anchor = 0;
  for (unsigned d = 0; d < 7; ++d) {
    if (name == std::string("W-") + weekdays[d]) anchor = d;
  }
  if (anchor || name == "M") {
    if (count != 1) bad_time_frame(text, "uses a multiple of weeks or months, which is not supported");
    return anchor ? period_rule{period_rule::kind::weekly, 0, *anchor}
                  : period_rule{period_rule::kind::monthly, 0, 0};
  }
  bad_time_frame(text, name.empty() ? "has no unit" : "is not a supported frequency");
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The label pandas gives the period holding time t (epoch ms).
std::int64_t label_of(const period_rule& rule, std::int64_t origin_ms, std::int64_t t) {
  switch (rule.shape) {
    case period_rule::kind::fixed:
      return origin_ms + floor_div(t - origin_ms, rule.step_ms) * rule.step_ms;
    case period_rule::kind::weekly: {
      const sys_days day{days{floor_div(t, ms_per_day)}};
      const unsigned weekday = std::chrono::weekday{day}.c_encoding();
      const sys_days anchor = day + days{(rule.anchor_weekday + 7 - weekday) % 7};
      return std::chrono::duration_cast<milliseconds>(anchor.time_since_epoch()).count();
    }
    case period_rule::kind::monthly: {
      const std::chrono::year_month_day ymd{sys_days{days{floor_div(t, ms_per_day)}}};
      const sys_days last{std::chrono::year_month_day_last{ymd.year(),
                                                           std::chrono::month_day_last{ymd.month()}}};
      return std::chrono::duration_cast<milliseconds>(last.time_since_epoch()).count();
    }
  }
  return t;
}

struct period {
  std::int64_t label;
  double high, low;
};

// The non-empty periods in label order, with their highest high and lowest low.
std::vector<period> resample(const ohlcv& candles, const period_rule& rule) {
  const std::int64_t first = *std::min_element(candles.time_ms.begin(), candles.time_ms.end());
  const std::int64_t origin = floor_div(first, ms_per_day) * ms_per_day;  // pandas start_day
  std::vector<period> rows;
  rows.reserve(candles.size());
  for (std::size_t i = 0; i < candles.size(); ++i) {
    rows.push_back({label_of(rule, origin, candles.time_ms[i]), candles.high[i], candles.low[i]});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const period& a, const period& b) { return a.label < b.label; });
  std::vector<period> kept;
  for (const period& row : rows) {
    if (!kept.empty() && kept.back().label == row.label) {
      kept.back().high = std::max(kept.back().high, row.high);
      kept.back().low = std::min(kept.back().low, row.low);
    } else {
      kept.push_back(row);
    }
  }
  return kept;
}

}  // namespace

table previous_high_low(const ohlcv& candles, const std::string& time_frame) {
  const period_rule rule = parse_time_frame(time_frame);
  const std::size_t n = candles.size();
  std::vector<double> previous_high(n, nan), previous_low(n, nan);
  std::vector<double> broken_high(n, 0.0), broken_low(n, 0.0);

  if (n > 0) {
    const std::vector<period> periods = resample(candles, rule);
    std::size_t run = periods.size();  // the referenced period of the current run; none yet
    bool high_broken = false, low_broken = false;
    for (std::size_t i = 0; i < n; ++i) {
      // Periods labelled strictly before the candle's time; the reference takes the second
      // to last of them, hence the look two periods back on a boundary candle.
      const auto before = static_cast<std::size_t>(
          std::lower_bound(periods.begin(), periods.end(), candles.time_ms[i],
                           [](const period& p, std::int64_t t) { return p.label < t; }) -
          periods.begin());
      if (before < 2) continue;
      const std::size_t ref = before - 2;
      if (ref != run) {
        run = ref;
        high_broken = low_broken = false;
      }
      previous_high[i] = as_float32(periods[ref].high);
      previous_low[i] = as_float32(periods[ref].low);
      high_broken = high_broken || candles.high[i] > previous_high[i];
      low_broken = low_broken || candles.low[i] < previous_low[i];
      broken_high[i] = high_broken ? 1.0 : 0.0;
      broken_low[i] = low_broken ? 1.0 : 0.0;
    }
  }
  return {{"PreviousHigh", column_kind::float32, std::move(previous_high)},
          {"PreviousLow", column_kind::float32, std::move(previous_low)},
          {"BrokenHigh", column_kind::int32, std::move(broken_high)},
          {"BrokenLow", column_kind::int32, std::move(broken_low)}};
}

}  // namespace tb::ictsmc
