#include "market/symbol_model.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "market/symbol_catalogue.hpp"

namespace tb::exchange_sim {
namespace {

TEST(symbol_model, seasonality_has_unit_mean_square_and_weekends_are_quieter) {
  const symbol_model m = make_symbol_model(make_symbol_catalogue(1).front(), 1, {});
  double square_sum = 0;
  for (const double s : m.season) square_sum += s * s;
  EXPECT_NEAR(square_sum / hours_per_week, 1.0, 1e-12);
  EXPECT_LT(m.season[5 * 24 + 14], m.season[14]);  // Saturday 14:00 vs Monday 14:00 UTC
  EXPECT_GT(m.season[14], m.season[4]);            // US open vs early Asia
  EXPECT_GT(m.garch_omega, 0);
  EXPECT_GT(m.drift[1], 0);
  EXPECT_LT(m.drift[2], 0);
}

TEST(symbol_model, refuses_profiles_and_parameters_out_of_range) {
  const auto good = make_symbol_catalogue(1).front();
  auto bad = good;
  bad.annual_volatility = 0;
  EXPECT_THROW(make_symbol_model(bad, 1, {}), std::invalid_argument);
  bad = good;
  bad.tick_size = -1;
  EXPECT_THROW(make_symbol_model(bad, 1, {}), std::invalid_argument);
  model_params params;
  params.garch_alpha = 0.2;
  params.garch_beta = 0.85;
  EXPECT_THROW(make_symbol_model(good, 1, params), std::invalid_argument);
  try {
    make_symbol_model(good, 1, params);
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("BTCUSDT"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tb::exchange_sim
