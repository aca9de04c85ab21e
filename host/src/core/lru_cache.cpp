#include "core/lru_cache.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace tb::host {

namespace {

// One cached value. Entries are the nodes of both the hash chains and the LRU list, so a
// lookup walks no container nodes of its own and an insert that evicts reuses the evicted
// entry: no allocation in the steady state.
struct entry {
  entry* lru_prev = nullptr;    // towards the most recently used
  entry* lru_next = nullptr;    // towards the least recently used
  entry* chain_next = nullptr;  // next in the hash bucket
  std::size_t hash = 0;
  std::int64_t expires_ns = 0;
  std::string key;
  std::string value;
};

// A spare entry whose buffers exceed this is freed rather than kept for reuse.
constexpr std::size_t max_spare_capacity = 4096;
// Buckets per shard: enough for a load factor of 1 up to this many entries, then chains grow.
constexpr std::size_t max_buckets_per_shard = std::size_t{1} << 16;

}  // namespace

struct alignas(64) lru_cache::shard {
  std::mutex mutex;
  std::unique_ptr<entry*[]> buckets;
  std::size_t bucket_mask = 0;
  entry* head = nullptr;  // most recently used
  entry* tail = nullptr;  // least recently used
  std::unique_ptr<entry> spare;
  std::size_t count = 0;
  std::size_t bytes = 0;
  std::size_t max_entries = 0;
  std::size_t max_bytes = 0;

  shard() = default;
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;
  ~shard() { clear(); }

  void init(std::size_t entries, std::size_t byte_budget) {
    max_entries = entries;
    max_bytes = byte_budget;
    const std::size_t n = std::bit_ceil(std::clamp<std::size_t>(entries, 8, max_buckets_per_shard));
    buckets = std::make_unique<entry*[]>(n);  // value-initialized: all null
    bucket_mask = n - 1;
  }

  // The link that points at the entry for `key` (to unlink it in O(1)), or null.
  entry** find_link(std::string_view key, std::size_t hash) const noexcept {
    entry** link = &buckets[hash & bucket_mask];
    for (; *link != nullptr; link = &(*link)->chain_next) {
      if ((*link)->hash == hash && (*link)->key == key) return link;
    }
    return nullptr;
  }

  void lru_unlink(entry* e) noexcept {
    (e->lru_prev != nullptr ? e->lru_prev->lru_next : head) = e->lru_next;
    (e->lru_next != nullptr ? e->lru_next->lru_prev : tail) = e->lru_prev;
  }

  void lru_push_front(entry* e) noexcept {
    e->lru_prev = nullptr;
    e->lru_next = head;
    (head != nullptr ? head->lru_prev : tail) = e;
    head = e;
  }

  void touch(entry* e) noexcept {
    if (e == head) return;
    lru_unlink(e);
    lru_push_front(e);
  }

  void remove(entry** link) noexcept {
    entry* e = *link;
    *link = e->chain_next;
    lru_unlink(e);
    --count;
    bytes -= e->key.size() + e->value.size();
    if (!spare && e->key.capacity() + e->value.capacity() <= max_spare_capacity) {
      spare.reset(e);
    } else {
      delete e;
    }
  }

  // Removes the least recently used entry; true when it had expired.
  bool evict_tail(std::int64_t now_ns) noexcept {
    const bool was_expired = tail->expires_ns <= now_ns;
    remove(find_link(tail->key, tail->hash));
    return was_expired;
  }

  void insert(std::string_view key, std::size_t hash, std::string_view value,
              std::int64_t expires_ns) {
    std::unique_ptr<entry> fresh = spare ? std::move(spare) : std::make_unique<entry>();
    fresh->key.assign(key);
    fresh->value.assign(value);
    entry* e = fresh.release();
    e->hash = hash;
    e->expires_ns = expires_ns;
    entry*& bucket = buckets[hash & bucket_mask];
    e->chain_next = bucket;
    bucket = e;
    lru_push_front(e);
    ++count;
    bytes += key.size() + value.size();
  }

  void clear() noexcept {
    for (entry* e = head; e != nullptr;) {
      entry* next = e->lru_next;
      delete e;
      e = next;
    }
    head = tail = nullptr;
    if (buckets) std::fill(buckets.get(), buckets.get() + bucket_mask + 1, nullptr);
    count = bytes = 0;
  }
};

lru_cache::lru_cache(const clock& clk, lru_cache_config config, metrics_registry* metrics,
                     std::string_view name)
    : clock_(clk), default_ttl_ns_(std::chrono::nanoseconds(config.default_ttl).count()) {
  const std::string where = "lru_cache '" + std::string(name) + "': ";
  if (config.max_entries == 0 || config.max_bytes == 0) {
    throw std::invalid_argument(where + "max_entries and max_bytes must be positive");
  }
  if (config.shards == 0) throw std::invalid_argument(where + "shards must be at least 1");
  if (default_ttl_ns_ <= 0) throw std::invalid_argument(where + "default_ttl must be positive");
  const std::size_t count = std::bit_ceil(config.shards);
  shard_mask_ = count - 1;
  shards_ = std::make_unique<shard[]>(count);
  for (std::size_t i = 0; i < count; ++i) {
    shards_[i].init(std::max<std::size_t>(1, config.max_entries / count),
                    std::max<std::size_t>(1, config.max_bytes / count));
  }
  if (metrics != nullptr) {
    const metric_labels labels{{"cache", std::string(name)}};
    hits_ = metrics->register_counter("tb_cache_hits_total", "Cache lookups that hit", labels);
    misses_ = metrics->register_counter("tb_cache_misses_total",
                                        "Cache lookups that missed, expired ones included",
                                        labels);
    evictions_ = metrics->register_counter("tb_cache_evictions_total",
                                           "Live entries evicted to make room", labels);
    expired_ = metrics->register_counter("tb_cache_expired_total",
                                         "Entries removed because their TTL passed", labels);
  }
}

lru_cache::~lru_cache() = default;

lru_cache::shard& lru_cache::shard_for(std::size_t hash) const noexcept {
  // The high bits pick the shard, so the map (which uses the low bits) still sees spread keys.
  constexpr std::uint64_t golden = 0x9E3779B97F4A7C15ULL;
  return shards_[static_cast<std::size_t>((static_cast<std::uint64_t>(hash) * golden) >> 40) &
                 shard_mask_];
}

bool lru_cache::put(std::string_view key, std::string_view value,
                    std::chrono::milliseconds ttl) {
  const std::size_t hash = std::hash<std::string_view>{}(key);
  shard& s = shard_for(hash);
  const std::int64_t now = clock_.coarse_monotonic_ns();
  const std::int64_t expires =
      now + (ttl.count() > 0 ? std::chrono::nanoseconds(ttl).count() : default_ttl_ns_);
  const std::size_t size = key.size() + value.size();
  std::size_t evicted = 0;
  std::size_t expired = 0;
  bool stored = true;
  {
    std::lock_guard<std::mutex> guard(s.mutex);
    entry** link = s.find_link(key, hash);
    if (size > s.max_bytes) {
      if (link != nullptr) s.remove(link);
      stored = false;
    } else if (link != nullptr) {
      entry* e = *link;
      s.bytes = s.bytes - e->value.size() + value.size();
      e->value.assign(value);
      e->expires_ns = expires;
      s.touch(e);
      while (s.bytes > s.max_bytes) (s.evict_tail(now) ? expired : evicted)++;
    } else {
      while (s.tail != nullptr && (s.count + 1 > s.max_entries || s.bytes + size > s.max_bytes)) {
        (s.evict_tail(now) ? expired : evicted)++;
      }
      s.insert(key, hash, value, expires);
    }
  }
  if (evicted != 0) evictions_.add(static_cast<double>(evicted));
  if (expired != 0) expired_.add(static_cast<double>(expired));
  return stored;
}

// Runs `use(entry&)` on a live entry under the shard's lock and records the metrics.
template <typename Use>
bool lru_cache::with_live_entry(std::string_view key, Use&& use) {
  const std::size_t hash = std::hash<std::string_view>{}(key);
  shard& s = shard_for(hash);
  const std::int64_t now = clock_.coarse_monotonic_ns();
  bool hit = false;
  bool was_expired = false;
  {
    std::lock_guard<std::mutex> guard(s.mutex);
    if (entry** link = s.find_link(key, hash); link != nullptr) {
      if ((*link)->expires_ns <= now) {
        s.remove(link);
        was_expired = true;
      } else {
        s.touch(*link);
        use(static_cast<const std::string&>((*link)->value));
        hit = true;
      }
    }
  }
  if (was_expired) expired_.add();
  (hit ? hits_ : misses_).add();
  return hit;
}

cache_status lru_cache::get_into(std::string_view key, void* buf, std::size_t capacity,
                                 std::size_t& length) {
  bool fits = true;
  const bool hit = with_live_entry(key, [&](const std::string& value) {
    length = value.size();
    fits = length <= capacity;
    if (fits && length != 0) std::memcpy(buf, value.data(), length);
  });
  if (!hit) return cache_status::miss;
  return fits ? cache_status::hit : cache_status::buffer_too_small;
}

bool lru_cache::get(std::string_view key, std::string& out) {
  return with_live_entry(key, [&](const std::string& value) { out.assign(value); });
}

std::optional<std::string> lru_cache::get(std::string_view key) {
  std::string value;
  if (!get(key, value)) return std::nullopt;
  return value;
}

bool lru_cache::erase(std::string_view key) {
  const std::size_t hash = std::hash<std::string_view>{}(key);
  shard& s = shard_for(hash);
  std::lock_guard<std::mutex> guard(s.mutex);
  entry** link = s.find_link(key, hash);
  if (link == nullptr) return false;
  s.remove(link);
  return true;
}

void lru_cache::clear() {
  for (std::size_t i = 0; i <= shard_mask_; ++i) {
    std::lock_guard<std::mutex> guard(shards_[i].mutex);
    shards_[i].clear();
  }
}

std::size_t lru_cache::purge_expired() {
  const std::int64_t now = clock_.coarse_monotonic_ns();
  std::size_t removed = 0;
  for (std::size_t i = 0; i <= shard_mask_; ++i) {
    shard& s = shards_[i];
    std::lock_guard<std::mutex> guard(s.mutex);
    for (entry* e = s.head; e != nullptr;) {
      entry* next = e->lru_next;
      if (e->expires_ns <= now) {
        s.remove(s.find_link(e->key, e->hash));
        ++removed;
      }
      e = next;
    }
  }
  if (removed != 0) expired_.add(static_cast<double>(removed));
  return removed;
}

std::size_t lru_cache::size() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i <= shard_mask_; ++i) {
    std::lock_guard<std::mutex> guard(shards_[i].mutex);
    total += shards_[i].count;
  }
  return total;
}

std::size_t lru_cache::bytes() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i <= shard_mask_; ++i) {
    std::lock_guard<std::mutex> guard(shards_[i].mutex);
    total += shards_[i].bytes;
  }
  return total;
}

}  // namespace tb::host
