#include <algorithm>
#include <array>
#include <string_view>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

constexpr std::string_view symbol_rule = "a symbol: upper-case letters, digits and '_'";
constexpr std::string_view asset_rule = "an asset: upper-case letters and digits";

// The Binance kline intervals.
const std::vector<std::string_view>& interval_codes() {
  static const std::vector<std::string_view> codes = {
      "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"};
  return codes;
}

bool is_symbol(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_asset(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

// A list of unique symbols; a repeat is reported at its second use.
void read_symbols(reader& r, const field& f, std::vector<std::string>& out) {
  auto items = read_list(r, f, "symbols");
  if (!items) return;
  out.clear();
  for (const field& item : *items) {
    std::string name;
    const auto written = read_name(r, item, symbol_rule, is_symbol, name);
    if (!written) continue;
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      r.error(item.value.Mark(), item.path + ": symbol " + written->shown() +
                                     " is listed twice; remove one");
      continue;
    }
    out.push_back(std::move(name));
  }
}

void read_universe(reader& r, const field& f, data_universe_settings& out) {
  map_reader section(r, f);
  section.allow_only({"quote", "include", "exclude"});
  if (auto v = section.get("quote")) read_name(r, *v, asset_rule, is_asset, out.quote);
  if (auto v = section.get("include")) read_symbols(r, *v, out.include);
  if (auto v = section.get("exclude")) read_symbols(r, *v, out.exclude);
  if (auto v = section.get("include")) {
    for (const auto& s : out.include) {
      if (std::find(out.exclude.begin(), out.exclude.end(), s) != out.exclude.end()) {
        r.warning(v->value.Mark(), v->path + ": " + s +
                                       " is also in exclude, so it is not scanned; remove it "
                                       "from one of the lists");
      }
    }
  }
}

void read_intervals(reader& r, const field& f, std::vector<std::string>& out) {
  auto items = read_list(r, f, "intervals");
  if (!items) return;
  if (items->empty()) {
    r.error(f.value.Mark(), f.path + ": expected at least one interval, like [15m, 1h, 4h]");
    return;
  }
  std::vector<std::string> read;
  for (const field& item : *items) {
    std::size_t index = 0;
    if (!read_enum_name(r, item, interval_codes(), index)) continue;
    const std::string code(interval_codes()[index]);
    if (std::find(read.begin(), read.end(), code) != read.end()) {
      r.error(item.value.Mark(), item.path + ": interval " + code + " is listed twice; remove one");
      continue;
    }
    read.push_back(code);
  }
  out = std::move(read);
}

}  // namespace

void read_data(reader& r, const field& f, data_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  map_reader section(r, f);
  section.allow_only(
      {"batch_size", "request_timeout", "cache_ttl", "intervals", "lookback", "universe"});
  if (auto v = section.get("batch_size")) read_integer<std::uint32_t>(r, *v, 1, 200, out.batch_size);
  if (auto v = section.get("request_timeout")) {
    read_duration(r, *v, milliseconds{100}, minutes{5}, out.request_timeout);
  }
  if (auto v = section.get("cache_ttl")) {
    read_duration(r, *v, milliseconds{100}, hours{24}, out.cache_ttl);
  }
  if (auto v = section.get("intervals")) read_intervals(r, *v, out.intervals);
  if (auto v = section.get("lookback")) read_integer<std::uint32_t>(r, *v, 10, 1500, out.lookback);
  if (auto v = section.get("universe")) read_universe(r, *v, out.universe);
}

}  // namespace tb::host::config_internal
