#include "services/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>

namespace tb::host {
namespace {

TEST(WorkerPool, RunsEveryTask) {
  std::atomic<int> runs{0};
  {
    worker_pool pool(3);
    EXPECT_EQ(pool.size(), 3u);
    std::latch latch(100);
    for (int i = 0; i < 100; ++i) {
      pool.submit([&] {
        runs.fetch_add(1);
        latch.count_down();
      });
    }
    latch.wait();
  }
  EXPECT_EQ(runs.load(), 100);
}

TEST(WorkerPool, DestructorRunsQueuedTasks) {
  std::atomic<int> runs{0};
  {
    worker_pool pool(1);
    for (int i = 0; i < 10; ++i) pool.submit([&] { runs.fetch_add(1); });
  }
  EXPECT_EQ(runs.load(), 10);
}

TEST(WorkerPool, RefusesZeroThreads) { EXPECT_THROW(worker_pool(0), std::invalid_argument); }

}  // namespace
}  // namespace tb::host
