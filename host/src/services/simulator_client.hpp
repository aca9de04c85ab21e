#pragma once
// A typed, host-side view of an exchange instance's optional tb_simulator_v1 table
// ("tb.simulator/1", ABI 1.3; advance_to_account_event ABI 1.4): the simulated market the
// backtest moves. Calls go through the guard of plugin/plugin_call.hpp.
#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <optional>

#include "plugin/plugin_instance.hpp"

namespace tb::host {

class simulator_client {
 public:
  // The client of `instance`, which must outlive it; nullopt when the exchange is not a
  // simulator. Throws plugin_error (bad_interface) for a malformed table.
  static std::optional<simulator_client> of(const plugin_instance& instance);

  // Plays the market up to `until_ms`; its consequences reach the sinks before this returns.
  // Throws plugin_error (call_failed) naming the plugin and its message on any failure.
  void advance_to(std::int64_t until_ms) const;

  // True when the simulator can stop at account events (ABI 1.4).
  bool stops_at_account_events() const noexcept;
  // Plays up to `until_ms`, stopping after the first base candle that caused an account
  // update; returns the time played to (after `from_ms`, the clock's now, and at most
  // until_ms). A simulator without the call plays to until_ms. Throws plugin_error
  // (call_failed) on a failure or a time outside (from_ms, until_ms].
  std::int64_t advance_to_account_event(std::int64_t from_ms, std::int64_t until_ms) const;

 private:
  simulator_client(const plugin_instance& instance, const tb_simulator_v1& table) noexcept
      : instance_(&instance), table_(&table) {}

  const plugin_instance* instance_;
  const tb_simulator_v1* table_;
};

}  // namespace tb::host
