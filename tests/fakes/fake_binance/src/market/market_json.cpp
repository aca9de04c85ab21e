#include "market/market_json.hpp"

#include "util/decimal.hpp"

namespace tb::fake {

std::string format_price(const symbol_spec& spec, std::int64_t ticks) {
  return format_fixed(ticks * spec.tick_units, spec.price_decimals);
}

std::string format_qty(const symbol_spec& spec, std::int64_t steps) {
  return format_fixed(steps, spec.qty_decimals);
}

std::string tick_size(const symbol_spec& spec) { return format_fixed(spec.tick_units, spec.price_decimals); }
std::string step_size(const symbol_spec& spec) { return format_fixed(1, spec.qty_decimals); }

nlohmann::json kline_array(const symbol_spec& spec, const interval& iv, const candle& c) {
  return nlohmann::json::array({c.open_time, format_price(spec, c.open), format_price(spec, c.high),
                                format_price(spec, c.low), format_price(spec, c.close),
                                format_qty(spec, c.volume), iv.next(c.open_time) - 1,
                                format_double(c.quote_volume, 5), c.trades,
                                format_qty(spec, c.taker_buy_volume),
                                format_double(c.taker_buy_quote, 5), "0"});
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
