#include "market/market_json.hpp"

#include <charconv>
#include <string_view>

#include "util/decimal.hpp"

namespace tb::fake {
namespace {

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// format_fixed(units, scale), quoted, without the temporaries.
void append_fixed(std::string& out, std::int64_t units, int scale) {
  char digits[24];
  const bool negative = units < 0;
  const auto r = std::to_chars(digits, digits + sizeof digits, negative ? -units : units);
  const auto n = static_cast<int>(r.ptr - digits);
  out.push_back('"');
  if (negative) out.push_back('-');
  if (scale <= 0) {
    out.append(digits, r.ptr);
  } else {
    const int zeros = n < scale + 1 ? scale + 1 - n : 0;  // leading zeros up to "0.xxx"
    const int integer = n + zeros - scale;                // digits before the point
    for (int i = 0; i < n + zeros; ++i) {
      if (i == integer) out.push_back('.');
      out.push_back(i < zeros ? '0' : digits[i - zeros]);
    }
  }
  out.push_back('"');
}

// format_double(value, decimals), quoted: std::to_chars with a precision prints exactly what
// printf("%.*f") does, several times faster (glibc's printf of a double was the largest cost
// of a klines answer).
void append_double(std::string& out, double value, int decimals) {
  char buf[352];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
  if (text.size() > 1 && text[0] == '-' && text.find_first_not_of("-0.") == std::string_view::npos)
    text.remove_prefix(1);  // as format_double: no "-0.00000"
  out.push_back('"');
  out.append(text);
  out.push_back('"');
}

}  // namespace

std::string format_price(const symbol_spec& spec, std::int64_t ticks) {
  return format_fixed(ticks * spec.tick_units, spec.price_decimals);
}

std::string format_qty(const symbol_spec& spec, std::int64_t steps) {
  return format_fixed(steps, spec.qty_decimals);
}

std::string tick_size(const symbol_spec& spec) { return format_fixed(spec.tick_units, spec.price_decimals); }
std::string step_size(const symbol_spec& spec) { return format_fixed(1, spec.qty_decimals); }

void append_kline_array(std::string& out, const symbol_spec& spec, const interval& iv, const candle& c) {
  const auto price = [&](std::int64_t ticks) { append_fixed(out, ticks * spec.tick_units, spec.price_decimals); };
  const auto qty = [&](std::int64_t steps) { append_fixed(out, steps, spec.qty_decimals); };
  out.push_back('[');
  append_int(out, c.open_time);
  out.push_back(',');
  price(c.open);
  out.push_back(',');
  price(c.high);
  out.push_back(',');
  price(c.low);
  out.push_back(',');
  price(c.close);
  out.push_back(',');
  qty(c.volume);
  out.push_back(',');
  append_int(out, iv.next(c.open_time) - 1);
  out.push_back(',');
  append_double(out, c.quote_volume, 5);
  out.push_back(',');
  append_int(out, c.trades);
  out.push_back(',');
  qty(c.taker_buy_volume);
  out.push_back(',');
  append_double(out, c.taker_buy_quote, 5);
  out += ",\"0\"]";
}

nlohmann::json kline_event(const symbol_spec& spec, const interval& iv, const candle& c,
                           std::int64_t event_time, bool closed) {
  const std::int64_t first = c.first_trade_id;
  return {{"e", "kline"},
          {"E", event_time},
          {"s", spec.symbol},
          {"k",
           {{"t", c.open_time}, {"T", iv.next(c.open_time) - 1}, {"s", spec.symbol}, {"i", iv.name},
            {"f", c.trades > 0 ? first : -1}, {"L", c.trades > 0 ? first + c.trades - 1 : -1},
            {"o", format_price(spec, c.open)}, {"c", format_price(spec, c.close)},
            {"h", format_price(spec, c.high)}, {"l", format_price(spec, c.low)},
            {"v", format_qty(spec, c.volume)}, {"n", c.trades}, {"x", closed},
            {"q", format_double(c.quote_volume, 5)}, {"V", format_qty(spec, c.taker_buy_volume)},
            {"Q", format_double(c.taker_buy_quote, 5)}, {"B", "0"}}}};
}

nlohmann::json symbol_info(const symbol_spec& s) {
  using nlohmann::json;
  const std::string pct = s.base == "BTC" ? "1.0500" : "1.1500";
  const std::string pct_down = s.base == "BTC" ? "0.9500" : "0.8500";
  return json{
      {"symbol", s.symbol}, {"pair", s.contract_type == "CURRENT_QUARTER" ? s.base + s.quote : s.symbol},
      {"contractType", s.contract_type}, {"deliveryDate", s.delivery_date},
      {"onboardDate", s.onboard_date}, {"status", s.status}, {"maintMarginPercent", "2.5000"},
      {"requiredMarginPercent", "5.0000"}, {"baseAsset", s.base}, {"quoteAsset", s.quote},
      {"marginAsset", s.quote}, {"pricePrecision", s.price_decimals},
      {"quantityPrecision", s.qty_decimals}, {"baseAssetPrecision", 8}, {"quotePrecision", 8},
      {"underlyingType", s.underlying_type}, {"underlyingSubType", json::array({"Crypto"})},
      {"triggerProtect", "0.0500"}, {"liquidationFee", "0.012500"}, {"marketTakeBound", "0.05"},
      {"maxMoveOrderLimit", 10000},
      {"filters",
       json::array({
           {{"filterType", "PRICE_FILTER"}, {"minPrice", format_price(s, s.min_price_ticks)},
            {"maxPrice", format_price(s, s.max_price_ticks)}, {"tickSize", tick_size(s)}},
           {{"filterType", "LOT_SIZE"}, {"stepSize", step_size(s)}, {"minQty", step_size(s)},
            {"maxQty", format_qty(s, s.lot_max_steps)}},
           {{"filterType", "MARKET_LOT_SIZE"}, {"minQty", step_size(s)},
            {"maxQty", format_qty(s, s.market_max_steps)}, {"stepSize", step_size(s)}},
           {{"filterType", "MAX_NUM_ORDERS"}, {"limit", s.max_num_orders}},
           {{"filterType", "MIN_NOTIONAL"}, {"notional", std::to_string(s.min_notional)}},
           {{"filterType", "PERCENT_PRICE"}, {"multiplierUp", pct}, {"multiplierDown", pct_down},
            {"multiplierDecimal", "4"}},
           {{"filterType", "POSITION_RISK_CONTROL"}, {"positionControlSide", "NONE"}},
       })},
      {"orderTypes", json::array({"LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
                                  "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"})},
      {"timeInForce", json::array({"GTC", "IOC", "FOK", "GTX", "GTD"})},
      {"permissionSets", json::array({"GRID", "COPY", "DCA", "PSB"})}};
}

}  // namespace tb::fake
