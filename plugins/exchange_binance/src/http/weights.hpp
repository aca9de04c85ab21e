// Binance request weights (IP weight per minute) of the endpoints the plugin calls, and the
// limiter buckets and breaker groups they are charged to.
#pragma once

#include <cstdint>

namespace tb::binance {

inline constexpr char bucket_ip_weight[] = "binance.ip_weight";
inline constexpr char bucket_orders_1m[] = "binance.orders_1m";
inline constexpr char bucket_orders_10s[] = "binance.orders_10s";

inline constexpr char breaker_market[] = "binance.market";
inline constexpr char breaker_account[] = "binance.account";
inline constexpr char breaker_orders[] = "binance.orders";

// GET /fapi/v1/klines by `limit` (0 means Binance's default of 500).
constexpr std::uint32_t klines_weight(std::uint32_t limit) noexcept {
  if (limit == 0) limit = 500;
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

// openOrders / openAlgoOrders: 1 with a symbol, 40 without.
constexpr std::uint32_t open_orders_weight(bool with_symbol) noexcept {
  return with_symbol ? 1 : 40;
}

inline constexpr std::uint32_t weight_time = 1;
inline constexpr std::uint32_t weight_exchange_info = 1;
inline constexpr std::uint32_t weight_account = 5; // balance, positionRisk, account
inline constexpr std::uint32_t weight_order_post = 0; // POST order/algoOrder: order counters
inline constexpr std::uint32_t weight_order_other = 1; // GET/DELETE order, leverage, listenKey
inline constexpr std::uint32_t weight_user_trades = 5;

}  // namespace tb::binance
