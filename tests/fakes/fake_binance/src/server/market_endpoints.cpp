#include "server/market_endpoints.hpp"

#include <cmath>
#include <functional>

#include "market/market_json.hpp"
#include "util/decimal.hpp"

namespace tb::fake {
namespace {

using nlohmann::json;

std::int64_t klines_weight(const rest_request& r) {
  int limit = 500;
  if (const auto l = r.p.get("limit")) {
    try {
      limit = std::stoi(*l);
    } catch (const std::exception&) {
    }
  }
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::int64_t v = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-' && i == 0 && s.size() > 1) continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return s[0] == '-' ? -v : v;
}

rest_response bad_param(const std::string& name) {
  return error_response(400, -1130, "Data sent for parameter '" + name + "' is not valid.");
}

// Either one object for `symbol` or an array over every listed symbol.
rest_response per_symbol(const exchange_context& ctx, const rest_request& r,
                         const std::function<json(const symbol_spec&)>& one) {
  if (const auto sym = r.p.get("symbol")) {
    const auto* spec = ctx.catalog.find(*sym);
    if (spec == nullptr) return error_response(400, -1121, "Invalid symbol.");
    return json_response(200, one(*spec).dump());
  }
  json all = json::array();
  for (const auto& spec : ctx.catalog.all()) all.push_back(one(spec));
  return json_response(200, all.dump());
}

}  // namespace

market_endpoints::market_endpoints(exchange_context& ctx) : ctx_(ctx) {
  const auto& o = ctx.options;
  json limits = json::array(
      {{{"rateLimitType", "REQUEST_WEIGHT"}, {"interval", "MINUTE"}, {"intervalNum", 1}, {"limit", o.weight_limit}},
       {{"rateLimitType", "ORDERS"}, {"interval", "MINUTE"}, {"intervalNum", 1}, {"limit", 1200}},
       {{"rateLimitType", "ORDERS"}, {"interval", "SECOND"}, {"intervalNum", 10}, {"limit", 300}}});
  json assets = json::array({{{"asset", "USDT"}, {"marginAvailable", true}, {"autoAssetExchange", "-10000"}},
                             {{"asset", "USDC"}, {"marginAvailable", true}, {"autoAssetExchange", "-10000"}},
                             {{"asset", "BTC"}, {"marginAvailable", true}, {"autoAssetExchange", "-0.10000000"}}});
  json symbols = json::array();
  for (const auto& s : ctx.catalog.all()) symbols.push_back(symbol_info(s));
  info_prefix_ = R"({"timezone":"UTC","serverTime":)";
  info_suffix_ = R"(,"futuresType":"U_MARGINED","rateLimits":)" + limits.dump() +
                 R"(,"exchangeFilters":[],"assets":)" + assets.dump() + R"(,"symbols":)" +
                 symbols.dump() + "}";
}

bool market_endpoints::matches(const rest_request& r, std::int64_t& weight) const {
  if (r.method != "GET") return false;
  const bool has_symbol = r.p.has("symbol");
  const auto& p = r.path;
  if (p == "/fapi/v1/ping" || p == "/fapi/v1/time" || p == "/fapi/v1/exchangeInfo") weight = 1;
  else if (p == "/fapi/v1/klines") weight = klines_weight(r);
  else if (p == "/fapi/v1/ticker/24hr") weight = has_symbol ? 1 : 40;
  else if (p == "/fapi/v1/ticker/price" || p == "/fapi/v2/ticker/price") weight = has_symbol ? 1 : 2;
  else if (p == "/fapi/v1/premiumIndex") weight = has_symbol ? 1 : 10;
  else return false;
  return true;
}

rest_response market_endpoints::handle(const rest_request& r) {
  const auto& p = r.path;
  if (p == "/fapi/v1/ping") return json_response(200, "{}");
  if (p == "/fapi/v1/time") return json_response(200, json{{"serverTime", ctx_.clock.api_ms()}}.dump());
  if (p == "/fapi/v1/exchangeInfo") return exchange_info();
  if (p == "/fapi/v1/klines") return klines(r);
  if (p == "/fapi/v1/ticker/24hr") return ticker_24hr(r);
  if (p == "/fapi/v1/premiumIndex") return premium_index(r);
  return ticker_price(r);
}

rest_response market_endpoints::exchange_info() {
  return json_response(200, info_prefix_ + std::to_string(ctx_.clock.now_ms()) + info_suffix_);
}

rest_response market_endpoints::klines(const rest_request& r) {
  const auto sym = r.p.get("symbol");
  if (!sym || sym->empty())
    return error_response(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const auto ivname = r.p.get("interval");
  if (!ivname || ivname->empty())
    return error_response(400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
  const auto* spec = ctx_.catalog.find(*sym);
  if (spec == nullptr) return error_response(400, -1121, "Invalid symbol.");
  const auto iv = parse_interval(*ivname);
  if (!iv) return error_response(400, -1120, "Invalid interval.");
  kline_query q;
  if (const auto l = r.p.get("limit")) {
    const auto v = parse_int(*l);
    if (!v || *v < 1 || *v > 1500) return bad_param("limit");
    q.limit = static_cast<int>(*v);
  }
  for (const char* name : {"startTime", "endTime"}) {
    if (const auto t = r.p.get(name)) {
      const auto v = parse_int(*t);
      if (!v || *v < 0) return bad_param(name);
      (std::string(name) == "startTime" ? q.start_time : q.end_time) = *v;
    }
  }
  if (q.start_time && q.end_time && *q.start_time > *q.end_time)
    return error_response(400, -1023, "Start time is greater than end time.");
  const auto bars = ctx_.prices.klines(*spec, *iv, q, ctx_.clock.now_ms());
  std::string out;
  out.reserve(2 + bars.size() * 140);
  out.push_back('[');
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_kline_array(out, *spec, *iv, bars[i]);
  }
  out.push_back(']');
  return json_response(200, std::move(out));
}

rest_response market_endpoints::ticker_24hr(const rest_request& r) {
  const std::int64_t now = ctx_.clock.now_ms();
  return per_symbol(ctx_, r, [&](const symbol_spec& s) {
    const auto t = ctx_.prices.ticker(s, now);
    const auto& w = t.window;
    const double tick = static_cast<double>(s.tick_units) * std::pow(10.0, -s.price_decimals);
    const double change = static_cast<double>(w.close - w.open) * tick;
    const double pct = w.open > 0 ? 100.0 * static_cast<double>(w.close - w.open) / static_cast<double>(w.open) : 0.0;
    const double vwap = w.volume > 0 ? w.quote_volume / (static_cast<double>(w.volume) * std::pow(10.0, -s.qty_decimals)) : 0.0;
    const std::int64_t last_id = (now - history_epoch_ms) / minute_ms * 1000;
    return json{{"symbol", s.symbol}, {"priceChange", format_double(change, s.price_decimals)},
                {"priceChangePercent", format_double(pct, 3)},
                {"weightedAvgPrice", format_double(vwap, s.price_decimals)},
                {"lastPrice", format_price(s, w.close)}, {"lastQty", format_qty(s, t.last_qty_steps)},
                {"openPrice", format_price(s, w.open)}, {"highPrice", format_price(s, w.high)},
                {"lowPrice", format_price(s, w.low)}, {"volume", format_qty(s, w.volume)},
                {"quoteVolume", format_double(w.quote_volume, 2)}, {"openTime", t.open_time},
                {"closeTime", t.close_time}, {"firstId", std::max<std::int64_t>(0, last_id - w.trades + 1)},
                {"lastId", last_id}, {"count", w.trades}};
  });
}

rest_response market_endpoints::ticker_price(const rest_request& r) {
  const std::int64_t now = ctx_.clock.now_ms();
  return per_symbol(ctx_, r, [&](const symbol_spec& s) {
    return json{{"symbol", s.symbol}, {"price", format_price(s, ctx_.prices.last_price(s, now))}, {"time", now}};
  });
}

rest_response market_endpoints::premium_index(const rest_request& r) {
  const std::int64_t now = ctx_.clock.now_ms();
  const std::int64_t next_funding = (now / (8 * hour_ms) + 1) * 8 * hour_ms;
  return per_symbol(ctx_, r, [&](const symbol_spec& s) {
    const std::int64_t last = ctx_.prices.last_price(s, now);
    const double tick = static_cast<double>(s.tick_units) * std::pow(10.0, -s.price_decimals);
    const double price = static_cast<double>(last) * tick;
    const int d = s.price_decimals + 6;
    return json{{"symbol", s.symbol}, {"markPrice", format_double(price, d)},
                {"indexPrice", format_double(price * 1.0002, d)},
                {"estimatedSettlePrice", format_double(price * 1.0001, d)},
                {"lastFundingRate", "0.00010000"}, {"interestRate", "0.00010000"},
                {"nextFundingTime", next_funding}, {"time", now}};
  });
}

}  // namespace tb::fake
