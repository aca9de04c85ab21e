// Statistical realism of the synthetic market, on long samples with a fixed seed. Each check
// compares with what a plain random walk would give, so a model without the feature fails.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "market/symbol_catalogue.hpp"
#include "market/symbol_market.hpp"
#include "sample_statistics.hpp"

namespace tb::exchange_sim {
namespace {

using namespace tb::exchange_sim::test;

constexpr std::uint64_t seed = 20261124;
constexpr std::int64_t minutes_per_year = 365 * minutes_per_day;

std::vector<candle> one_year_of_minutes(const symbol_profile& profile) {
  symbol_market market(profile, seed);
  std::vector<candle> out;
  market.candles(interval::m1, default_origin_ms, default_origin_ms + 365 * day_ms, out);
  return out;
}

class market_statistics : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    btc_ = new symbol_profile(make_symbol_catalogue(1).front());
    minutes_ = new std::vector<candle>(one_year_of_minutes(*btc_));
    returns_ = new std::vector<double>(log_returns(*minutes_));
  }
  static void TearDownTestSuite() {
    delete returns_;
    delete minutes_;
    delete btc_;
  }
  static inline symbol_profile* btc_ = nullptr;
  static inline std::vector<candle>* minutes_ = nullptr;
  static inline std::vector<double>* returns_ = nullptr;
};

TEST_F(market_statistics, volatility_clusters_while_returns_stay_uncorrelated) {
  std::vector<double> absolute(returns_->size());
  for (std::size_t i = 0; i < absolute.size(); ++i) absolute[i] = std::fabs((*returns_)[i]);
  for (std::size_t lag = 1; lag <= 10; ++lag) {
    const double acf_abs = autocorrelation(absolute, lag);
    const double acf = autocorrelation(*returns_, lag);
    std::printf("lag %2zu: acf(|r|) %.3f  acf(r) %+.4f\n", lag, acf_abs, acf);
    EXPECT_GT(acf_abs, 0.05) << "lag " << lag << ", seed " << seed;
    EXPECT_LT(std::fabs(acf), 0.03) << "lag " << lag << ", seed " << seed;
  }
  // Clustering lasts: |r| a day apart is still correlated.
  EXPECT_GT(autocorrelation(absolute, minutes_per_day), 0.02) << "seed " << seed;
}

TEST_F(market_statistics, one_minute_returns_have_fat_tails) {
  const double kurtosis = excess_kurtosis(*returns_);
  std::printf("excess kurtosis of 1m returns: %.1f\n", kurtosis);
  EXPECT_GT(kurtosis, 1.0) << "seed " << seed;
}

TEST_F(market_statistics, annualized_volatility_is_near_the_profile) {
  const double annual = std::sqrt(variance(*returns_) * minutes_per_year);
  std::printf("%s: annualized volatility %.3f, profile %.3f\n", btc_->name.c_str(), annual,
              btc_->annual_volatility);
  EXPECT_GT(annual, btc_->annual_volatility / 1.5) << "seed " << seed;
  EXPECT_LT(annual, btc_->annual_volatility * 1.5) << "seed " << seed;
}

TEST_F(market_statistics, volume_rises_with_the_size_of_the_move) {
  std::vector<double> absolute;
  std::vector<double> volume;
  for (std::size_t i = 1; i < minutes_->size(); ++i) {
    absolute.push_back(std::fabs((*returns_)[i - 1]));
    volume.push_back((*minutes_)[i].quote_volume);
  }
  const double rho = correlation(absolute, volume);
  std::printf("corr(|r|, quote volume) = %.3f\n", rho);
  EXPECT_GT(rho, 0.2) << "seed " << seed;
}

TEST(market_statistics_alts, small_and_volatile_symbols_match_their_profile_too) {
  for (const auto& profile : make_symbol_catalogue(20, seed)) {
    if (profile.base_price >= 1 || profile.name.rfind("SYM", 0) != 0) continue;
    const auto returns = log_returns(one_year_of_minutes(profile));
    const double annual = std::sqrt(variance(returns) * minutes_per_year);
    std::printf("%s (%.6g): annualized volatility %.3f, profile %.3f\n", profile.name.c_str(),
                profile.base_price, annual, profile.annual_volatility);
    EXPECT_GT(annual, profile.annual_volatility / 1.5) << profile.name << ", seed " << seed;
    EXPECT_LT(annual, profile.annual_volatility * 1.5) << profile.name << ", seed " << seed;
    return;  // one is enough for the test's time
  }
  FAIL() << "the catalogue has no generated symbol below 1 among its first 20";
}

// Trends: daily returns are positively autocorrelated over several days (variance ratio
// above 1: a random walk, or this model with trend_drift_daily_sd = 0, gives 1.00 +- 0.1 on
// eight years), and the daily path holds both long rallies and long slides.
TEST(market_statistics_regimes, the_daily_path_trends_up_and_down_for_days) {
  const auto btc = make_symbol_catalogue(1).front();
  symbol_market market(btc, seed);
  std::vector<candle> days;
  market.candles(interval::d1, default_origin_ms, default_origin_ms + 8 * 365 * day_ms, days);
  const auto r = log_returns(days);
  constexpr std::size_t k = 10;
  const double ratio = variance_ratio(r, k);
  std::printf("variance ratio of %zu-day returns: %.2f\n", k, ratio);
  EXPECT_GT(ratio, 1.2) << "seed " << seed;

  // Rallies and slides of a week or more: 7 closes in a row with at least 5 up (or down) and
  // a 7-day move of 1.5 daily sd * sqrt(7) or more.
  const double daily_sd = std::sqrt(variance(r));
  int rallies = 0;
  int slides = 0;
  for (std::size_t i = 0; i + 7 <= r.size(); i += 7) {
    double move = 0;
    int ups = 0;
    for (std::size_t j = i; j < i + 7; ++j) {
      move += r[j];
      ups += r[j] > 0;
    }
    rallies += move > 1.5 * daily_sd * std::sqrt(7.0) && ups >= 5;
    slides += move < -1.5 * daily_sd * std::sqrt(7.0) && ups <= 2;
  }
  std::printf("weeks with a rally: %d, with a slide: %d (of %zu)\n", rallies, slides, r.size() / 7);
  EXPECT_GE(rallies, 3) << "seed " << seed;
  EXPECT_GE(slides, 3) << "seed " << seed;
}

// The controls: with a feature switched off, its check above would fail. This is what makes
// those checks evidence of the feature rather than of any random walk.
TEST(market_statistics_controls, without_garch_or_regime_volatility_clustering_is_faint) {
  model_params params;
  params.garch_alpha = 0;
  params.garch_beta = 0;
  params.volatility_ranging = params.volatility_up = params.volatility_down = 1;
  params.weekend_activity = 1;
  params.jumps_per_day = 0;
  symbol_market market(make_symbol_catalogue(1).front(), seed, params);
  std::vector<candle> minutes;
  market.candles(interval::m1, default_origin_ms, default_origin_ms + 120 * day_ms, minutes);
  const auto r = log_returns(minutes);
  std::vector<double> absolute(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) absolute[i] = std::fabs(r[i]);
  const double acf_abs = autocorrelation(absolute, 1);
  std::printf("control: acf(|r|) at lag 1 without clustering %.3f\n", acf_abs);
  EXPECT_LT(acf_abs, 0.05) << "seed " << seed;
}

TEST(market_statistics_controls, without_trend_drift_the_variance_ratio_is_one) {
  model_params params;
  params.trend_drift_daily_sd = 0;
  symbol_market market(make_symbol_catalogue(1).front(), seed, params);
  // The daily closes straight from the checkpoints (the skeleton's log price at midnight).
  const std::int64_t first = default_origin_ms / day_ms;
  std::vector<double> r;
  for (std::int64_t d = 1; d <= 8 * 365; ++d) {
    r.push_back(market.state_at_day(first + d).log_price - market.state_at_day(first + d - 1).log_price);
  }
  constexpr std::size_t k = 10;
  const double ratio = variance_ratio(r, k);
  std::printf("control: variance ratio without trends %.2f\n", ratio);
  EXPECT_LT(ratio, 1.2) << "seed " << seed;
}

TEST(market_statistics_symbols, different_symbols_move_differently) {
  const auto catalogue = make_symbol_catalogue(2);
  symbol_market btc(catalogue[0], seed);
  symbol_market eth(catalogue[1], seed);
  std::vector<candle> a;
  std::vector<candle> b;
  btc.candles(interval::h1, default_origin_ms, default_origin_ms + 180 * day_ms, a);
  eth.candles(interval::h1, default_origin_ms, default_origin_ms + 180 * day_ms, b);
  const double rho = correlation(log_returns(a), log_returns(b));
  std::printf("corr of hourly returns BTC/ETH: %.3f\n", rho);
  EXPECT_LT(std::fabs(rho), 0.2) << "seed " << seed;
  // Same profile, other name: still a different path.
  auto twin = catalogue[0];
  twin.name = "BTC2USDT";
  symbol_market other(twin, seed);
  std::vector<candle> c;
  other.candles(interval::h1, default_origin_ms, default_origin_ms + 180 * day_ms, c);
  const double twin_rho = correlation(log_returns(a), log_returns(c));
  EXPECT_LT(std::fabs(twin_rho), 0.2) << "seed " << seed;
}

}  // namespace
}  // namespace tb::exchange_sim
