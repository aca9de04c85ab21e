#include "core/rate_limiter.hpp"

#include <mutex>
#include <stdexcept>

namespace tb::host {

namespace {

token_bucket_metrics register_bucket_metrics(metrics_registry* registry,
                                             const std::string& bucket) {
  token_bucket_metrics m;
  if (registry == nullptr) return m;
  m.tokens_available = registry->register_gauge(
      "tb_rate_limit_tokens_available", "Tokens available in a rate-limit bucket",
      {{"bucket", bucket}});
  m.acquired_weight = registry->register_counter(
      "tb_rate_limit_acquired_weight_total", "Weight granted by a rate-limit bucket",
      {{"bucket", bucket}});
  m.wait_seconds = registry->register_histogram(
      "tb_rate_limit_wait_seconds", "Time a granted acquire waited for tokens",
      {{"bucket", bucket}});
  const auto refusals = [&](const char* reason) {
    return registry->register_counter("tb_rate_limit_refusals_total",
                                      "Requests a rate-limit bucket refused, by reason",
                                      {{"bucket", bucket}, {"reason", reason}});
  };
  m.refused_timeout = refusals("timeout");
  m.refused_paused = refusals("paused");
  m.refused_exhausted = refusals("exhausted");
  m.refused_too_large = refusals("weight_exceeds_capacity");
  return m;
}

}  // namespace

rate_limiter::rate_limiter(const clock& clk, metrics_registry* metrics)
    : clock_(clk), metrics_(metrics) {
  if (metrics_ != nullptr) {
    unknown_refusals_ = metrics_->register_counter(
        "tb_rate_limit_refusals_total", "Requests a rate-limit bucket refused, by reason",
        {{"bucket", "(unknown)"}, {"reason", "unknown_bucket"}});
  }
}

token_bucket& rate_limiter::add_bucket(const bucket_config& config) {
  std::unique_lock<std::shared_mutex> guard(mutex_);
  if (buckets_.count(config.name) != 0) {
    throw std::invalid_argument("rate limiter: bucket '" + config.name +
                                "' is configured twice; bucket names must be unique");
  }
  // Validate before registering metrics, so a bad config leaves no series behind.
  token_bucket::validate(config);
  auto bucket = std::make_unique<token_bucket>(config, clock_,
                                               register_bucket_metrics(metrics_, config.name));
  token_bucket& ref = *bucket;
  buckets_.emplace(config.name, std::move(bucket));
  return ref;
}

token_bucket* rate_limiter::find(std::string_view name) const noexcept {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  const auto it = buckets_.find(name);
  return it == buckets_.end() ? nullptr : it->second.get();
}

std::vector<std::string> rate_limiter::bucket_names() const {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, bucket] : buckets_) names.push_back(name);
  return names;
}

acquire_result rate_limiter::unknown() const noexcept {
  unknown_refusals_.add();
  return acquire_result::unknown_bucket;
}

acquire_result rate_limiter::acquire(token_bucket* bucket, std::uint32_t weight, lane l,
                                     std::int64_t deadline_monotonic_ns) {
  return bucket == nullptr ? unknown() : bucket->acquire(weight, l, deadline_monotonic_ns);
}

acquire_result rate_limiter::try_acquire(token_bucket* bucket, std::uint32_t weight,
                                         lane l) noexcept {
  return bucket == nullptr ? unknown() : bucket->try_acquire(weight, l);
}

acquire_result rate_limiter::acquire(std::string_view bucket, std::uint32_t weight, lane l,
                                     std::int64_t deadline_monotonic_ns) {
  return acquire(find(bucket), weight, l, deadline_monotonic_ns);
}

acquire_result rate_limiter::try_acquire(std::string_view bucket, std::uint32_t weight,
                                         lane l) noexcept {
  return try_acquire(find(bucket), weight, l);
}

bool rate_limiter::report_usage(std::string_view bucket, std::uint64_t used) noexcept {
  token_bucket* b = find(bucket);
  if (b != nullptr) b->report_usage(used);
  return b != nullptr;
}

bool rate_limiter::pause_until(std::string_view bucket, std::int64_t until_wall_ms) noexcept {
  token_bucket* b = find(bucket);
  if (b != nullptr) b->pause_until(until_wall_ms);
  return b != nullptr;
}

void rate_limiter::pause_all_until(std::int64_t until_wall_ms) noexcept {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  for (const auto& [name, bucket] : buckets_) bucket->pause_until(until_wall_ms);
}

void rate_limiter::update_gauges() const noexcept {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  for (const auto& [name, bucket] : buckets_) bucket->refresh_gauge();
}

std::vector<bucket_config> binance_usdm_default_buckets() {
  using std::chrono::seconds;
  return {
      {"binance.ip_weight", 2400, seconds(60), 0.1},
      {"binance.orders_1m", 1200, seconds(60), 0.1},
      {"binance.orders_10s", 300, seconds(10), 0.1},
  };
}

}  // namespace tb::host
