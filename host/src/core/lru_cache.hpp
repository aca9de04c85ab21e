#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_registry.hpp"

namespace tb::host {

struct lru_cache_config {
  std::size_t max_entries = 100'000;
  std::size_t max_bytes = 64u << 20;               // keys plus values
  std::chrono::milliseconds default_ttl{30'000};
  std::size_t shards = 16;                         // rounded up to a power of two
};

enum class cache_status { hit, miss, buffer_too_small };

// A byte-string cache with least-recently-used eviction and a time-to-live per entry.
//
// Keys are spread over independently locked shards by hash, so that threads working on
// different keys rarely meet. Each shard holds 1/shards of max_entries and max_bytes (at
// least one entry), so eviction is least-recently-used within a shard, and a single entry
// larger than a shard's byte budget is refused. Expired entries count as misses and are
// removed when found, or by purge_expired(). TTLs run on the clock's coarse monotonic time,
// so an entry may outlive its TTL by the coarse resolution (a few milliseconds).
//
// A get or an overwrite of a key takes no allocation when the stored buffers are large
// enough; inserting a new key into a full shard reuses the entry it evicts.
//
// Metrics (when a registry is given), labelled `cache`: tb_cache_hits_total,
// tb_cache_misses_total, tb_cache_evictions_total, tb_cache_expired_total.
//
// Thread-safety: every member may be called from any thread, concurrently.
class lru_cache {
 public:
  // Throws std::invalid_argument for a zero bound, zero shards or a non-positive TTL.
  // `clk` and `metrics` (may be null) must outlive the cache.
  lru_cache(const clock& clk, lru_cache_config config = {}, metrics_registry* metrics = nullptr,
            std::string_view name = "default");
  ~lru_cache();
  lru_cache(const lru_cache&) = delete;
  lru_cache& operator=(const lru_cache&) = delete;

  // Stores a copy for `ttl` (<= 0: the default TTL). False, with any older value of the key
  // removed, when the entry exceeds a shard's byte budget.
  bool put(std::string_view key, std::string_view value,
           std::chrono::milliseconds ttl = std::chrono::milliseconds(0));

  std::optional<std::string> get(std::string_view key);
  // Copies into `out`, reusing its capacity. False on a miss (out unchanged).
  bool get(std::string_view key, std::string& out);
  // The C API form: copies the value into buf when it fits. `length` gets the value's size
  // on hit and on buffer_too_small.
  cache_status get_into(std::string_view key, void* buf, std::size_t capacity,
                        std::size_t& length);

  bool erase(std::string_view key);
  void clear();
  std::size_t purge_expired();  // returns how many were removed

  std::size_t size() const;
  std::size_t bytes() const;  // keys plus values of the stored entries

 private:
  struct shard;

  shard& shard_for(std::size_t hash) const noexcept;
  template <typename Use>
  bool with_live_entry(std::string_view key, Use&& use);

  const clock& clock_;
  const std::int64_t default_ttl_ns_;
  std::size_t shard_mask_;
  std::unique_ptr<shard[]> shards_;
  counter hits_;
  counter misses_;
  counter evictions_;
  counter expired_;
};

}  // namespace tb::host
