#include "websocket/account_tracker.hpp"

#include <algorithm>
#include <iterator>
#include <set>

namespace tb::binance {

bool is_open(sdk::order_status status) noexcept {
  return status == sdk::order_status::new_ || status == sdk::order_status::partially_filled ||
         status == sdk::order_status::triggered;
}

bool account_tracker::accept(const sdk::order_state& order) {
  const bool open = is_open(order.status);
  const auto it = orders_.find(order.client_order_id);
  if (it != orders_.end()) {
    order_entry& last = it->second;
    if (!newer(last.time_ms, order.update_time_ms)) return false;
    if (!last.open && open && order.update_time_ms <= last.time_ms) return false;
    last = {order.symbol, std::max(last.time_ms, order.update_time_ms), open};
    return true;
  }
  if (orders_.size() >= max_orders) {
    for (auto i = orders_.begin(); i != orders_.end();) i = i->second.open ? std::next(i) : orders_.erase(i);
  }
  orders_[order.client_order_id] = {order.symbol, order.update_time_ms, open};
  return true;
}

bool account_tracker::accept(const sdk::position& position) {
  entry& last = positions_[position.symbol];
  if (!newer(last.time_ms, position.update_time_ms)) return false;
  last.time_ms = std::max(last.time_ms, position.update_time_ms);
  last.nonzero = position.quantity.find_first_not_of("-+0.") != std::string::npos;
  return true;
}

bool account_tracker::accept(const sdk::balance& balance) {
  std::int64_t& last = balances_[balance.asset];
  if (!newer(last, balance.update_time_ms)) return false;
  last = std::max(last, balance.update_time_ms);
  return true;
}

std::vector<std::pair<std::string, std::string>> account_tracker::vanished(
    const std::vector<sdk::order_state>& open_now) const {
  std::set<std::string> listed;
  for (const auto& o : open_now) listed.insert(o.client_order_id);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, o] : orders_) {
    if (o.open && listed.count(id) == 0) out.emplace_back(o.symbol, id);
  }
  return out;
}

std::vector<std::string> account_tracker::closed(const std::vector<sdk::position>& open_now) const {
  std::set<std::string> listed;
  for (const auto& p : open_now) listed.insert(p.symbol);
  std::vector<std::string> out;
  for (const auto& [symbol, p] : positions_) {
    if (p.nonzero && listed.count(symbol) == 0) out.push_back(symbol);
  }
  return out;
}

}  // namespace tb::binance
