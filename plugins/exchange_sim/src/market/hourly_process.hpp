// The hourly skeleton of a symbol's price: one step per hour moves the regime, the GARCH
// variance and the log price, and says what the hour's 60 one-minute candles must add up to.
// A step reads only the state at the start of the hour and a generator keyed by
// (symbol seed, hour), so the path is the same however it is reached.
#pragma once

#include <cstdint>

#include "market/regime.hpp"
#include "market/symbol_model.hpp"

namespace tb::exchange_sim {

// The state of the process at the start of an hour.
struct process_state {
  double log_price = 0;
  double variance = 0;  // GARCH variance of the hour's standardized shock
  regime current = regime::ranging;

  friend bool operator==(const process_state&, const process_state&) = default;
};

// What one hour does, for the minute generator.
struct hour_plan {
  double log_open = 0;
  double log_close = 0;
  double diffusive = 0;    // drift + diffusion: the part spread over the 60 minutes
  double jump = 0;         // the jump, all inside minute jump_minute
  int jump_minute = -1;    // 0..59, or -1 when the hour has no jump
  double minute_sd = 0;    // sd of one minute's diffusive return
  double activity = 0;     // volume multiplier of the hour (season and volatility level)
  regime current = regime::ranging;
};

// The state at the market's origin: the base price, the long-run variance, and a regime
// drawn from the symbol's seed.
process_state initial_state(const symbol_model& model);

// Advances `state` over the hour `epoch_hour` (hours since the Unix epoch) and describes it.
hour_plan step_hour(const symbol_model& model, std::int64_t epoch_hour, process_state& state);

}  // namespace tb::exchange_sim
