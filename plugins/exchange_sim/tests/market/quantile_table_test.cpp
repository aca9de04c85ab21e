#include "market/quantile_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "market/distributions.hpp"
#include "market/prng.hpp"

namespace tb::exchange_sim {
namespace {

TEST(distributions, student_t4_quantile_matches_the_tables_of_the_t_distribution) {
  // t4 quantiles 2.131847 (p = 0.95) and 4.604095 (p = 0.995), divided by sqrt(2).
  EXPECT_NEAR(unit_student_t4_quantile(0.95), 2.131847 / std::sqrt(2.0), 1e-5);
  EXPECT_NEAR(unit_student_t4_quantile(0.995), 4.604095 / std::sqrt(2.0), 1e-5);
  EXPECT_NEAR(unit_student_t4_quantile(0.005), -4.604095 / std::sqrt(2.0), 1e-5);
  EXPECT_DOUBLE_EQ(unit_student_t4_quantile(0.5), 0.0);
}

TEST(distributions, normal_and_exponential_quantiles) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959964, 1e-6);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232, 1e-6);
  EXPECT_NEAR(exponential_quantile(0.5), std::log(2.0), 1e-15);
}

TEST(quantile_table, samples_follow_the_distribution_including_the_tails) {
  const quantile_table& table = unit_student_t4_table();
  xoshiro256ss rng(42);  // seed 42
  constexpr int n = 1'000'000;
  std::vector<double> x(n);
  for (auto& v : x) v = table.sample(static_cast<std::uint32_t>(rng() >> 32));
  for (const double p : {0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999}) {
    const double q = unit_student_t4_quantile(p);
    const double below = static_cast<double>(std::count_if(x.begin(), x.end(), [q](double v) { return v < q; })) / n;
    EXPECT_NEAR(below, p, 4 * std::sqrt(p * (1 - p) / n) + 1e-4) << "p = " << p;
  }
  // The exact tails reach beyond the outermost tabulated edges (about +-7.3).
  EXPECT_GT(*std::max_element(x.begin(), x.end()), 10.0);
  EXPECT_LT(*std::min_element(x.begin(), x.end()), -10.0);
}

TEST(quantile_table, is_monotone_in_its_bits) {
  const quantile_table& table = exponential_table();
  double previous = -1;
  for (std::uint64_t bits = 0; bits <= 0xFFFFFFFFULL; bits += 0x10001) {
    const double v = table.sample(static_cast<std::uint32_t>(bits));
    ASSERT_GE(v, previous) << "bits " << bits;
    previous = v;
  }
}

}  // namespace
}  // namespace tb::exchange_sim
