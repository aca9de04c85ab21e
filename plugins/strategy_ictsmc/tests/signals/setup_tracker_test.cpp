// The tracker fed the way the plugin feeds it between scans (a few new candles at a time,
// bias candles once closed) finds exactly what one find_setups over the whole series finds,
// also long after it began dropping old candles; and its memory stays bounded.
#include "signals/setup_tracker.hpp"

#include <gtest/gtest.h>

#include <iomanip>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "market_like.hpp"
#include "setup_scenario.hpp"
#include "signals/setup_finder.hpp"

namespace tb::ictsmc {
namespace {

using namespace testing;

constexpr std::int64_t bias_ms = 4 * hour_ms;

std::string fingerprint(const trade_setup& s) {
  std::ostringstream out;
  out << std::setprecision(17) << s.index << " " << s.side << " " << s.entry << " " << s.stop
      << " " << s.take_profit << " " << s.confidence << " " << describe_json(s);
  return out.str();
}

settings loose() {
  settings s = loose_settings();
  s.entry_lookback = 60;  // a short keep: the 3,000 hours below drop old candles many times
  s.bias_lookback = 60;
  return s;
}

// Scans of 1 to 7 new hours each: the bias candles that closed by the scan's last close
// are added first, then the hours, as the plugin does.
std::vector<std::string> fed_in_scans(const ohlcv& hourly, const ohlcv& bias, const settings& config,
                                      std::uint32_t seed) {
  const kill_zones sessions(config.kill_zones);
  setup_tracker tracker(config, sessions, hour_ms, bias_ms);
  std::mt19937 rng(seed);
  std::vector<std::string> found;
  std::size_t next_hour = 0, next_bias = 0;
  while (next_hour < hourly.size()) {
    const std::size_t end = std::min(hourly.size(), next_hour + 1 + rng() % 7);
    const std::int64_t now = hourly.time_ms[end - 1] + hour_ms;
    for (; next_bias < bias.size() && bias.time_ms[next_bias] + bias_ms <= now; ++next_bias) {
      tracker.add_bias(bias.time_ms[next_bias], bias.high[next_bias], bias.low[next_bias],
                       bias.close[next_bias]);
    }
    for (; next_hour < end; ++next_hour) {
      const auto s = tracker.add_entry(hourly.time_ms[next_hour], hourly.high[next_hour],
                                       hourly.low[next_hour], hourly.close[next_hour]);
      if (s) found.push_back(fingerprint(*s));
    }
  }
  EXPECT_EQ(tracker.entries_fed(), hourly.size());
  return found;
}

TEST(setup_tracker, scans_find_what_the_whole_series_finds) {
  std::size_t setups = 0;
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    const ohlcv hourly = market_like(seed, 3000);
    const ohlcv bias = group_candles(hourly, 4);
    const settings config = loose();
    std::vector<std::string> whole;
    for (const auto& s : find_setups({hourly, hour_ms}, {bias, bias_ms}, config)) {
      whole.push_back(fingerprint(s));
    }
    EXPECT_EQ(fed_in_scans(hourly, bias, config, seed), whole) << "seed " << seed;
    setups += whole.size();
  }
  EXPECT_GE(setups, 60u);  // worth something only if signals happen, late ones included
}

TEST(setup_tracker, setups_count_candles_from_the_first_one_fed) {
  const ohlcv hourly = market_like(3, 3000);
  const auto setups = find_setups({hourly, hour_ms}, {group_candles(hourly, 4), bias_ms}, loose());
  ASSERT_FALSE(setups.empty());
  EXPECT_GT(setups.back().index, 2000u);  // past several rounds of dropping
  for (const auto& s : setups) {
    EXPECT_EQ(s.close_time_ms, hourly.time_ms[s.index] + hour_ms);
    if (s.sweep) {
      EXPECT_LE(s.sweep->index, s.index);
    }
  }
}

}  // namespace
}  // namespace tb::ictsmc
