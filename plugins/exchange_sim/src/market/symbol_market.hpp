// The synthetic market of one symbol: candles of any interval at any time since the origin,
// the same bits whatever was asked before.
//
// How random access works: the price process has an hourly skeleton (hourly_process.hpp)
// whose state at the start of each UTC day is kept as a checkpoint; the checkpoint of day d
// is computed once, by stepping the skeleton 24 hours from the checkpoint of day d - 1 (so
// reaching a new day costs O(days) cheap hourly steps, never minute candles). A day's 1,440
// one-minute candles are then drawn from its checkpoint in one pass (O(1) per candle) and
// kept until another day is asked for. Every hour draws from its own generator keyed by
// (symbol seed, hour), so nothing depends on the order of requests.
//
// Not thread-safe (the checkpoints and the day are caches): use one symbol_market per thread,
// or guard it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "market/candle.hpp"
#include "market/hourly_process.hpp"
#include "market/interval.hpp"
#include "market/model_params.hpp"
#include "market/symbol_model.hpp"
#include "market/symbol_profile.hpp"

namespace tb::exchange_sim {

// 2020-01-01 00:00:00 UTC: the default start of every synthetic history.
inline constexpr std::int64_t default_origin_ms = 1'577'836'800'000;

class symbol_market {
 public:
  // `origin_ms` is the first minute of the history and must be a UTC midnight; throws
  // std::invalid_argument otherwise or when the profile or parameters are invalid.
  symbol_market(symbol_profile profile, std::uint64_t global_seed, const model_params& params = {},
                std::int64_t origin_ms = default_origin_ms);

  const symbol_profile& profile() const noexcept { return profile_; }
  const symbol_model& model() const noexcept { return model_; }
  std::int64_t origin_ms() const noexcept { return origin_ms_; }

  // The 1,440 one-minute candles of UTC day `epoch_day` (days since 1970-01-01). Valid until
  // the next call on this object. Days before the origin give an empty span.
  std::span<const candle> day_minutes(std::int64_t epoch_day);

  // Appends to `out` the candles of `iv` whose open time lies in [from_ms, to_ms) and not
  // before the origin; returns how many were appended. Times need not be aligned.
  std::size_t candles(interval iv, std::int64_t from_ms, std::int64_t to_ms, std::vector<candle>& out);

  // The `iv` candle opening at `open_time_ms` (rounded down to the interval's boundary);
  // open_time_ms must not be before the origin.
  candle candle_at(interval iv, std::int64_t open_time_ms);

  // The skeleton's state at the start of a UTC day (the checkpoint), for tests and tools.
  const process_state& state_at_day(std::int64_t epoch_day);

 private:
  symbol_profile profile_;
  symbol_model model_;
  std::int64_t origin_ms_;
  std::int64_t origin_day_;
  std::vector<process_state> checkpoints_;  // [i] = state at the start of origin_day_ + i
  std::int64_t cached_day_;
  std::vector<candle> day_;                 // the cached day's 1,440 minutes
};

}  // namespace tb::exchange_sim
