#pragma once
// The simulated exchange clock: start + speed x elapsed real time + an adjustable skew.
// Thread-safe.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace tb::fake {

class sim_clock {
 public:
  // start_ms < 0 means "now".
  sim_clock(double speed, std::int64_t start_ms);

  // The market's time: candles, fills, triggers, positions.
  std::int64_t now_ms() const;
  // The API's time: serverTime and the timestamps signed requests are checked against. The
  // market's time at speed 1; real time (plus the skew) when the market runs faster, so a
  // client can still sign requests while hours of market pass in seconds.
  std::int64_t api_ms() const;
  double speed() const { return speed_; }
  void set_skew_ms(std::int64_t skew) { skew_ms_.store(skew); }
  std::int64_t skew_ms() const { return skew_ms_.load(); }

  static std::int64_t wall_ms();

 private:
  double speed_;
  std::int64_t start_ms_;
  std::chrono::steady_clock::time_point start_steady_;
  std::atomic<std::int64_t> skew_ms_{0};
};

}  // namespace tb::fake
