// account_book's user-data stream events: ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, ALGO_UPDATE.
#include <cmath>

#include "account/account_book.hpp"
#include "market/market_json.hpp"
#include "server/ws_hub.hpp"
#include "util/decimal.hpp"

namespace tb::fake {

using nlohmann::json;

void account_book::emit(json event) {
  if (listen_key_.empty() || sim_clock::wall_ms() >= listen_key_expiry_) return;
  ctx_.hub->broadcast_user(listen_key_, event.dump());
}

void account_book::emit_order_update(const order_record& o, const std::string& exec, const trade_record* fill,
                                     std::int64_t now) {
  const auto* spec = ctx_.catalog.find(o.symbol);
  const double step = std::pow(10.0, -spec->qty_decimals);
  const double avg = o.executed_steps > 0 ? o.cum_quote / (static_cast<double>(o.executed_steps) * step) : 0.0;
  const int pd = spec->price_decimals;
  emit(json{{"e", "ORDER_TRADE_UPDATE"}, {"E", now}, {"T", now},
            {"o",
             {{"s", o.symbol}, {"c", o.client_id}, {"S", o.side}, {"o", o.type}, {"f", o.tif},
              {"q", format_qty(*spec, o.qty_steps)},
              {"p", o.type == "LIMIT" ? format_price(*spec, o.price_ticks) : "0"},
              {"ap", format_double(avg, pd + 3)}, {"sp", "0"}, {"x", exec}, {"X", o.status}, {"i", o.id},
              {"l", format_qty(*spec, fill ? fill->qty_steps : 0)}, {"z", format_qty(*spec, o.executed_steps)},
              {"L", fill ? format_price(*spec, fill->price_ticks) : format_double(0, pd)}, {"N", "USDT"},
              {"n", format_fixed(fill ? fill->commission_units : 0, 8)}, {"T", now}, {"t", fill ? fill->id : 0},
              {"b", "0"}, {"a", "0"}, {"m", fill != nullptr && fill->maker}, {"R", o.reduce_only},
              {"wt", "CONTRACT_PRICE"}, {"ot", o.type}, {"ps", "BOTH"}, {"cp", false},
              {"rp", format_fixed(fill ? fill->realized_units : 0, 8)}, {"pP", false},
              {"si", 0}, {"ss", 0}, {"V", "EXPIRE_MAKER"}, {"pm", "NONE"}, {"gtd", 0}, {"er", "0"}}}});
  if (fill == nullptr) return;
  const auto& p = positions_[o.symbol];
  emit(json{{"e", "ACCOUNT_UPDATE"}, {"E", now}, {"T", now},
            {"a",
             {{"m", "ORDER"},
              {"B", json::array({{{"a", "USDT"}, {"wb", format_fixed(wallet_units_, 8)}, {"cw", format_fixed(wallet_units_, 8)}, {"bc", "0"}}})},
              {"P", json::array({{{"s", o.symbol}, {"pa", format_qty(*spec, p.amt_steps)},
                                  {"ep", format_double(p.entry_price, pd + 3)}, {"bep", format_double(p.entry_price, pd + 3)},
                                  {"cr", "0"}, {"up", "0"}, {"mt", p.isolated ? "isolated" : "cross"}, {"iw", "0"},
                                  {"ps", "BOTH"}}})}}}});
}

void account_book::emit_algo_update(const algo_record& a, std::int64_t now) {
  const auto* spec = ctx_.catalog.find(a.symbol);
  emit(json{{"e", "ALGO_UPDATE"}, {"E", now}, {"T", now},
            {"o",
             {{"caid", a.client_algo_id}, {"aid", a.algo_id}, {"at", "CONDITIONAL"}, {"o", a.type}, {"s", a.symbol},
              {"S", a.side}, {"ps", "BOTH"}, {"f", "GTC"}, {"q", format_qty(*spec, a.qty_steps)}, {"X", a.status},
              {"ai", a.actual_order_id}, {"ap", format_double(a.actual_price, spec->price_decimals)},
              {"aq", a.status == "FINISHED" || a.status == "TRIGGERED" ? format_qty(*spec, a.qty_steps) : "0"},
              {"act", "MARKET"}, {"tp", format_price(*spec, a.trigger_ticks)}, {"p", "0"}, {"V", "EXPIRE_MAKER"},
              {"wt", a.working_type}, {"pm", "NONE"}, {"cp", a.close_position}, {"pP", false}, {"R", a.reduce_only},
              {"tt", a.trigger_time}, {"gtd", 0}, {"rm", ""}}}});
}

}  // namespace tb::fake
