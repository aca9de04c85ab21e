// The causal property: for every candle t, the setups found at t are the same whether or not
// the candles after t exist. Each series is analysed whole, then cut after every t and
// analysed again. The cut keeps the bias candle still forming at t's close, made of the hours
// seen so far, as a live feed would show it: a rule that peeked at an unclosed bias candle
// would see other prices there than in the whole series, and show up here.
#include <gtest/gtest.h>

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "market_like.hpp"
#include "signals/setup_finder.hpp"
#include "setup_scenario.hpp"

namespace tb::ictsmc {
namespace {

using namespace testing;

constexpr std::int64_t bias_ms = 4 * hour_ms;

// The coarse random walk of the indicator tests (many exact ties), with hourly times.
ohlcv coarse_random(std::uint32_t seed, std::size_t n) {
  std::mt19937 rng(seed);
  ohlcv out = random_candles(rng, n);
  for (std::size_t i = 0; i < n; ++i) out.time_ms[i] = 1'704'067'200'000 + static_cast<std::int64_t>(i) * hour_ms;
  return out;
}

// The 4h candles of hourly ones, the last maybe still forming.
ohlcv four_hourly(const ohlcv& hourly) { return group_candles(hourly, 4); }

ohlcv first(const ohlcv& c, std::size_t count) {
  ohlcv out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(c.time_ms[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]);
  }
  return out;
}

// Everything a setup says, numbers to the last bit.
std::string fingerprint(const trade_setup& s) {
  std::ostringstream out;
  out << std::setprecision(17) << s.index << " " << s.side << " " << s.entry << " " << s.stop
      << " " << s.take_profit << " " << s.confidence << " " << describe_json(s);
  return out.str();
}

// Checks the property on one pair of series; returns how many setups the whole run found.
// bias_at(t): the bias series as known at the close of entry candle t.
template <typename BiasAt>
std::size_t check_causal(const ohlcv& entry, const ohlcv& bias, BiasAt bias_at,
                         const settings& config, const std::string& label) {
  const auto whole = find_setups({entry, hour_ms}, {bias, bias_ms}, config);
  for (std::size_t t = 0; t < entry.size(); ++t) {
    const ohlcv entry_cut = first(entry, t + 1);
    const ohlcv bias_cut = bias_at(entry_cut);
    const auto cut = find_setups({entry_cut, hour_ms}, {bias_cut, bias_ms}, config, t);
    std::vector<std::string> expected, got;
    for (const trade_setup& s : whole) {
      if (s.index == t) expected.push_back(fingerprint(s));
    }
    for (const trade_setup& s : cut) got.push_back(fingerprint(s));
    if (expected != got) {
      ADD_FAILURE() << label << ": at candle " << t << " the whole series gives "
                    << (expected.empty() ? "nothing" : expected.front()) << " but the series cut there gives "
                    << (got.empty() ? "nothing" : got.front());
      return whole.size();
    }
  }
  return whole.size();
}

settings loose() { return loose_settings(); }

TEST(causal_property, signals_at_t_ignore_later_candles_on_market_like_data) {
  std::size_t with_defaults = 0, loosened = 0;
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    const ohlcv hourly = market_like(seed, 400);
    const ohlcv bias = four_hourly(hourly);
    with_defaults += check_causal(hourly, bias, four_hourly, settings{},
                                  "defaults, seed " + std::to_string(seed));
    loosened += check_causal(hourly, bias, four_hourly, loose(), "loose, seed " + std::to_string(seed));
  }
  // The property is only worth something if signals happen.
  EXPECT_GE(with_defaults, 5u);
  EXPECT_GE(loosened, 20u);
}

TEST(causal_property, signals_at_t_ignore_later_candles_on_coarse_random_walks) {
  std::size_t setups = 0;
  for (std::uint32_t seed = 100; seed < 110; ++seed) {
    const ohlcv hourly = coarse_random(seed, 400);
    const ohlcv bias = four_hourly(hourly);
    setups += check_causal(hourly, bias, four_hourly, loose(), "coarse, seed " + std::to_string(seed));
  }
  EXPECT_GE(setups, 20u);
}

TEST(causal_property, the_hand_scenario_holds_it_too) {
  // Its bias is given, not made of its hours: the cut keeps the bias candles open by then.
  const ohlcv bias = scenario_bias();
  const auto bias_at = [&](const ohlcv& entry_cut) {
    const std::int64_t now = entry_cut.time_ms.back() + hour_ms;
    std::size_t known = 0;
    while (known < bias.size() && bias.time_ms[known] < now) ++known;
    return first(bias, known);
  };
  EXPECT_EQ(check_causal(scenario_entry(), bias, bias_at, scenario_settings(), "scenario"), 1u);
}

}  // namespace
}  // namespace tb::ictsmc
