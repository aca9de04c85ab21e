#include "services/fill_ledger.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "services/order_records.hpp"
#include "store/decimal_text.hpp"

namespace tb::host {
namespace {

fill_record record_of(const tb_fill& f, const std::string& client_id) {
  return {0,
          client_id,
          f.trade_id,
          amount(f.quantity),
          amount(f.price),
          amount(f.commission),
          f.commission_asset,
          amount(f.realized_pnl),
          f.time_ms};
}

// Whether the exchange's list covers at least what is journalled already: a list cut short
// (a lookup window that missed a fill) never replaces more complete records.
bool covers(const std::vector<fill_record>& exact, const std::vector<fill_record>& stored) {
  double listed = 0, known = 0;
  for (const auto& f : exact) listed += decimal_value(f.quantity);
  for (const auto& f : stored) known += decimal_value(f.quantity);
  return listed + 1e-12 >= known;
}

}  // namespace

fill_ledger::fill_ledger(order_gateway& gateway, trade_journal& journal, const clock& clk,
                         std::chrono::milliseconds call_timeout)
    : gateway_(gateway), journal_(journal), clock_(clk), call_timeout_(call_timeout) {}

fill_totals fill_ledger::settle(const tb_order_state& state) {
  const std::string id = state.client_order_id;
  std::vector<tb_fill> listed;
  const exchange_status status =
      gateway_.get_order_fills(state.symbol, id, deadline_after(clock_, call_timeout_), listed);
  if (status.ok() && !listed.empty()) {
    std::vector<fill_record> exact;
    for (const auto& f : listed) exact.push_back(record_of(f, id));
    if (covers(exact, journal_.fills_of_order(id))) {
      journal_.replace_fills(id, exact);
      return totals(id);
    }
  }
  record_from_state(state);
  return totals(id);
}

void fill_ledger::record_from_state(const tb_order_state& state) {
  if (!has_fill(state)) return;
  const std::string id = state.client_order_id;
  decimal_sum known;
  double known_quantity = 0;
  for (const auto& f : journal_.fills_of_order(id)) {
    known.add(f.quantity);
    known_quantity += decimal_value(f.quantity);
  }
  const std::string cumulative = amount(state.filled_quantity);
  if (decimal_value(cumulative) <= known_quantity + 1e-12) return;  // already journalled
  // What filled since the last record; its trade id is the cumulative quantity, the same
  // whichever way (answer, stream event, query) the state arrived, so it is stored once.
  decimal_sum increment;
  increment.add(cumulative);
  increment.subtract(known.str());
  journal_.record_fill({0, id, id + ":" + cumulative, increment.str(),
                        amount(*state.last_fill_price != '\0' ? state.last_fill_price
                                                              : state.average_price),
                        amount(state.commission), state.commission_asset,
                        amount(state.realized_pnl), clock_.wall_ms()});
}

trade_close fill_ledger::closing(std::int64_t intent_id, const fill_totals& exit,
                                 const tb_order_state& state, exit_reason reason) {
  const trade_costs costs = costs_of_intent(intent_id);
  std::string price = exit.average_price;
  if (price.empty()) price = amount(state.average_price);
  return {price, costs.realized_pnl, costs.fees, clock_.wall_ms(), reason};
}

fill_totals fill_ledger::settle(const std::string& symbol, const std::string& client_id) {
  tb_order_state state{};
  state.struct_size = sizeof state;
  copy_text(state.symbol, symbol);
  copy_text(state.client_order_id, client_id);
  copy_text(state.filled_quantity, "0");
  return settle(state);
}

fill_totals fill_ledger::totals(const std::string& client_id) {
  fill_totals out;
  decimal_sum quantity;
  double notional = 0, filled = 0;
  for (const auto& f : journal_.fills_of_order(client_id)) {
    quantity.add(f.quantity);
    notional += decimal_value(f.quantity) * decimal_value(f.price);
    filled += decimal_value(f.quantity);
  }
  out.quantity = quantity.str();
  if (filled > 0) {
    // Informational (the PnL is the exchange's own): the weighted price to 8 decimals.
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer,
                                         std::round(notional / filled * 1e8) / 1e8,
                                         std::chars_format::fixed);
    if (ec == std::errc()) out.average_price.assign(buffer, end);
  }
  return out;
}

trade_costs fill_ledger::costs_of_intent(std::int64_t intent_id) {
  decimal_sum fees, realized;
  for (const auto& order : journal_.orders_of_intent(intent_id)) {
    for (const auto& f : journal_.fills_of_order(order.client_id)) {
      fees.add(f.commission);
      realized.add(f.realized_pnl);
    }
  }
  return {fees.str(), realized.str()};
}

}  // namespace tb::host
