// Hot-path costs of the core services. Each runs with 1 thread (uncontended: the figure held
// to the 100 ns budget) and 2 threads on one shared object (contended: the realistic worst
// case on the 2-core target machine). docs/benchmarks.md records the figures.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "core/rate_limiter.hpp"

namespace {

using namespace tb::host;

const real_clock& bench_clock() {
  static const real_clock clk;
  return clk;
}

// Refills a billion tokens a second: the benchmark measures bookkeeping, never waits.
token_bucket& shared_bucket() {
  static metrics_registry metrics;
  static rate_limiter limiter(bench_clock(), &metrics);
  static token_bucket& bucket = limiter.add_bucket(
      {"bench.bucket", 1'000'000'000, std::chrono::seconds(1), 0.1});
  return bucket;
}

constexpr std::size_t key_count = 1024;

const std::vector<std::string>& keys() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < 4 * key_count; ++i) {
      out.push_back("binance:exchangeInfo:SYMBOL" + std::to_string(i));
    }
    return out;
  }();
  return k;
}

const std::string& small_value() {
  static const std::string v(32, 'v');
  return v;
}

lru_cache& shared_cache() {
  static metrics_registry metrics;
  static lru_cache cache = [] {
    lru_cache_config c;
    c.max_entries = 1 << 20;
    return lru_cache(bench_clock(), c, &metrics, "bench");
  }();
  return cache;
}

lru_cache& full_cache() {
  static metrics_registry metrics;
  static lru_cache cache(bench_clock(),
                         lru_cache_config{key_count, 64u << 20, std::chrono::seconds(30), 16},
                         &metrics, "bench_full");
  return cache;
}

metrics_registry& registry() {
  static metrics_registry m;
  return m;
}

void limiter_try_acquire(benchmark::State& state) {
  token_bucket& b = shared_bucket();
  for (auto _ : state) benchmark::DoNotOptimize(b.try_acquire(1, lane::normal));
}
BENCHMARK(limiter_try_acquire)->Threads(1)->Threads(2);

void limiter_acquire(benchmark::State& state) {
  token_bucket& b = shared_bucket();
  const std::int64_t deadline = bench_clock().monotonic_ns() + 3'600'000'000'000;
  for (auto _ : state) benchmark::DoNotOptimize(b.acquire(1, lane::normal, deadline));
}
BENCHMARK(limiter_acquire)->Threads(1)->Threads(2);

void cache_get(benchmark::State& state) {
  lru_cache& cache = shared_cache();
  const auto& k = keys();
  for (std::size_t i = 0; i < key_count; ++i) cache.put(k[i], small_value());
  char buf[64];
  std::size_t length = 0;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 512;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.get_into(k[i++ % key_count], buf, sizeof buf, length));
  }
}
BENCHMARK(cache_get)->Threads(1)->Threads(2);

// Overwrites keys already present: the steady state of a refreshed cache.
void cache_put(benchmark::State& state) {
  lru_cache& cache = shared_cache();
  const auto& k = keys();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 512;
  for (auto _ : state) benchmark::DoNotOptimize(cache.put(k[i++ % key_count], small_value()));
}
BENCHMARK(cache_put)->Threads(1)->Threads(2);

// New keys into a full cache: every put evicts the least recently used entry.
void cache_put_evicting(benchmark::State& state) {
  lru_cache& cache = full_cache();
  const auto& k = keys();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 2048;
  for (auto _ : state) benchmark::DoNotOptimize(cache.put(k[i++ % k.size()], small_value()));
}
BENCHMARK(cache_put_evicting)->Threads(1)->Threads(2);

void counter_add(benchmark::State& state) {
  static const counter c = registry().register_counter("bench_counter_total", "");
  for (auto _ : state) c.add(1);
}
BENCHMARK(counter_add)->Threads(1)->Threads(2);

void gauge_set(benchmark::State& state) {
  static const gauge g = registry().register_gauge("bench_gauge", "");
  double v = 0;
  for (auto _ : state) g.set(v += 1);
}
BENCHMARK(gauge_set)->Threads(1)->Threads(2);

void histogram_observe(benchmark::State& state) {
  static const histogram h = registry().register_histogram("bench_latency_seconds", "");
  double v = 0;
  for (auto _ : state) {
    h.observe(v);
    v = v > 10 ? 0 : v + 0.0137;
  }
}
BENCHMARK(histogram_observe)->Threads(1)->Threads(2);

// The C API path: metric_record(handle, value) looks the id up first.
void metric_record_by_id(benchmark::State& state) {
  static const std::uint64_t id =
      registry().register_metric(metric_type::histogram, "bench_by_id_seconds", "", {});
  double v = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(registry().record(id, v));
    v = v > 10 ? 0 : v + 0.0137;
  }
}
BENCHMARK(metric_record_by_id)->Threads(1)->Threads(2);

}  // namespace

BENCHMARK_MAIN();
