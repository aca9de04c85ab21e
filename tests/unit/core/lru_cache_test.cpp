#include "core/lru_cache.hpp"

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;

lru_cache_config one_shard(std::size_t entries, std::size_t bytes) {
  lru_cache_config c;
  c.max_entries = entries;
  c.max_bytes = bytes;
  c.shards = 1;
  c.default_ttl = 30s;
  return c;
}

double value_of(const metrics_registry& metrics, const std::string& family) {
  for (const auto& f : metrics.snapshot()) {
    if (f.name == family && !f.series.empty()) return f.series[0].value;
  }
  return -1.0;
}

TEST(lru_cache, put_then_get_hits_and_unknown_keys_miss) {
  virtual_clock clk;
  metrics_registry metrics;
  lru_cache cache(clk, {}, &metrics, "exchange_info");
  EXPECT_TRUE(cache.put("BTCUSDT", "filters"));
  EXPECT_EQ(cache.get("BTCUSDT"), "filters");
  EXPECT_EQ(cache.get("ETHUSDT"), std::nullopt);
  EXPECT_EQ(value_of(metrics, "tb_cache_hits_total"), 1.0);
  EXPECT_EQ(value_of(metrics, "tb_cache_misses_total"), 1.0);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), 7u + 7u);
}

TEST(lru_cache, values_are_byte_strings) {
  virtual_clock clk;
  lru_cache cache(clk);
  const std::string bytes("a\0b\xff", 4);
  cache.put("bin", bytes);
  EXPECT_EQ(cache.get("bin"), bytes);
}

TEST(lru_cache, entries_expire_after_their_ttl_and_are_removed) {
  virtual_clock clk;
  metrics_registry metrics;
  lru_cache cache(clk, one_shard(10, 1'000), &metrics);
  cache.put("default", "x");       // 30 s
  cache.put("short", "y", 1'000ms);
  clk.advance_ms(999);
  EXPECT_TRUE(cache.get("short").has_value());
  clk.advance_ms(1);
  EXPECT_FALSE(cache.get("short").has_value());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(value_of(metrics, "tb_cache_expired_total"), 1.0);
  EXPECT_EQ(value_of(metrics, "tb_cache_misses_total"), 1.0);
  clk.advance_ms(29'000);
  EXPECT_FALSE(cache.get("default").has_value());
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(lru_cache, overwriting_renews_the_ttl_and_the_value) {
  virtual_clock clk;
  lru_cache cache(clk, one_shard(10, 1'000));
  cache.put("k", "old", 1'000ms);
  clk.advance_ms(900);
  cache.put("k", "newer", 1'000ms);
  clk.advance_ms(900);
  EXPECT_EQ(cache.get("k"), "newer");
  EXPECT_EQ(cache.bytes(), 1u + 5u);
}

TEST(lru_cache, evicts_the_least_recently_used_when_full_by_count) {
  virtual_clock clk;
  metrics_registry metrics;
  lru_cache cache(clk, one_shard(3, 1'000), &metrics);
  cache.put("a", "1");
  cache.put("b", "2");
  cache.put("c", "3");
  EXPECT_TRUE(cache.get("a").has_value());  // b is now the least recent
  cache.put("d", "4");
  EXPECT_FALSE(cache.get("b").has_value());
  EXPECT_TRUE(cache.get("a").has_value());
  EXPECT_TRUE(cache.get("c").has_value());
  EXPECT_TRUE(cache.get("d").has_value());
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(value_of(metrics, "tb_cache_evictions_total"), 1.0);
}

TEST(lru_cache, evicts_until_the_byte_budget_holds) {
  virtual_clock clk;
  lru_cache cache(clk, one_shard(100, 20));
  cache.put("a", "12345");  // 6 bytes
  cache.put("b", "12345");  // 12
  cache.put("c", "12345");  // 18
  cache.put("d", "123456789");  // 10 more: a and b must go
  EXPECT_FALSE(cache.get("a").has_value());
  EXPECT_FALSE(cache.get("b").has_value());
  EXPECT_TRUE(cache.get("c").has_value());
  EXPECT_TRUE(cache.get("d").has_value());
  EXPECT_LE(cache.bytes(), 20u);
  cache.put("c", "123456789");  // growing a value also evicts (d is older now)
  EXPECT_LE(cache.bytes(), 20u);
  EXPECT_EQ(cache.get("c"), "123456789");
}

TEST(lru_cache, an_entry_larger_than_the_budget_is_refused_and_drops_the_old_value) {
  virtual_clock clk;
  lru_cache cache(clk, one_shard(10, 16));
  cache.put("k", "small");
  EXPECT_FALSE(cache.put("k", std::string(16, 'x')));
  EXPECT_FALSE(cache.get("k").has_value());
}

TEST(lru_cache, get_into_reports_the_size_needed_when_the_buffer_is_short) {
  virtual_clock clk;
  lru_cache cache(clk);
  cache.put("k", "0123456789");
  char small[4];
  std::size_t length = 0;
  EXPECT_EQ(cache.get_into("k", small, sizeof small, length), cache_status::buffer_too_small);
  EXPECT_EQ(length, 10u);
  char big[16];
  EXPECT_EQ(cache.get_into("k", big, sizeof big, length), cache_status::hit);
  EXPECT_EQ(std::string(big, length), "0123456789");
  EXPECT_EQ(cache.get_into("missing", big, sizeof big, length), cache_status::miss);
  cache.put("empty", "");
  EXPECT_EQ(cache.get_into("empty", nullptr, 0, length), cache_status::hit);
  EXPECT_EQ(length, 0u);
}

TEST(lru_cache, erase_clear_and_purge_expired) {
  virtual_clock clk;
  lru_cache cache(clk, one_shard(10, 1'000));
  cache.put("a", "1", 1'000ms);
  cache.put("b", "2", 5'000ms);
  cache.put("c", "3", 1'000ms);
  EXPECT_TRUE(cache.erase("c"));
  EXPECT_FALSE(cache.erase("c"));
  clk.advance_ms(1'000);
  EXPECT_EQ(cache.purge_expired(), 1u);
  EXPECT_EQ(cache.size(), 1u);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  cache.put("d", "4");
  EXPECT_EQ(cache.get("d"), "4");
}

TEST(lru_cache, invalid_configs_are_refused) {
  virtual_clock clk;
  lru_cache_config c;
  c.max_entries = 0;
  EXPECT_THROW(lru_cache(clk, c), std::invalid_argument);
  c = {};
  c.shards = 0;
  EXPECT_THROW(lru_cache(clk, c), std::invalid_argument);
  c = {};
  c.default_ttl = 0ms;
  EXPECT_THROW(lru_cache(clk, c), std::invalid_argument);
}

// Threads put and get random keys; every value read must be one that was written for that
// key, and the bounds must hold at the end.
TEST(lru_cache, concurrent_get_and_put_stay_consistent_and_bounded) {
  const std::uint64_t seed = test::test_seed();
  virtual_clock clk;
  lru_cache_config c;
  c.max_entries = 256;
  c.max_bytes = 1 << 20;
  c.shards = 4;
  lru_cache cache(clk, c);
  std::atomic<int> bad{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(seed + static_cast<std::uint64_t>(t));
      std::string out;
      char buf[64];
      for (int i = 0; i < 20'000; ++i) {
        const std::string key = "k" + std::to_string(rng() % 1'000);
        switch (rng() % 3) {
          case 0: cache.put(key, key + "=" + std::to_string(rng() % 100)); break;
          case 1:
            if (cache.get(key, out)) {
              ++hits;
              if (out.rfind(key + "=", 0) != 0) ++bad;
            }
            break;
          default: {
            std::size_t length = 0;
            if (cache.get_into(key, buf, sizeof buf, length) == cache_status::hit) {
              ++hits;
              if (std::string(buf, length).rfind(key + "=", 0) != 0) ++bad;
            }
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(hits.load(), 0);
  EXPECT_LE(cache.size(), 256u);
}

}  // namespace
}  // namespace tb::host
