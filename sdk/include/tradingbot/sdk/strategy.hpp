// tb::sdk::strategy: the base class of strategy plugins (interface "tb.strategy/1").
//
// A strategy is pure compute: the host calls it, it never runs by itself. It owns no threads,
// timers or sockets, keeps no thread_local objects with destructors and has no globals whose
// destructors call back into the host, because strategies are hot-reloaded: the host unloads
// the old .so after handing its state to the new one.
//
// Every virtual below is [instance]: the host serializes all calls on one instance, so the
// strategy needs no locks for its own members. Throw tb::sdk::error to fail a call with a
// status; any other exception fails it with TB_E_PLUGIN_FAULT.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tradingbot/sdk/plugin.hpp"
#include "tradingbot/sdk/series.hpp"
#include "tradingbot/sdk/signal.hpp"

namespace tb::sdk {

// Candles the strategy needs per symbol at one interval.
struct data_need {
  std::string interval;       // Binance interval code, 1 to 7 characters: "15m", "4h", "1d"
  std::uint32_t lookback = 0; // closed candles wanted, newest last
};

class strategy : public plugin {
 public:
  strategy(::tb::sdk::host services, std::string instance_name)
      : plugin(services, std::move(instance_name)) {}

  // The intervals and history this strategy needs for every symbol. The host may ask more
  // than once (e.g. with a larger buffer); answer the same each time.
  virtual std::vector<data_need> data_needs() = 0;

  // One scan: `batch` holds every symbol of the universe at every needed interval, borrowed
  // until this returns. Emit zero or more signals to `sink` before returning.
  virtual void on_scan(const series_batch& batch, const signal_sink& sink) = 0;

  // Hot-reload hand-over: an opaque blob written by this version and read by the next (or by
  // this version after a restart; the host also keeps the last blob on disk). Give it a
  // schema field if it is JSON. The default keeps no state.
  virtual std::string save_state() { return std::string(); }
  // Called before the first scan with what save_state() returned. Throw tb::sdk::error to
  // refuse a blob you cannot read; the host then keeps the old version running.
  virtual void load_state(std::string_view state) { static_cast<void>(state); }
};

}  // namespace tb::sdk
