#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_registry.hpp"
#include "core/token_bucket.hpp"

namespace tb::host {

// Named token buckets shared by everything that talks to one exchange, so that the bot
// stays inside the exchange's limits however many plugins and threads send requests.
//
// Usage: add_bucket() at start-up; find() once per bucket and keep the pointer (buckets live
// as long as the limiter), then acquire()/try_acquire() on the hot path without any string
// work. The name-taking overloads are for the C API, which receives names.
//
// Results are values (acquire_result), never exceptions, on every hot path. See token_bucket
// for lanes, the critical reserve and the waiting rules.
//
// Metrics (when a registry is given), per bucket label `bucket`:
//   tb_rate_limit_tokens_available      gauge: tokens after the last grant or usage report
//   tb_rate_limit_acquired_weight_total counter
//   tb_rate_limit_wait_seconds          histogram: time granted acquire() calls waited
//   tb_rate_limit_refusals_total        counter, also labelled `reason` (timeout, paused,
//                                       exhausted, weight_exceeds_capacity, unknown_bucket)
//
// Thread-safety: every member may be called from any thread, concurrently.
class rate_limiter {
 public:
  // `clk` and `metrics` (may be null) must outlive the limiter.
  explicit rate_limiter(const clock& clk, metrics_registry* metrics = nullptr);
  rate_limiter(const rate_limiter&) = delete;
  rate_limiter& operator=(const rate_limiter&) = delete;

  // Throws std::invalid_argument for an invalid config or a name already added.
  token_bucket& add_bucket(const bucket_config& config);
  // Null when there is no such bucket.
  token_bucket* find(std::string_view name) const noexcept;
  std::vector<std::string> bucket_names() const;

  // A null bucket gives unknown_bucket (counted), so `find()` results pass straight in.
  acquire_result acquire(token_bucket* bucket, std::uint32_t weight, lane l,
                         std::int64_t deadline_monotonic_ns);
  acquire_result try_acquire(token_bucket* bucket, std::uint32_t weight, lane l) noexcept;
  acquire_result acquire(std::string_view bucket, std::uint32_t weight, lane l,
                         std::int64_t deadline_monotonic_ns);
  acquire_result try_acquire(std::string_view bucket, std::uint32_t weight, lane l) noexcept;

  // False when the bucket is unknown.
  bool report_usage(std::string_view bucket, std::uint64_t used) noexcept;
  bool pause_until(std::string_view bucket, std::int64_t until_wall_ms) noexcept;
  // Pauses every bucket added so far.
  void pause_all_until(std::int64_t until_wall_ms) noexcept;

  // Sets every tokens_available gauge to the current count (refill happens lazily, so an
  // idle bucket's gauge would otherwise lag). Call before exporting metrics.
  void update_gauges() const noexcept;

 private:
  acquire_result unknown() const noexcept;

  const clock& clock_;
  metrics_registry* metrics_;
  counter unknown_refusals_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::unique_ptr<token_bucket>, std::less<>> buckets_;
};

// Binance USDT-M futures REST limits as documented: request weight per IP 2400 per minute,
// orders 1200 per minute and 300 per 10 seconds per account. A more conservative weight
// budget (e.g. 1200) is only a different capacity in the configuration.
std::vector<bucket_config> binance_usdm_default_buckets();

}  // namespace tb::host
