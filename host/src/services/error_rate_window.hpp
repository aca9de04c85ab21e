#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/metric_types.hpp"

namespace tb::host {

// Every error counted in the metrics registry at one moment, by source.
//
// What counts as an error:
//   - every series of a counter family whose name ends in `_errors_total` or
//     `_failures_total` (tb_errors_total, tb_strategy_scan_errors_total, a plugin's own);
//   - the series of any counter family labelled outcome="failed" or result="failed"
//     (tb_scans_total{outcome="failed"}: scan cycles that failed as a whole,
//     tb_data_requests_total{result="failed"}: candle requests that failed).
// A source is the family's name, with `{outcome="failed"}` / `{result="failed"}` for the
// second kind.
struct error_count {
  std::map<std::string, double> by_source;
};
error_count count_errors(const std::vector<family_snapshot>& families);

// Errors per minute over a sliding window, from samples of the running count.
//
// The rate is (count at the newest sample - count at the window's start) / the time between
// them in minutes, but never less than the window's length; the start is the newest sample at
// least a window old, or the oldest one while there is none yet. So a burst at start-up is
// spread over the whole window rather than read as a spike, and samples further apart than
// the window (checks less often than that) average over the time they span. Counters never
// go down; a source that did (a restarted plugin's own counter) counts 0.
//
// Not thread-safe: the owner guards it.
class error_rate_window {
 public:
  struct rate {
    double per_minute = 0;
    double errors = 0;                                 // in the window
    std::vector<std::pair<std::string, double>> by_source;  // growing sources, most first
  };

  explicit error_rate_window(std::chrono::nanoseconds span);

  // `now_ns` is monotonic; a sample older than the newest one is dropped.
  void add(std::int64_t now_ns, error_count count);
  rate current() const;

 private:
  struct sample {
    std::int64_t time_ns = 0;
    error_count count;
  };

  std::chrono::nanoseconds span_;
  std::deque<sample> samples_;  // oldest first
};

}  // namespace tb::host
