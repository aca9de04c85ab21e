#pragma once
// One symbol's deterministic price path. A daily random walk (clustered volatility, trend
// regimes, jumps, mild mean reversion towards the listing price) fixes each day's open; hourly
// and then minute points are Brownian bridges between those, so any minute can be generated
// from its day and hour alone. Not thread-safe: the market serializes access.
#include <array>
#include <cstdint>
#include <vector>

#include "market/candle.hpp"
#include "market/symbol_spec_fwd.hpp"

namespace tb::fake {

constexpr std::int64_t history_epoch_ms = 1546300800000;  // 2019-01-01T00:00:00Z

class price_path {
 public:
  explicit price_path(const symbol_spec& spec);

  // The 60 one-minute bars of hour `hour` (0..23) of day `day` (days since history_epoch_ms).
  std::array<candle, 60> hour_minutes(std::int64_t day, int hour);

 private:
  void extend_to(std::int64_t day);
  const std::array<double, 25>& hour_points(std::int64_t day);

  // The last day's hour points and the last hour's minutes: a day's 24 hours and an hour's
  // sub-hour bars (15m, 5m, the open bar of a stream) ask for them again and again.
  std::int64_t points_day_ = -1;
  std::array<double, 25> points_{};
  std::int64_t minutes_key_ = -1;
  std::array<candle, 60> minutes_{};

  const symbol_spec& spec_;
  double tick_;
  double step_;
  std::vector<double> log_open_;  // per day, plus the next day's open
  std::vector<double> sigma_;     // per day
  double log_vol_ = 0;
  double drift_ = 0;
};

}  // namespace tb::fake
