#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tb::host {

// A fixed set of threads that run [worker] exchange calls, so that `threads` calls (the
// DataService's batch_size) are in flight at once and never more; the StrategyEngine runs its
// strategy shards on one too.
//
// Tasks must not throw (a task that does ends the process through std::terminate) and must
// bound their own duration: every exchange call carries an absolute monotonic deadline.
// The destructor runs the tasks already queued, then joins the threads.
//
// Thread-safety: submit() may be called from any thread, concurrently.
class worker_pool {
 public:
  // Throws std::invalid_argument for zero threads.
  explicit worker_pool(std::size_t threads);
  ~worker_pool();
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  void submit(std::function<void()> task);
  std::size_t size() const noexcept { return threads_.size(); }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace tb::host
