#include "feed/file_feed.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "candle_files/candle_series.hpp"
#include "feed/file_layout.hpp"
#include "feed/symbol_filters.hpp"
#include "market/interval.hpp"

namespace tb::exchange_sim {
namespace {

std::int64_t parse_interval_ms(const std::string& text) {
  const auto iv = parse_interval(text);
  if (!iv) {
    throw std::runtime_error("file_feed: unknown interval \"" + text +
                             "\"; use a Binance interval code such as 1m, 5m, 1h or 1d");
  }
  return interval_ms(*iv);
}

// The index range of the times in [from_ms, to_ms) of a sorted vector.
std::pair<std::size_t, std::size_t> range_of(const std::vector<std::int64_t>& times,
                                             std::int64_t from_ms, std::int64_t to_ms) {
  const auto first = std::lower_bound(times.begin(), times.end(), from_ms);
  const auto last = std::lower_bound(first, times.end(), std::max(from_ms, to_ms));
  return {static_cast<std::size_t>(first - times.begin()),
          static_cast<std::size_t>(last - times.begin())};
}

}  // namespace

file_feed::file_feed(std::filesystem::path directory, std::string interval,
                     std::vector<std::string> symbols)
    : interval_ms_(parse_interval_ms(interval)) {
  const file_layout layout(std::move(directory), std::move(interval));
  if (symbols.empty()) symbols = layout.symbols();
  if (symbols.empty()) {
    throw std::runtime_error(layout.directory().string() +
                             ": no candle files; expected <SYMBOL>-<interval>.csv, .json, "
                             "<SYMBOL>/<interval>/*.csv or <SYMBOL>-<interval>-*.csv");
  }
  std::map<std::string, feed_symbol> listed;
  if (const auto json = layout.directory() / "symbols.json"; std::filesystem::exists(json)) {
    listed = read_symbols_json(json);
  }
  const candle_files::read_options options{interval_ms_};
  std::set<std::string> seen;
  for (const std::string& symbol : symbols) {
    if (!seen.insert(symbol).second) {
      throw std::runtime_error("file_feed: " + symbol + " is listed twice");
    }
    const symbol_files files = layout.files_of(symbol);
    series s;
    s.candles = candle_files::read_candle_files(files.candles, options);
    // Checked by the reader (read_options), derived by base_candles: not kept.
    s.candles.close_time_ms = std::vector<std::int64_t>();
    if (!files.funding.empty()) s.funding = candle_files::read_funding_files(files.funding);
    const auto it = listed.find(symbol);
    symbols_.push_back(it != listed.end() ? it->second : infer_filters(symbol, s.candles));
    data_.push_back(std::move(s));
  }
}

const file_feed::series& file_feed::at(std::size_t k) const {
  if (k >= data_.size()) {
    throw std::out_of_range("file_feed: symbol index " + std::to_string(k) + " of " +
                            std::to_string(data_.size()));
  }
  return data_[k];
}

void file_feed::base_candles(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                             std::vector<tb_candle>& out) {
  const candle_files::candle_columns& c = at(k).candles;
  const auto [first, last] = range_of(c.time_ms, from_ms, to_ms);
  out.reserve(out.size() + (last - first));
  for (std::size_t i = first; i < last; ++i) {
    tb_candle candle{};
    candle.open_time_ms = c.time_ms[i];
    candle.close_time_ms = c.time_ms[i] + interval_ms_ - 1;
    candle.open = c.open[i];
    candle.high = c.high[i];
    candle.low = c.low[i];
    candle.close = c.close[i];
    candle.volume = c.volume[i];
    // A file without a quote volume: estimated at the typical price (high + low + close) / 3.
    candle.quote_volume = c.quote_volume.empty()
                              ? c.volume[i] * (c.high[i] + c.low[i] + c.close[i]) / 3.0
                              : c.quote_volume[i];
    candle.trade_count = c.trade_count.empty() ? 0 : c.trade_count[i];
    candle.flags = TB_CANDLE_CLOSED;
    out.push_back(candle);
  }
}

void file_feed::funding(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                        std::vector<funding_rate>& out) {
  const auto& points = at(k).funding;
  const auto first = std::lower_bound(
      points.begin(), points.end(), from_ms,
      [](const candle_files::funding_point& p, std::int64_t t) { return p.time_ms < t; });
  for (auto it = first; it != points.end() && it->time_ms < to_ms; ++it) {
    out.push_back({it->time_ms, it->rate});
  }
}

}  // namespace tb::exchange_sim
