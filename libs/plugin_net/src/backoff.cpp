#include "plugin_net/backoff.hpp"

#include <algorithm>
#include <random>

namespace tb::net {

std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned attempt,
                                        std::uint64_t random) noexcept {
  const std::int64_t base = std::max<std::int64_t>(1, policy.base.count());
  const std::int64_t cap = std::max<std::int64_t>(base, policy.cap.count());
  std::int64_t window = base;
  for (unsigned i = 0; i < attempt && window < cap; ++i) window *= 2;
  window = std::min(window, cap);
  const std::int64_t half = window / 2;
  const auto jitter = static_cast<std::int64_t>(random % static_cast<std::uint64_t>(half + 1));
  return std::chrono::milliseconds(window - half + jitter);
}

std::uint64_t random_draw() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine();
}

}  // namespace tb::net
