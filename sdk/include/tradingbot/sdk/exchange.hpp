// tb::sdk::exchange: the base class of exchange plugins (interface "tb.exchange/1").
//
// Calls are synchronous. The host runs the [worker] methods on its worker pool (so ~50
// requests can be in flight), possibly several at once on one instance: make them
// thread-safe. Each must return by `until`, a deadline on the host's monotonic clock
// (host().remaining(until) says how long is left); throw tb::sdk::error(TB_E_TIMEOUT, ...)
// when it passes. Pushed data (websockets) goes to a tb::sdk::market_sink from the plugin's
// own threads, which stop() must join. docs/sdk.md explains why the interface has this shape.
//
// Every method has a default that throws error(TB_E_UNSUPPORTED, "<id>: <operation> is not
// supported"); override what the exchange offers. Report failures by throwing
// tb::sdk::error with the closest status (TB_E_RATE_LIMITED, TB_E_REJECTED with the remote
// code, TB_E_UNKNOWN_OUTCOME when a request may have taken effect, ...). Returned strings
// must fit the ABI's fixed buffers (see exchange_types.hpp) or the call fails with
// TB_E_INTERNAL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/market_sink.hpp"
#include "tradingbot/sdk/plugin.hpp"
#include "tradingbot/sdk/series.hpp"

namespace tb::sdk {

class exchange : public plugin {
 public:
  exchange(::tb::sdk::host services, std::string instance_name)
      : plugin(services, std::move(instance_name)) {}

  // [worker] Tradable symbols with their filters.
  virtual std::vector<symbol_info> list_symbols(deadline until) {
    static_cast<void>(until);
    not_supported("list_symbols");
  }
  // [worker] Candles of request.symbol at request.interval, oldest first, at most
  // request.limit.
  virtual std::vector<candle> fetch_candles(const candle_request& request, deadline until) {
    static_cast<void>(request);
    static_cast<void>(until);
    not_supported("fetch_candles");
  }
  // [control] Start pushing kline updates for `symbols` at `interval` to `sink`.
  virtual void subscribe_candles(const std::vector<std::string>& symbols,
                                 const std::string& interval, const market_sink& sink) {
    static_cast<void>(symbols);
    static_cast<void>(interval);
    static_cast<void>(sink);
    not_supported("subscribe_candles");
  }
  // [control] Stop pushing them.
  virtual void unsubscribe_candles(const std::vector<std::string>& symbols,
                                   const std::string& interval) {
    static_cast<void>(symbols);
    static_cast<void>(interval);
    not_supported("unsubscribe_candles");
  }
  // [worker] Account balances.
  virtual std::vector<balance> get_balances(deadline until) {
    static_cast<void>(until);
    not_supported("get_balances");
  }
  // [worker] Open positions.
  virtual std::vector<position> get_positions(deadline until) {
    static_cast<void>(until);
    not_supported("get_positions");
  }
  // [worker] Idempotent per request.client_order_id: when the outcome is unknown, throw
  // error(TB_E_UNKNOWN_OUTCOME, ...) and the host queries that id before anything is resent.
  virtual order_state place_order(const order_request& request, deadline until) {
    static_cast<void>(request);
    static_cast<void>(until);
    not_supported("place_order");
  }
  // [worker]
  virtual order_state cancel_order(const std::string& symbol,
                                   const std::string& client_order_id, deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(client_order_id);
    static_cast<void>(until);
    not_supported("cancel_order");
  }
  // [worker] TB_E_NOT_FOUND when the exchange does not know the id.
  virtual order_state query_order(const std::string& symbol, const std::string& client_order_id,
                                  deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(client_order_id);
    static_cast<void>(until);
    not_supported("query_order");
  }
  // [worker] Open orders including exchange-held stops and targets; std::nullopt: all symbols.
  virtual std::vector<order_state> list_open_orders(const std::optional<std::string>& symbol,
                                                    deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(until);
    not_supported("list_open_orders");
  }
  // [worker]
  virtual void set_leverage(const std::string& symbol, std::int32_t leverage, deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(leverage);
    static_cast<void>(until);
    not_supported("set_leverage");
  }
  // [worker]
  virtual void set_margin_type(const std::string& symbol, margin_type type, deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(type);
    static_cast<void>(until);
    not_supported("set_margin_type");
  }
  // [control] Push order, position and balance updates to `sink` until stop().
  virtual void subscribe_account(const market_sink& sink) {
    static_cast<void>(sink);
    not_supported("subscribe_account");
  }
  // [worker] ABI 1.2: every fill of an order, oldest first (for a stop or take-profit, those
  // of the market order its trigger placed). TB_E_NOT_FOUND when the exchange does not know
  // the id.
  virtual std::vector<fill> get_order_fills(const std::string& symbol,
                                            const std::string& client_order_id, deadline until) {
    static_cast<void>(symbol);
    static_cast<void>(client_order_id);
    static_cast<void>(until);
    not_supported("get_order_fills");
  }

 protected:
  // The message of the default refusals: "<id>: <operation> is not supported". Override it
  // to word them differently ("... is not supported yet").
  virtual std::string not_supported_message(const char* operation) const {
    return std::string(id()) + ": " + operation + " is not supported";
  }
  // Throws error(TB_E_UNSUPPORTED, not_supported_message(operation)).
  [[noreturn]] void not_supported(const char* operation) const {
    throw error(TB_E_UNSUPPORTED, not_supported_message(operation));
  }
};

}  // namespace tb::sdk
