// account_book's GET /fapi/v1/userTrades: the account's fills of one symbol, printed from the
// same trade records the ORDER_TRADE_UPDATE events come from.
#include <limits>

#include "account/account_book.hpp"
#include "market/market_json.hpp"
#include "util/decimal.hpp"

namespace tb::fake {
namespace {

using nlohmann::json;

constexpr std::int64_t week_ms = 7 * 86'400'000LL;

rest_response bad_param(const std::string& name) {
  return error_response(400, -1130, "Data sent for parameter '" + name + "' is not valid.");
}

// A non-negative integer parameter; empty when absent, an error when malformed.
std::optional<rest_response> read_int(const rest_request& r, const std::string& name, std::optional<std::int64_t>& out) {
  const auto text = r.p.get(name);
  if (!text) return std::nullopt;
  const auto d = parse_decimal(*text);
  if (!d || d->scale != 0 || d->units < 0) return bad_param(name);
  out = d->units;
  return std::nullopt;
}

json trade_json(const symbol_spec& spec, const trade_record& t) {
  return json{{"buyer", t.side == "BUY"},
              {"commission", format_fixed(t.commission_units, 8)},
              {"commissionAsset", "USDT"},
              {"id", t.id},
              {"maker", t.maker},
              {"orderId", t.order_id},
              {"price", format_price(spec, t.price_ticks)},
              {"qty", format_qty(spec, t.qty_steps)},
              {"quoteQty", format_fixed(t.price_ticks * spec.tick_units * t.qty_steps, spec.price_decimals + spec.qty_decimals)},
              {"realizedPnl", format_fixed(t.realized_units, 8)},
              {"side", t.side},
              {"positionSide", "BOTH"},
              {"symbol", t.symbol},
              {"time", t.time}};
}

}  // namespace

// Windows follow Binance: both times at most 7 days apart; one time opens a 7-day window from
// it; none gives the last 7 days. fromId (ids from it on) and orderId (all fills of that order)
// are not cut to the default window, so a client reconciling after a clock jump sees its fills.
rest_response account_book::user_trades(const rest_request& r) {
  const auto symbol = r.p.get("symbol");
  if (!symbol || symbol->empty())
    return error_response(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const auto* spec = ctx_.catalog.find(*symbol);
  if (spec == nullptr) return error_response(400, -1121, "Invalid symbol.");
  std::optional<std::int64_t> order_id, start, end, from_id, limit_param;
  for (auto [name, out] : {std::pair{"orderId", &order_id}, std::pair{"startTime", &start}, std::pair{"endTime", &end},
                           std::pair{"fromId", &from_id}, std::pair{"limit", &limit_param}})
    if (auto e = read_int(r, name, *out)) return *e;
  const std::int64_t limit = limit_param.value_or(500);
  if (limit < 1 || limit > 1000) return bad_param("limit");
  if (from_id && (start || end)) return error_response(400, -1128, "Combination of optional parameters invalid.");
  if (start && end && *start > *end) return error_response(400, -1023, "Start time is greater than end time.");
  if (start && end && *end - *start > week_ms) return error_response(400, -1127, "Lookup interval is too big.");

  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);
  std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  if (start && end) lo = *start, hi = *end;
  else if (start) lo = *start, hi = *start + week_ms;
  else if (end) lo = *end - week_ms, hi = *end;
  else if (!from_id && !order_id) lo = now - week_ms;
  std::vector<const trade_record*> hits;
  for (const auto& t : trades_) {
    if (t.symbol != spec->symbol || (order_id && t.order_id != *order_id) || (from_id && t.id < *from_id)) continue;
    if (t.time < lo || t.time > hi) continue;
    hits.push_back(&t);
  }
  // fromId pages forward from that id; otherwise the most recent `limit` fills.
  const auto count = std::min<std::size_t>(hits.size(), static_cast<std::size_t>(limit));
  const std::size_t first = from_id ? 0 : hits.size() - count;
  json out = json::array();
  for (std::size_t i = first; i < first + count; ++i) out.push_back(trade_json(*spec, *hits[i]));
  return json_response(200, out.dump());
}

}  // namespace tb::fake
