// tb::sdk::simulator: the optional interface "tb.simulator/1" (ABI 1.3), offered by an exchange
// plugin whose market the host moves: backtests and the offline demo run the live pipeline on
// it under a virtual clock (host().wall_ms() is the simulated now).
//
// A mix-in, like indicators: the exchange class also derives from it, publicly, and
// TB_PLUGIN_EXCHANGE then answers TB_IFACE_SIMULATOR_V1 too.
//
//   class my_sim final : public tb::sdk::exchange, public tb::sdk::simulator { ... };
//
// advance_to() is [control]: the host calls it from one thread, between its own steps, and
// expects every consequence (fills, account updates, closed candles of subscribed series)
// delivered to the sinks on that thread before it returns. Throw tb::sdk::error for a
// failure (a file that cannot be read, a time before the last one).
//
// advance_to_account_event() (ABI 1.4) lets the host step from one account event to the
// next instead of at a fixed cadence; the default plays to until_ms in one go, which is
// correct but leaves the host reacting late.
#pragma once

#include <cstdint>

namespace tb::sdk {

class simulator {
 public:
  virtual ~simulator() = default;

  // Plays the market up to wall time `until_ms` (see tb_simulator_v1.advance_to).
  virtual void advance_to(std::int64_t until_ms) = 0;

  // advance_to(), stopping after the first base candle that pushed an account update; returns
  // the time played to (see tb_simulator_v1.advance_to_account_event).
  virtual std::int64_t advance_to_account_event(std::int64_t until_ms) {
    advance_to(until_ms);
    return until_ms;
  }

 protected:
  simulator() = default;
  simulator(const simulator&) = default;
  simulator& operator=(const simulator&) = default;
};

}  // namespace tb::sdk
