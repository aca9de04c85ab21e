#include "sim_settings.hpp"

#include <gtest/gtest.h>

#include "tradingbot/sdk/error.hpp"

namespace tb::exchange_sim {
namespace {

sim_settings parse(const std::string& json, std::vector<std::string>* warnings = nullptr) {
  return parse_sim_settings(json, [&](const std::string& m) {
    if (warnings != nullptr) warnings->push_back(m);
  });
}

std::string failure(const std::string& json) {
  try {
    parse(json);
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "";
}

TEST(sim_settings, defaults) {
  const sim_settings s = parse("{}");
  EXPECT_EQ(s.market, "synthetic");
  EXPECT_EQ(s.symbol_count, 20u);
  EXPECT_EQ(s.seed, 20261124u);
  EXPECT_EQ(s.base_interval, "1m");
  EXPECT_EQ(s.engine.initial_balance, 10'000 * money_scale);
  EXPECT_EQ(s.engine.maker_fee, 20'000);
  EXPECT_EQ(s.engine.taker_fee, 50'000);
  EXPECT_EQ(s.engine.slippage, 20'000);  // 2 bps
  EXPECT_EQ(s.engine.maintenance_margin_rate, 400'000);
  EXPECT_EQ(s.engine.max_leverage, 125);
  EXPECT_EQ(s.funding_rate, 0.0);
}

TEST(sim_settings, reads_every_key) {
  const sim_settings s = parse(R"({"symbols": 5, "seed": 9, "base_interval": "1h", "balance": "2500.5",
      "maker_fee": 0, "taker_fee": "0.0004", "slippage_bps": 1.5, "maintenance_margin_rate": 0.005,
      "max_leverage": 50, "funding_rate": 0.0001})");
  EXPECT_EQ(s.symbol_count, 5u);
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.base_interval, "1h");
  EXPECT_EQ(s.engine.initial_balance, 250'050'000'000);
  EXPECT_EQ(s.engine.maker_fee, 0);
  EXPECT_EQ(s.engine.taker_fee, 40'000);
  EXPECT_EQ(s.engine.slippage, 15'000);
  EXPECT_EQ(s.engine.maintenance_margin_rate, 500'000);
  EXPECT_EQ(s.engine.max_leverage, 50);
  EXPECT_EQ(s.engine.default_leverage, 20);
  EXPECT_EQ(s.funding_rate, 0.0001);
  const sim_settings files = parse(R"({"market": "files", "data_dir": "/data", "symbols": ["BTCUSDT"]})");
  EXPECT_EQ(files.symbol_names, std::vector<std::string>{"BTCUSDT"});
}

TEST(sim_settings, unknown_keys_warn_and_bad_values_name_the_key) {
  std::vector<std::string> warnings;
  parse(R"({"colour": "red"})", &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("colour"), std::string::npos);
  EXPECT_NE(failure(R"({"market": "live"})").find("'market'"), std::string::npos);
  EXPECT_NE(failure(R"({"market": "live"})").find("synthetic | files"), std::string::npos);
  EXPECT_NE(failure(R"({"balance": -1})").find("'balance'"), std::string::npos);
  EXPECT_NE(failure(R"({"taker_fee": 0.000000001})").find("'taker_fee'"), std::string::npos);
  EXPECT_NE(failure(R"({"max_leverage": 126})").find("'max_leverage'"), std::string::npos);
  EXPECT_NE(failure(R"({"symbols": 0})").find("'symbols'"), std::string::npos);
  EXPECT_NE(failure(R"({"seed": -3})").find("'seed'"), std::string::npos);
  EXPECT_NE(failure(R"({"market": "files"})").find("data_dir"), std::string::npos);
  EXPECT_NE(failure("[1]").find("object"), std::string::npos);
  EXPECT_NE(failure("{").find("JSON"), std::string::npos);
}

}  // namespace
}  // namespace tb::exchange_sim
