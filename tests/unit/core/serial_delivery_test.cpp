#include "core/serial_delivery.hpp"

#include <atomic>
#include <functional>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(serial_delivery, delivers_in_push_order) {
  serial_delivery<int> outbox;
  std::vector<int> got;
  for (int i = 0; i < 5; ++i) outbox.push(i);
  outbox.drain([&](const int& v) { got.push_back(v); });
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
  outbox.drain([&](const int& v) { got.push_back(v); });  // nothing left
  EXPECT_EQ(got.size(), 5u);
}

TEST(serial_delivery, events_pushed_while_delivering_come_after_the_current_one) {
  serial_delivery<int> outbox;
  std::vector<int> got;
  std::function<void(const int&)> deliver = [&](const int& v) {
    got.push_back(v);
    if (v == 1) {
      outbox.push(10);
      outbox.drain(deliver);  // re-entrant: returns at once, the outer loop delivers 10
      got.push_back(-1);
    }
  };
  outbox.push(1);
  outbox.push(2);
  outbox.drain(deliver);
  EXPECT_EQ(got, (std::vector<int>{1, -1, 2, 10}));
}

TEST(serial_delivery, a_throwing_callback_does_not_block_later_deliveries) {
  serial_delivery<int> outbox;
  outbox.push(1);
  outbox.push(2);
  EXPECT_THROW(outbox.drain([](const int&) { throw std::runtime_error("boom"); }),
               std::runtime_error);
  std::vector<int> got;
  outbox.drain([&](const int& v) { got.push_back(v); });
  EXPECT_EQ(got, std::vector<int>{2});
}

TEST(serial_delivery, concurrent_producers_are_delivered_one_at_a_time_and_all) {
  serial_delivery<int> outbox;
  std::atomic<int> inside{0};
  std::atomic<int> overlap{0};
  std::atomic<int> delivered{0};
  const auto deliver = [&](const int&) {
    if (++inside > 1) ++overlap;
    ++delivered;
    --inside;
  };
  std::latch start(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < 1000; ++i) {
        outbox.push(i);
        outbox.drain(deliver);
      }
    });
  }
  for (auto& t : threads) t.join();
  outbox.drain(deliver);
  EXPECT_EQ(overlap.load(), 0);
  EXPECT_EQ(delivered.load(), 4000);
}

}  // namespace
}  // namespace tb::host
