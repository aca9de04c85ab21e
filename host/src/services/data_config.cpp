#include "services/data_config.hpp"

#include <algorithm>

#include "core/token_bucket.hpp"

namespace tb::host {

data_service_config make_data_service_config(const data_settings& settings) {
  data_service_config c;
  c.batch_size = settings.batch_size;
  c.request_timeout = settings.request_timeout;
  c.cache_ttl = settings.cache_ttl;
  c.lookback = settings.lookback;
  c.universe.quote = settings.universe.quote;
  c.universe.include = settings.universe.include;
  c.universe.exclude = settings.universe.exclude;
  return c;
}

std::uint64_t scan_weight_budget(const std::vector<rate_limit_bucket>& limits,
                                 std::string_view bucket) {
  for (const auto& b : limits) {
    if (b.name != bucket || b.interval.count() <= 0) continue;
    const std::uint64_t reserve = critical_reserve_tokens(b.capacity, b.critical_reserve);
    const std::uint64_t usable = b.capacity - std::min<std::uint64_t>(b.capacity, reserve);
    return usable * 60'000 / static_cast<std::uint64_t>(b.interval.count());
  }
  return 0;
}

}  // namespace tb::host
