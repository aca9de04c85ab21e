#include "core/circuit_breaker.hpp"

#include <atomic>
#include <chrono>
#include <latch>
#include <random>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host {
namespace {

using namespace std::chrono_literals;

breaker_config consecutive_only(std::uint32_t n) {
  breaker_config c;
  c.consecutive_failures = n;
  c.failure_rate = 2.0;  // off
  c.cooldown = 10s;
  c.half_open_max_probes = 1;
  c.probe_successes_to_close = 2;
  return c;
}

struct recorder {
  std::mutex m;
  std::vector<breaker_transition> seen;
  circuit_breaker::observer fn() {
    return [this](const breaker_transition& t) {
      std::lock_guard<std::mutex> guard(m);
      seen.push_back(t);
    };
  }
};

TEST(circuit_breaker, opens_after_consecutive_failures_and_refuses_calls) {
  virtual_clock clk;
  recorder rec;
  circuit_breaker b("binance.orders", consecutive_only(3), clk, rec.fn());
  EXPECT_EQ(b.state(), breaker_state::closed);
  b.report(false);
  b.report(false);
  b.report(true);  // resets the run
  b.report(false);
  b.report(false);
  EXPECT_EQ(b.state(), breaker_state::closed);
  EXPECT_TRUE(b.allow());
  b.report(false);
  EXPECT_EQ(b.state(), breaker_state::open);
  EXPECT_FALSE(b.allow());
  ASSERT_EQ(rec.seen.size(), 1u);
  EXPECT_EQ(rec.seen[0].breaker, "binance.orders");
  EXPECT_EQ(rec.seen[0].from, breaker_state::closed);
  EXPECT_EQ(rec.seen[0].to, breaker_state::open);
  EXPECT_EQ(rec.seen[0].reason, "3 consecutive failures");
  EXPECT_EQ(rec.seen[0].time_ms, clk.wall_ms());
}

TEST(circuit_breaker, opens_on_failure_rate_once_the_window_has_minimum_calls) {
  virtual_clock clk;
  breaker_config c;
  c.consecutive_failures = 0;  // off
  c.failure_rate = 0.5;
  c.window_size = 10;
  c.minimum_calls = 6;
  circuit_breaker b("rate", c, clk);
  // 3 failures in 5 calls is 60%, but 5 calls are below the minimum.
  for (bool ok : {false, true, false, true, false}) b.report(ok);
  EXPECT_EQ(b.state(), breaker_state::closed);
  b.report(true);  // 3 of 6 = 50%: reaches the threshold
  EXPECT_EQ(b.state(), breaker_state::open);
}

TEST(circuit_breaker, failure_rate_only_counts_the_last_window_of_calls) {
  virtual_clock clk;
  breaker_config c;
  c.consecutive_failures = 0;
  c.failure_rate = 0.5;
  c.window_size = 4;
  c.minimum_calls = 4;
  circuit_breaker b("window", c, clk);
  b.report(false);
  for (int i = 0; i < 3; ++i) b.report(true);  // 1 of 4
  b.report(false);                              // window: s s s f -> 1 of 4
  EXPECT_EQ(b.state(), breaker_state::closed);
  b.report(false);  // s s f f -> 2 of 4 = 50%
  EXPECT_EQ(b.state(), breaker_state::open);
}

TEST(circuit_breaker, half_open_after_cooldown_limits_probes_and_closes_on_successes) {
  virtual_clock clk;
  recorder rec;
  circuit_breaker b("probe", consecutive_only(1), clk, rec.fn());
  b.report(false);
  ASSERT_EQ(b.state(), breaker_state::open);
  clk.advance_ms(9'999);
  EXPECT_FALSE(b.allow());
  clk.advance_ms(1);
  EXPECT_EQ(b.state(), breaker_state::half_open);
  EXPECT_TRUE(b.allow());   // the one probe slot
  EXPECT_FALSE(b.allow());  // no second probe while it is in flight
  b.report(true);
  EXPECT_EQ(b.state(), breaker_state::half_open);  // 1 of 2 successes
  EXPECT_TRUE(b.allow());
  b.report(true);
  EXPECT_EQ(b.state(), breaker_state::closed);
  ASSERT_EQ(rec.seen.size(), 3u);
  EXPECT_EQ(rec.seen[1].to, breaker_state::half_open);
  EXPECT_EQ(rec.seen[2].to, breaker_state::closed);
  EXPECT_EQ(rec.seen[2].reason, "2 probe calls succeeded");
}

TEST(circuit_breaker, a_failed_probe_reopens_for_a_new_cooldown) {
  virtual_clock clk;
  circuit_breaker b("reopen", consecutive_only(1), clk);
  b.report(false);
  clk.advance_ms(10'000);
  ASSERT_TRUE(b.allow());
  b.report(false);
  EXPECT_EQ(b.state(), breaker_state::open);
  clk.advance_ms(9'999);
  EXPECT_FALSE(b.allow());
  clk.advance_ms(1);
  EXPECT_TRUE(b.allow());
}

TEST(circuit_breaker, late_reports_while_open_are_ignored) {
  virtual_clock clk;
  recorder rec;
  circuit_breaker b("late", consecutive_only(1), clk, rec.fn());
  b.report(false);
  for (int i = 0; i < 10; ++i) b.report(true);
  EXPECT_EQ(b.state(), breaker_state::open);
  EXPECT_EQ(rec.seen.size(), 1u);
}

TEST(circuit_breaker, closing_starts_from_a_clean_window) {
  virtual_clock clk;
  circuit_breaker b("clean", consecutive_only(2), clk);
  b.report(false);
  b.report(false);
  clk.advance_ms(10'000);
  ASSERT_TRUE(b.allow());
  b.report(true);
  ASSERT_TRUE(b.allow());
  b.report(true);
  ASSERT_EQ(b.state(), breaker_state::closed);
  b.report(false);  // one failure after closing is not two in a row
  EXPECT_EQ(b.state(), breaker_state::closed);
}

TEST(circuit_breaker, observer_may_call_back_into_the_breaker) {
  virtual_clock clk;
  circuit_breaker* self = nullptr;
  std::vector<breaker_state> states_seen;
  circuit_breaker b("reentrant", consecutive_only(1), clk,
                    [&](const breaker_transition&) { states_seen.push_back(self->state()); });
  self = &b;
  b.report(false);
  EXPECT_EQ(states_seen, std::vector<breaker_state>{breaker_state::open});
}

TEST(circuit_breaker, invalid_configs_are_refused_with_the_name) {
  virtual_clock clk;
  breaker_config c;
  c.minimum_calls = c.window_size + 1;
  try {
    circuit_breaker b("bad.one", c, clk);
    FAIL() << "accepted minimum_calls above window_size";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'bad.one'"), std::string::npos);
  }
  c = breaker_config{};
  c.half_open_max_probes = 0;
  EXPECT_THROW(circuit_breaker("bad.two", c, clk), std::invalid_argument);
}

// Threads racing for probe slots in half-open: exactly half_open_max_probes win.
TEST(circuit_breaker, concurrent_allow_in_half_open_grants_exactly_the_probe_slots) {
  virtual_clock clk;
  breaker_config c = consecutive_only(1);
  c.half_open_max_probes = 3;
  circuit_breaker b("slots", c, clk);
  b.report(false);
  clk.advance_ms(10'000);
  std::latch start(8);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < 100; ++i) {
        if (b.allow()) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 3);
  EXPECT_EQ(b.state(), breaker_state::half_open);
}

// Many threads call through the breaker while the main thread moves time on. Whatever the
// interleaving, observers see one chain of transitions: each starts where the last ended.
TEST(circuit_breaker, concurrent_calls_deliver_transitions_as_one_ordered_chain) {
  const std::uint64_t seed = test::test_seed();
  virtual_clock clk;
  breaker_config c = consecutive_only(3);
  c.half_open_max_probes = 2;
  recorder rec;
  circuit_breaker b("storm", c, clk, rec.fn());
  std::atomic<std::uint64_t> calls{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(seed + static_cast<std::uint64_t>(t));
      while (!stop.load()) {
        if (b.allow()) b.report(rng() % 3 != 0);
        calls.fetch_add(1);
      }
    });
  }
  for (int i = 0; i < 300; ++i) {
    const std::uint64_t seen = calls.load();
    ASSERT_TRUE(test::eventually([&] { return calls.load() >= seen + 8; }));
    clk.advance_ms(1'000);
  }
  stop = true;
  for (auto& t : threads) t.join();
  std::lock_guard<std::mutex> guard(rec.m);
  ASSERT_FALSE(rec.seen.empty());
  EXPECT_EQ(rec.seen.front().from, breaker_state::closed);
  for (std::size_t i = 1; i < rec.seen.size(); ++i) {
    ASSERT_EQ(rec.seen[i].from, rec.seen[i - 1].to) << "transition " << i;
  }
}

}  // namespace
}  // namespace tb::host
