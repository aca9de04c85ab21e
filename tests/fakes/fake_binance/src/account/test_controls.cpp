// account_book's test hooks behind /_admin/orders/fill and /_admin/orders/hold-limits: partial
// fills of a resting LIMIT order on demand, so tests control fill timing and sizes.
#include <cmath>

#include "account/account_book.hpp"
#include "market/market_json.hpp"
#include "util/decimal.hpp"

namespace tb::fake {
namespace {

rest_response bad(const std::string& msg) { return json_response(400, nlohmann::json{{"error", msg}}.dump()); }

}  // namespace

rest_response account_book::admin_fill(const std::string& symbol, const std::string& client_id, const std::string& quantity) {
  const auto* spec = ctx_.catalog.find(symbol);
  if (spec == nullptr) return bad("unknown symbol '" + symbol + "'");
  const auto d = parse_decimal(quantity);
  if (!d) return bad("'quantity' must be a decimal string");
  const auto steps = rescale(*d, spec->qty_decimals);
  if (!steps) return bad("quantity " + quantity + " is not a multiple of the step size of " + symbol);
  if (*steps <= 0) return bad("quantity must be positive");
  std::lock_guard lock(mutex_);
  const std::int64_t now = ctx_.clock.now_ms();
  match_locked(now);  // a fill the price already caused comes first, as it would on the exchange
  order_record* o = nullptr;
  for (auto it = orders_.rbegin(); it != orders_.rend() && o == nullptr; ++it)
    if (it->second.symbol == symbol && it->second.client_id == client_id) o = &it->second;
  if (o == nullptr) return bad("unknown order '" + client_id + "' on " + symbol);
  if (o->type != "LIMIT") return bad("order '" + client_id + "' is a " + o->type + " order, not a LIMIT");
  if (o->status != "NEW" && o->status != "PARTIALLY_FILLED")
    return bad("order '" + client_id + "' is " + o->status + ", not open");
  const std::int64_t remaining = o->qty_steps - o->executed_steps;
  if (*steps > remaining) return bad("quantity " + quantity + " exceeds the remaining " + format_qty(*spec, remaining));
  const double tick = static_cast<double>(spec->tick_units) * std::pow(10.0, -spec->price_decimals);
  fill_locked(*o, *steps, static_cast<double>(o->price_ticks) * tick, true, now);
  return json_response(200, order_json(*o, true).dump());
}

void account_book::hold_limits(bool hold) {
  std::lock_guard lock(mutex_);
  hold_limits_ = hold;
}

}  // namespace tb::fake
