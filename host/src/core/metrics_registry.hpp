#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/metric_handles.hpp"
#include "core/metric_types.hpp"

namespace tb::host {

// Counters, gauges and histograms with labels, exported as Prometheus text or JSON.
//
// Register once, record often: register_*() validates and interns a series (the same name
// and labels give back the same handle) and is meant for start-up or first use; recording
// through the returned handle, or through record() with its id, is lock-free.
//
// Naming errors fail fast at registration with std::invalid_argument: a name that is not a
// valid Prometheus name, a label name that is invalid, reserved (`__*`, `le` on a histogram)
// or repeated, a family registered again with another type, other label names or other
// histogram buckets. register_metric() is the C-API form: it returns 0 and the message
// instead of throwing.
//
// Thread-safety: every member may be called from any thread, concurrently. Handles and ids
// stay valid for the registry's lifetime; series are never removed.
class metrics_registry {
 public:
  metrics_registry();
  ~metrics_registry();
  metrics_registry(const metrics_registry&) = delete;
  metrics_registry& operator=(const metrics_registry&) = delete;

  counter register_counter(std::string_view name, std::string_view help,
                           metric_labels labels = {});
  gauge register_gauge(std::string_view name, std::string_view help, metric_labels labels = {});
  // `bounds`: finite, strictly increasing upper bounds; +Inf is implicit.
  histogram register_histogram(std::string_view name, std::string_view help,
                               metric_labels labels = {},
                               std::vector<double> bounds = default_latency_buckets());

  // Registers with default buckets for histograms. Returns the series id, or 0 with the
  // reason in *error (when error is not null). Never throws.
  std::uint64_t register_metric(metric_type type, std::string_view name, std::string_view help,
                                metric_labels labels, std::string* error = nullptr) noexcept;

  // Counters add, gauges set, histograms observe. An id that this registry did not hand out
  // (0, garbage, another registry's) is ignored and returns false.
  bool record(std::uint64_t id, double value) const noexcept;

  // A consistent-enough copy for export: each value is read atomically, but a series being
  // recorded meanwhile may be caught between two of its fields.
  std::vector<family_snapshot> snapshot() const;

  std::string to_prometheus() const;  // text exposition format 0.0.4
  std::string to_json() const;
  // Writes to_json() to `path` atomically (temporary file, fsync, rename). Throws
  // std::runtime_error naming the path and the system error on failure.
  void write_json_file(const std::string& path) const;

 private:
  struct series_entry;
  struct family;

  series_entry& intern(metric_type type, std::string_view name, std::string_view help,
                       metric_labels labels, const std::vector<double>* bounds);
  series_entry* lookup(std::uint64_t id) const noexcept;
  std::uint64_t publish_locked(series_entry& entry);

  static constexpr std::size_t chunk_size = 1024;
  static constexpr std::size_t max_chunks = 1024;
  using chunk = std::array<std::atomic<series_entry*>, chunk_size>;

  const std::uint16_t salt_;  // tells this registry's ids from another's
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<family>, std::less<>> families_;  // by name
  std::vector<std::unique_ptr<chunk>> owned_chunks_;
  std::size_t next_index_ = 0;                         // guarded by mutex_
  std::array<std::atomic<chunk*>, max_chunks> chunks_;  // lock-free id -> series
};

}  // namespace tb::host
