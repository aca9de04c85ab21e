// What the user-data stream has pushed, so that the REST resync after a reconnect can find the
// orders and positions whose last change was missed, and so that nothing pushed ever moves an
// order, position or balance back to an older state (a stream event buffered before the
// resync may arrive after it). Not thread-safe: the stream uses it from its one thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tradingbot/sdk/exchange_types.hpp"

namespace tb::binance {

class account_tracker {
 public:
  // Whether the update is not older than what was pushed for the same order (client id),
  // position (symbol) or balance (asset); when it is not, it is recorded as pushed. An order
  // in a final state is never followed by a non-final one of the same time.
  bool accept(const sdk::order_state& order);
  bool accept(const sdk::position& position);
  bool accept(const sdk::balance& balance);

  // Orders last pushed as open that are not in `open_now` (every open order and conditional
  // order, from REST): they ended while nobody listened. (symbol, client id) pairs.
  std::vector<std::pair<std::string, std::string>> vanished(
      const std::vector<sdk::order_state>& open_now) const;
  // Symbols last pushed with a non-zero position that are not in `open_now` (REST lists
  // non-zero positions only): closed while nobody listened.
  std::vector<std::string> closed(const std::vector<sdk::position>& open_now) const;
  // Stops looking for an order that REST does not know.
  void forget(const std::string& client_id) { orders_.erase(client_id); }

  // Final orders are kept to refuse late updates, but only this many at most.
  static constexpr std::size_t max_orders = 4096;

 private:
  struct order_entry {
    std::string symbol;
    std::int64_t time_ms = 0;
    bool open = true;
  };
  struct entry {
    std::int64_t time_ms = 0;
    bool nonzero = false;
  };
  static bool newer(std::int64_t last_ms, std::int64_t time_ms) {
    return time_ms == 0 || time_ms >= last_ms;  // 0: the exchange gave no time
  }

  std::map<std::string, order_entry> orders_;
  std::map<std::string, entry> positions_;
  std::map<std::string, std::int64_t> balances_;
};

// NEW, PARTIALLY_FILLED and TRIGGERED orders can still change; the rest are final.
bool is_open(sdk::order_status status) noexcept;

}  // namespace tb::binance
