#include "app/open_positions.hpp"

#include "services/order_records.hpp"

namespace tb::host {
namespace {

bool working(order_state state) noexcept {
  return state == order_state::sent || state == order_state::open ||
         state == order_state::partially_filled;
}

double number(const std::string& text) { return decimal_value(text); }

}  // namespace

std::vector<position_view> open_positions(trade_journal& journal, trade_mode mode) {
  std::vector<position_view> out;
  for (const auto& trade : journal.open_trades()) {
    if (trade.mode != mode) continue;
    position_view p;
    p.symbol = trade.symbol;
    p.side = std::string(name_of(trade.side));
    p.quantity = number(trade.quantity);
    p.entry_price = number(trade.entry_price);
    p.opened_ms = trade.opened_ms;
    if (trade.intent_id) {
      for (const auto& order : journal.orders_of_intent(*trade.intent_id)) {
        if (!working(order.state)) continue;
        const auto& price = order.stop_price ? order.stop_price : order.price;
        if (!price) continue;
        if (order.role == order_role::stop) p.stop_price = number(*price);
        if (order.role == order_role::take_profit) p.take_profit = number(*price);
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace tb::host
