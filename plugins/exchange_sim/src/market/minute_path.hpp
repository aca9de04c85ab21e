// The 60 one-minute candles of one hour, drawn to fit the hour's plan exactly: the minutes'
// diffusive returns are Student-t shocks bridged to sum to the plan's diffusive part, the
// jump lands inside one minute, and the last close is the plan's close, so the next hour
// opens where this one closed.
#pragma once

#include <cstdint>

#include "market/candle.hpp"
#include "market/hourly_process.hpp"
#include "market/symbol_model.hpp"

namespace tb::exchange_sim {

inline constexpr int minutes_per_hour = 60;

// Writes out[0..59], the candles of `epoch_hour` (hours since the Unix epoch). Allocates
// nothing; the result depends only on (model, plan, epoch_hour).
void fill_hour(const symbol_model& model, const hour_plan& plan, std::int64_t epoch_hour,
               candle* out) noexcept;

}  // namespace tb::exchange_sim
