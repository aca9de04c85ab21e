#include "services/weight_window.hpp"

namespace tb::host {

void weight_window::expire_locked(std::int64_t now_ns) const {
  while (!spent_.empty() && spent_.front().first <= now_ns - window_ns_) {
    total_ -= spent_.front().second;
    spent_.pop_front();
  }
}

void weight_window::record(std::int64_t now_ns, std::uint64_t weight) {
  if (weight == 0) return;
  std::lock_guard lock(mutex_);
  expire_locked(now_ns);
  // Concurrent callers may record slightly out of order; keep the deque sorted by time.
  if (!spent_.empty() && spent_.back().first > now_ns) now_ns = spent_.back().first;
  spent_.emplace_back(now_ns, weight);
  total_ += weight;
}

std::uint64_t weight_window::used(std::int64_t now_ns) const {
  std::lock_guard lock(mutex_);
  expire_locked(now_ns);
  return total_;
}

std::int64_t weight_window::fits_at(std::int64_t now_ns, std::uint64_t weight,
                                    std::uint64_t budget) const {
  std::lock_guard lock(mutex_);
  expire_locked(now_ns);
  const std::uint64_t allowed = weight >= budget ? 0 : budget - weight;
  std::uint64_t left = total_;
  for (const auto& [at, w] : spent_) {
    if (left <= allowed) return now_ns;
    left -= w;
    if (left <= allowed) return at + window_ns_;
  }
  return now_ns;
}

}  // namespace tb::host
