#pragma once

// Storage behind metric handles. Internal to tb_core: use counter/gauge/histogram instead.
//
// Counters and histograms are striped: each thread adds into one of metric_stripes cache
// lines and readers sum the stripes, so two threads recording into one series do not fight
// over a cache line. Gauges are set, not added, so they have one cell.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace tb::host::detail {

inline constexpr std::size_t metric_stripes = 8;
inline constexpr std::size_t cache_line = 64;

// The calling thread's stripe, fixed for its lifetime and handed out round-robin.
inline std::size_t this_thread_stripe() noexcept {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t stripe =
      next.fetch_add(1, std::memory_order_relaxed) % metric_stripes;
  return stripe;
}

struct alignas(cache_line) padded_double {
  std::atomic<double> value{0.0};
};

struct alignas(cache_line) counter_cell {
  padded_double stripes[metric_stripes];

  // Counters only go up: negative and NaN increments are dropped.
  void add(double v) noexcept {
    if (!(v >= 0.0)) return;
    stripes[this_thread_stripe()].value.fetch_add(v, std::memory_order_relaxed);
  }
  double read() const noexcept {
    double total = 0.0;
    for (const auto& s : stripes) total += s.value.load(std::memory_order_relaxed);
    return total;
  }
};

struct alignas(cache_line) gauge_cell {
  std::atomic<double> value{0.0};

  void set(double v) noexcept { value.store(v, std::memory_order_relaxed); }
  void add(double v) noexcept { value.fetch_add(v, std::memory_order_relaxed); }
  double read() const noexcept { return value.load(std::memory_order_relaxed); }
};

class histogram_cell {
 public:
  // `bounds` must be finite and strictly increasing (the registry checks).
  explicit histogram_cell(std::vector<double> bounds)
      : bounds_(std::move(bounds)),
        buckets_(bounds_.size() + 1),
        lines_per_stripe_((buckets_ + per_line - 1) / per_line),
        lines_(std::make_unique<count_line[]>(lines_per_stripe_ * metric_stripes)) {}

  // NaN observations are dropped: they belong to no bucket.
  void observe(double v) noexcept {
    if (std::isnan(v)) return;
    const std::size_t bucket = static_cast<std::size_t>(
        std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    const std::size_t stripe = this_thread_stripe();
    count_at(stripe, bucket).fetch_add(1, std::memory_order_relaxed);
    sums_[stripe].value.fetch_add(v, std::memory_order_relaxed);
  }

  const std::vector<double>& bounds() const noexcept { return bounds_; }

  // Per-bucket (not cumulative) counts summed over stripes; the last is the +Inf bucket.
  std::vector<std::uint64_t> read_counts() const {
    std::vector<std::uint64_t> counts(buckets_, 0);
    for (std::size_t s = 0; s < metric_stripes; ++s) {
      for (std::size_t b = 0; b < buckets_; ++b) {
        counts[b] += count_at(s, b).load(std::memory_order_relaxed);
      }
    }
    return counts;
  }
  double read_sum() const noexcept {
    double total = 0.0;
    for (const auto& s : sums_) total += s.value.load(std::memory_order_relaxed);
    return total;
  }

 private:
  static constexpr std::size_t per_line = cache_line / sizeof(std::atomic<std::uint64_t>);
  struct alignas(cache_line) count_line {
    std::atomic<std::uint64_t> counts[per_line] = {};
  };

  std::atomic<std::uint64_t>& count_at(std::size_t stripe, std::size_t bucket) const noexcept {
    return lines_[stripe * lines_per_stripe_ + bucket / per_line].counts[bucket % per_line];
  }

  std::vector<double> bounds_;
  std::size_t buckets_;
  std::size_t lines_per_stripe_;
  std::unique_ptr<count_line[]> lines_;
  padded_double sums_[metric_stripes];
};

}  // namespace tb::host::detail
