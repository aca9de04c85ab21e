#pragma once

#include <tradingbot/tb_abi.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "plugin/plugin_instance.hpp"
#include "services/order_gateway.hpp"

namespace tb::host {

struct candle_request {
  std::string symbol;
  std::string interval;
  std::int64_t start_ms = 0;  // 0: unbounded
  std::int64_t end_ms = 0;    // 0: unbounded
  std::uint32_t limit = 500;
};

// A typed, host-side view of one exchange plugin instance's tb_exchange_v1 table.
//
// Every call goes through the guard of plugin/plugin_call.hpp; an escaped exception becomes
// TB_E_PLUGIN_FAULT with the guard's message, so no call here throws a plugin_error. Output
// buffers are sized for the request and grown once to the reported count on
// TB_E_BUFFER_TOO_SMALL.
//
// Thread tags follow the ABI: the account, order and market-data calls are [worker] (call
// them from any thread, concurrently); the subscriptions are [control]. The instance must
// outlive the client and stay started while calls run. A plugin whose table lacks a function
// answers TB_E_UNSUPPORTED for it.
class exchange_client final : public order_gateway {
 public:
  // Throws std::invalid_argument when the instance offers no tb_exchange_v1 table, and
  // plugin_error (bad_interface) when the table is malformed.
  explicit exchange_client(const plugin_instance& instance);

  exchange_status list_symbols(std::int64_t deadline_ns, std::vector<tb_symbol_info>& out) const;
  // Replaces `out` with the candles, oldest first.
  exchange_status fetch_candles(const candle_request& request, std::int64_t deadline_ns,
                                std::vector<tb_candle>& out) const;
  exchange_status subscribe_candles(const std::vector<std::string>& symbols,
                                    const std::string& interval, const tb_market_sink& sink) const;
  exchange_status unsubscribe_candles(const std::vector<std::string>& symbols,
                                      const std::string& interval) const;

  // Account: every balance, every open position (replacing `out`).
  exchange_status get_balances(std::int64_t deadline_ns,
                               std::vector<tb_balance>& out) override;
  exchange_status get_positions(std::int64_t deadline_ns,
                                std::vector<tb_position>& out) override;

  // Orders, named by their client order id. place_order is idempotent per id: on
  // TB_E_UNKNOWN_OUTCOME query_order by the same id before anything is resent.
  exchange_status place_order(const tb_order_request& request, std::int64_t deadline_ns,
                              tb_order_state& ack) override;
  exchange_status cancel_order(const std::string& symbol, const std::string& client_order_id,
                               std::int64_t deadline_ns, tb_order_state& result) override;
  exchange_status query_order(const std::string& symbol, const std::string& client_order_id,
                              std::int64_t deadline_ns, tb_order_state& result) override;
  // Open orders of `symbol` (empty: every symbol), exchange-held stops and targets included.
  exchange_status list_open_orders(const std::string& symbol, std::int64_t deadline_ns,
                                   std::vector<tb_order_state>& out) override;
  exchange_status set_leverage(const std::string& symbol, std::int32_t leverage,
                               std::int64_t deadline_ns) override;
  // margin_type: 1 cross, 2 isolated.
  exchange_status set_margin_type(const std::string& symbol, std::int32_t margin_type,
                                  std::int64_t deadline_ns) override;
  // Order, position and balance updates pushed to `sink` until the plugin stops. [control]
  exchange_status subscribe_account(const tb_market_sink& sink) override;
  // ABI 1.2; TB_E_UNSUPPORTED from a plugin built against 1.0 or 1.1.
  exchange_status get_order_fills(const std::string& symbol, const std::string& client_order_id,
                                  std::int64_t deadline_ns, std::vector<tb_fill>& out) override;

  const plugin_instance& instance() const noexcept { return instance_; }

 private:
  const plugin_instance& instance_;
  const tb_exchange_v1* table_;
  mutable std::atomic<std::size_t> symbols_hint_{1024};  // grows to the last count
  mutable std::atomic<std::size_t> orders_hint_{64};
};

}  // namespace tb::host
