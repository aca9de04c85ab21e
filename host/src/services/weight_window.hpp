#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>

namespace tb::host {

// The request weight one consumer spent over a rolling window (a minute, as Binance and the
// fake count REQUEST_WEIGHT), so that it can pace itself under a per-window budget instead
// of discovering the limit through waits that outlast request deadlines, or 429s.
//
// Thread-safety: every member may be called from any thread, concurrently.
class weight_window {
 public:
  explicit weight_window(std::int64_t window_ns) : window_ns_(window_ns) {}

  void record(std::int64_t now_ns, std::uint64_t weight);
  // Weight recorded in (now - window, now].
  std::uint64_t used(std::int64_t now_ns) const;
  // The earliest time >= now at which `weight` more stays within `budget`: now when it
  // already does, else when enough recorded weight has left the window. A weight above the
  // budget fits once the window is empty.
  std::int64_t fits_at(std::int64_t now_ns, std::uint64_t weight, std::uint64_t budget) const;

 private:
  void expire_locked(std::int64_t now_ns) const;

  const std::int64_t window_ns_;
  mutable std::mutex mutex_;
  mutable std::deque<std::pair<std::int64_t, std::uint64_t>> spent_;  // (time, weight), by time
  mutable std::uint64_t total_ = 0;                                   // sum over spent_
};

}  // namespace tb::host
