#pragma once

#include <string>

#include "core/metric_handles.hpp"
#include "core/metrics_registry.hpp"

namespace tb::host {

// The DataService's metric handles; all record nothing when built without a registry.
struct data_metrics {
  data_metrics() = default;
  explicit data_metrics(metrics_registry* registry);

  // Per-interval gauges, registered on first use (the registry hands back the same series).
  gauge stale_symbols(const std::string& interval) const;
  gauge failed_symbols(const std::string& interval) const;

  metrics_registry* registry = nullptr;
  counter requests_ok;
  counter requests_failed;
  counter cache_hits;
  counter weight;
  counter candles_pushed;
  counter gaps;
  counter stream_disconnects;
  histogram fetch_seconds;
};

}  // namespace tb::host
