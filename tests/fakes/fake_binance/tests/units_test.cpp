// Small pure pieces: decimals, parameters, intervals, options.
#include <gtest/gtest.h>

#include "market/interval.hpp"
#include "market/sim_clock.hpp"
#include "server/server_options.hpp"
#include "util/decimal.hpp"
#include "util/params.hpp"

namespace tb::fake {
namespace {

TEST(decimal, parse_and_format) {
  const auto d = parse_decimal("12.340");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->units, 12340);
  EXPECT_EQ(d->scale, 3);
  EXPECT_EQ(format_fixed(12340, 3), "12.340");
  EXPECT_EQ(format_fixed(5, 3), "0.005");
  EXPECT_EQ(format_fixed(-5, 2), "-0.05");
  EXPECT_FALSE(parse_decimal("1e5").has_value());
  EXPECT_FALSE(parse_decimal(".").has_value());
  EXPECT_EQ(rescale(*parse_decimal("1.50"), 1), 15);
  EXPECT_FALSE(rescale(*parse_decimal("1.55"), 1).has_value());
}

TEST(params, query_wins_over_body_and_values_are_decoded) {
  const params p("symbol=BTCUSDT&id=a%2Fb", "symbol=ETHUSDT&side=BUY");
  EXPECT_EQ(p.get("symbol"), "BTCUSDT");
  EXPECT_EQ(p.get("side"), "BUY");
  EXPECT_EQ(p.get("id"), "a/b");
  EXPECT_FALSE(p.get("nope").has_value());
  EXPECT_EQ(params("a=1&a=2", "").duplicated(), "a");
}

TEST(interval, boundaries) {
  const auto w = parse_interval("1w");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->open_of(1'779'300'000'000), 1'779'062'400'000);  // Monday 2026-05-18
  const auto m = parse_interval("1M");
  EXPECT_EQ(m->open_of(1'776'000'000'000), 1'775'001'600'000);  // 2026-04-01
  EXPECT_EQ(m->next(1'775'001'600'000), 1'777'593'600'000);     // 2026-05-01
  EXPECT_EQ(m->prev(1'775'001'600'000), 1'772'323'200'000);     // 2026-03-01
  EXPECT_FALSE(parse_interval("1s").has_value());
}

TEST(options, flags_and_errors) {
  auto r = parse_options({"--port", "0", "--symbols=700", "--speed", "10", "--weight-limit", "100"});
  ASSERT_TRUE(r.options.has_value());
  EXPECT_EQ(r.options->symbols, 700);
  EXPECT_EQ(r.options->speed, 10.0);
  EXPECT_EQ(r.options->weight_limit, 100);
  EXPECT_FALSE(parse_options({"--bogus"}).options.has_value());
  EXPECT_EQ(parse_options({"--bogus"}).exit_code, 2);
  EXPECT_EQ(parse_options({"--help"}).exit_code, 0);
  EXPECT_FALSE(parse_options({"--symbols", "x"}).options.has_value());
}

}  // namespace
}  // namespace tb::fake

namespace tb::fake {
namespace {

// A market started at the epoch: its time stays near 0 however fast it runs, so the two
// clocks are told apart without waiting.
TEST(sim_clock, above_speed_1_the_api_keeps_real_time_while_the_market_runs_ahead) {
  const sim_clock fast(3600, 0);
  EXPECT_LT(fast.now_ms(), 3'600'000);  // at most an hour of market in the test's first second
  EXPECT_NEAR(static_cast<double>(fast.api_ms()), static_cast<double>(sim_clock::wall_ms()), 5'000);
  const sim_clock normal(1, 0);
  EXPECT_LT(normal.api_ms(), 10'000);  // at speed 1 the API tells the market's time
}

}  // namespace
}  // namespace tb::fake
