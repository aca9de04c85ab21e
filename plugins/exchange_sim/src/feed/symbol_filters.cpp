#include "feed/symbol_filters.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace tb::exchange_sim {
namespace {

using nlohmann::json;

constexpr int max_tick_decimals = 8;

std::string field(const json& entry, const char* key, const std::string& where) {
  const auto it = entry.find(key);
  if (it == entry.end()) throw std::runtime_error(where + ": no \"" + key + "\"");
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw std::runtime_error(where + ": \"" + key + "\" is " + it->dump() + ", not a decimal string");
}

// Digits after the decimal point in the shortest text that reads back as `price`.
int decimals(double price) {
  char buffer[64];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, price, std::chars_format::fixed);
  if (ec != std::errc{}) return max_tick_decimals;
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t point = text.find('.');
  return point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

std::string tick_of(int decimal_places) {
  if (decimal_places == 0) return "1";
  return "0." + std::string(static_cast<std::size_t>(decimal_places - 1), '0') + "1";
}

}  // namespace

std::map<std::string, feed_symbol> read_symbols_json(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(source + ": cannot open the file");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& error) {
    // nlohmann's message gives the line and column: "parse error at line 3, column 5: ...".
    throw std::runtime_error(source + ": not valid JSON: " + error.what());
  }
  if (!document.is_array()) {
    throw std::runtime_error(source +
                             ": expected a JSON array of symbol objects "
                             "[{\"symbol\": \"BTCUSDT\", \"tickSize\": \"0.10\", ...}]");
  }
  std::map<std::string, feed_symbol> out;
  for (std::size_t i = 0; i < document.size(); ++i) {
    const json& entry = document[i];
    std::string where = source + ": entry " + std::to_string(i);
    if (!entry.is_object()) throw std::runtime_error(where + ": not a JSON object");
    feed_symbol s;
    s.name = field(entry, "symbol", where);
    where += " (" + s.name + ")";
    s.tick_size = field(entry, "tickSize", where);
    s.step_size = field(entry, "stepSize", where);
    s.min_qty = field(entry, "minQty", where);
    s.max_qty = field(entry, "maxQty", where);
    s.min_notional = field(entry, "minNotional", where);
    if (!out.emplace(s.name, s).second) throw std::runtime_error(where + ": listed twice");
  }
  return out;
}

feed_symbol infer_filters(const std::string& symbol, const candle_files::candle_columns& candles) {
  int finest = 0;
  for (const auto* prices : {&candles.open, &candles.high, &candles.low, &candles.close}) {
    for (const double price : *prices) {
      if (finest == max_tick_decimals) break;
      finest = std::min(max_tick_decimals, std::max(finest, decimals(price)));
    }
  }
  return {symbol, tick_of(finest), "0.001", "0.001", "1000000", "5"};
}

}  // namespace tb::exchange_sim
