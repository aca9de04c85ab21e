#pragma once
// Where orders go: the exchange (exchange_client over the exchange plugin, in live mode) or
// the host's own simulation (paper_gateway, in paper mode). The ExecutionService speaks only
// to this, so live and paper run the same flow.
#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tb::host {

// What a call came to: TB_OK, or a status with the remote code and a message.
// Binance's code for a conditional order whose trigger the price has already passed
// ("Order would immediately trigger."); the simulator answers it too.
inline constexpr std::int32_t would_trigger_at_once = -2021;

struct exchange_status {
  tb_status code = TB_OK;
  std::int32_t remote_code = 0;
  std::string message;

  bool ok() const noexcept { return code == TB_OK; }
  // "TB_E_TIMEOUT: fetch_candles BTCUSDT 1h: deadline passed"
  std::string describe() const;
};

// The account and order calls of tb_exchange_v1, typed. [worker] unless marked; every call
// takes an absolute monotonic deadline. Orders are named by client order id, and placing is
// idempotent per id.
class order_gateway {
 public:
  virtual ~order_gateway() = default;

  virtual exchange_status get_balances(std::int64_t deadline_ns,
                                       std::vector<tb_balance>& out) = 0;
  virtual exchange_status get_positions(std::int64_t deadline_ns,
                                        std::vector<tb_position>& out) = 0;
  virtual exchange_status place_order(const tb_order_request& request, std::int64_t deadline_ns,
                                      tb_order_state& ack) = 0;
  virtual exchange_status cancel_order(const std::string& symbol,
                                       const std::string& client_order_id,
                                       std::int64_t deadline_ns, tb_order_state& result) = 0;
  virtual exchange_status query_order(const std::string& symbol,
                                      const std::string& client_order_id,
                                      std::int64_t deadline_ns, tb_order_state& result) = 0;
  // Open orders of `symbol` (empty: every symbol), exchange-held stops and targets included.
  virtual exchange_status list_open_orders(const std::string& symbol, std::int64_t deadline_ns,
                                           std::vector<tb_order_state>& out) = 0;
  virtual exchange_status set_leverage(const std::string& symbol, std::int32_t leverage,
                                       std::int64_t deadline_ns) = 0;
  // margin_type: 1 cross, 2 isolated.
  virtual exchange_status set_margin_type(const std::string& symbol, std::int32_t margin_type,
                                          std::int64_t deadline_ns) = 0;
  // Order, position and balance updates pushed to `sink` from now on. [control]
  virtual exchange_status subscribe_account(const tb_market_sink& sink) = 0;
  // Every fill of the order `client_order_id`, oldest first (for a stop or target: those of
  // the market order its trigger placed), with commissions and realized PnL.
  virtual exchange_status get_order_fills(const std::string& symbol,
                                          const std::string& client_order_id,
                                          std::int64_t deadline_ns, std::vector<tb_fill>& out) = 0;
};

}  // namespace tb::host
