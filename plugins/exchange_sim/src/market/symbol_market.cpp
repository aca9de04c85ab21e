#include "market/symbol_market.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "market/candle_aggregation.hpp"
#include "market/minute_path.hpp"

namespace tb::exchange_sim {

namespace {

constexpr std::int64_t hours_per_day = 24;
constexpr std::int64_t no_day = std::numeric_limits<std::int64_t>::min();

}  // namespace

symbol_market::symbol_market(symbol_profile profile, std::uint64_t global_seed,
                             const model_params& params, std::int64_t origin_ms)
    : profile_(std::move(profile)),
      model_(make_symbol_model(profile_, global_seed, params)),
      origin_ms_(origin_ms),
      origin_day_(floor_div(origin_ms, day_ms)),
      cached_day_(no_day),
      day_(minutes_per_day) {
  if (origin_ms % day_ms != 0) {
    throw std::invalid_argument("exchange_sim market for symbol '" + profile_.name +
                                "': origin_ms " + std::to_string(origin_ms) +
                                " is not a UTC midnight (a multiple of 86400000)");
  }
  checkpoints_.push_back(initial_state(model_));
}

const process_state& symbol_market::state_at_day(std::int64_t epoch_day) {
  if (epoch_day < origin_day_) {
    throw std::out_of_range("exchange_sim market for symbol '" + profile_.name + "': day " +
                            std::to_string(epoch_day) + " is before the origin day " +
                            std::to_string(origin_day_));
  }
  const auto index = static_cast<std::size_t>(epoch_day - origin_day_);
  while (checkpoints_.size() <= index) {
    process_state s = checkpoints_.back();
    const std::int64_t first_hour = (origin_day_ + static_cast<std::int64_t>(checkpoints_.size()) - 1) * hours_per_day;
    for (std::int64_t h = 0; h < hours_per_day; ++h) step_hour(model_, first_hour + h, s);
    checkpoints_.push_back(s);
  }
  return checkpoints_[index];
}

std::span<const candle> symbol_market::day_minutes(std::int64_t epoch_day) {
  if (epoch_day < origin_day_) return {};
  if (epoch_day != cached_day_) {
    process_state s = state_at_day(epoch_day);
    for (std::int64_t h = 0; h < hours_per_day; ++h) {
      const std::int64_t epoch_hour = epoch_day * hours_per_day + h;
      const hour_plan plan = step_hour(model_, epoch_hour, s);
      fill_hour(model_, plan, epoch_hour, day_.data() + h * minutes_per_hour);
    }
    cached_day_ = epoch_day;
  }
  return day_;
}

std::size_t symbol_market::candles(interval iv, std::int64_t from_ms, std::int64_t to_ms,
                                   std::vector<candle>& out) {
  const std::int64_t length = interval_ms(iv);
  const std::int64_t minutes = interval_minutes(iv);
  const std::int64_t start = std::max(from_ms, origin_ms_);
  std::int64_t t = floor_div(start + length - 1, length) * length;
  const std::size_t before = out.size();
  if (t < to_ms) out.reserve(before + static_cast<std::size_t>((to_ms - t + length - 1) / length));
  for (; t < to_ms; t += length) {
    const std::int64_t day = floor_div(t, day_ms);
    const auto offset = static_cast<std::size_t>((t - day * day_ms) / minute_ms);
    const auto day_span = day_minutes(day);
    if (minutes == 1) {
      out.push_back(day_span[offset]);
    } else {
      out.push_back(aggregate(day_span.subspan(offset, static_cast<std::size_t>(minutes)), iv));
    }
  }
  return out.size() - before;
}

candle symbol_market::candle_at(interval iv, std::int64_t open_time_ms) {
  const std::int64_t length = interval_ms(iv);
  const std::int64_t t = floor_div(open_time_ms, length) * length;
  if (t < origin_ms_) {
    throw std::out_of_range("exchange_sim market for symbol '" + profile_.name + "': time " +
                            std::to_string(open_time_ms) + " is before the origin " +
                            std::to_string(origin_ms_));
  }
  const std::int64_t day = floor_div(t, day_ms);
  const auto offset = static_cast<std::size_t>((t - day * day_ms) / minute_ms);
  return aggregate(day_minutes(day).subspan(offset, static_cast<std::size_t>(interval_minutes(iv))), iv);
}

}  // namespace tb::exchange_sim
