// A minimal real host for the plugin's integration tests: token buckets with pauses, circuit
// breakers that open after consecutive failures, a recording market sink, and real clocks.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "tradingbot/tb_abi.h"

namespace tb::binance::testing {

class test_host {
 public:
  test_host();
  const tb_host_api* api() const { return &api_; }

  std::string config = "{}";
  int breaker_threshold = 5;

  // A bucket of `capacity` tokens refilled over `window`.
  void add_bucket(const std::string& name, std::uint64_t capacity, std::chrono::milliseconds window);
  // Forget every pause, as if the wall clock had moved past them.
  void clear_pauses();

  struct pause {
    std::string bucket; // "" for all buckets
    std::int64_t until_wall_ms;
  };
  std::vector<pause> pauses() const;
  std::vector<std::pair<std::string, std::uint64_t>> usage_reports() const;
  int32_t breaker_state(const std::string& name) const;
  std::vector<std::string> logs() const;
  std::vector<std::string> alerts() const;

 private:
  struct bucket {
    double capacity = 0;
    double tokens = 0;
    double per_ns = 0;
    std::int64_t refilled_ns = 0;
    std::int64_t paused_until_ms = 0;
  };
  struct breaker {
    int failures = 0;
    bool open = false;
  };

  static test_host& self(void* ctx) { return *static_cast<test_host*>(ctx); }
  static std::int64_t now_ns();
  static std::int64_t now_ms();
  tb_status acquire(const char* name, std::uint32_t weight, std::int64_t deadline_ns, bool wait);

  tb_host_api api_{};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, bucket> buckets_;
  std::int64_t all_paused_until_ms_ = 0;
  std::map<std::string, breaker> breakers_;
  std::vector<pause> pauses_;
  std::vector<std::pair<std::string, std::uint64_t>> usage_;
  std::vector<std::string> logs_;
  std::vector<std::string> alerts_;
};

// Records what the plugin pushes.
class recording_sink {
 public:
  recording_sink();
  const tb_market_sink* raw() const { return &sink_; }

  struct candle_event {
    std::string symbol;
    std::string interval;
    tb_candle candle;
  };
  std::vector<candle_event> candles() const;
  std::vector<std::pair<std::string, int32_t>> statuses() const;
  // What subscribe_account pushes, in arrival order.
  struct account_events {
    std::vector<tb_order_state> orders;
    std::vector<tb_position> positions;
    std::vector<tb_balance> balances;
  };
  account_events account() const;
  // Waits until `done(account_events, statuses)` holds or the deadline passes.
  template <class Predicate>
  bool wait_for_account(Predicate done, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(account_, statuses_); });
  }
  // Waits until `done(candles)` holds or the deadline passes; returns whether it held.
  template <class Predicate>
  bool wait_for(Predicate done, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(candles_, statuses_); });
  }

 private:
  tb_market_sink sink_{};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<candle_event> candles_;
  std::vector<std::pair<std::string, int32_t>> statuses_;
  account_events account_;
};

}  // namespace tb::binance::testing
