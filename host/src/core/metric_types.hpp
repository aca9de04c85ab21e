#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tb::host {

// Values equal TB_METRIC_* in tb_abi.h, so the C API converts with a cast after a range check.
enum class metric_type : std::int32_t { counter = 0, gauge = 1, histogram = 2 };

const char* to_string(metric_type type) noexcept;

// A valid Prometheus metric name: [a-zA-Z_:][a-zA-Z0-9_:]*.
bool is_valid_metric_name(std::string_view name) noexcept;

// Label name/value pairs. Order does not matter: the registry sorts them by name.
using metric_labels = std::vector<std::pair<std::string, std::string>>;

// Bucket upper bounds in seconds, Prometheus' usual spread from 0.5 ms to 10 s.
const std::vector<double>& default_latency_buckets();

// A point-in-time copy of one labelled series, for exporters and alert rules.
struct series_snapshot {
  metric_labels labels;  // sorted by name
  double value = 0.0;    // counter and gauge
  // Histogram only: upper bounds (without +Inf) and cumulative counts, one more than bounds
  // (the last is the +Inf bucket and equals count).
  std::vector<double> bounds;
  std::vector<std::uint64_t> cumulative_counts;
  double sum = 0.0;
  std::uint64_t count = 0;
};

struct family_snapshot {
  std::string name;
  std::string help;
  metric_type type = metric_type::counter;
  std::vector<series_snapshot> series;  // sorted by labels
};

}  // namespace tb::host
