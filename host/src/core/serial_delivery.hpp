#pragma once

#include <deque>
#include <mutex>
#include <utility>

namespace tb::host {

// Hands events to a callback outside the producer's locks, in the order they were produced,
// one at a time.
//
// The producer push()es while it still holds its own lock (so queue order is the order of
// its state changes) and drain()s after releasing it. Whichever thread finds nobody
// delivering becomes the deliverer and empties the queue; the others return at once and
// their events are delivered by it. So a callback that produces events itself (re-entrancy)
// neither deadlocks nor reorders: its events are delivered after the current one. The price:
// an event may be delivered by another thread, shortly after drain() returns.
//
// Thread-safety: push() and drain() may be called from any thread, concurrently.
template <typename Event>
class serial_delivery {
 public:
  void push(Event event) {
    std::lock_guard<std::mutex> guard(mutex_);
    queue_.push_back(std::move(event));
  }

  // Owners catch what their subscribers throw; should `deliver` throw anyway, the event is
  // dropped, the exception propagates, and the next drain() delivers the rest.
  template <typename Deliver>
  void drain(Deliver&& deliver) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (delivering_) return;
    delivering_ = true;
    while (!queue_.empty()) {
      Event event = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      try {
        deliver(static_cast<const Event&>(event));
      } catch (...) {
        lock.lock();
        delivering_ = false;
        throw;
      }
      lock.lock();
    }
    delivering_ = false;
  }

 private:
  std::mutex mutex_;
  std::deque<Event> queue_;    // guarded by mutex_
  bool delivering_ = false;    // guarded by mutex_
};

}  // namespace tb::host
