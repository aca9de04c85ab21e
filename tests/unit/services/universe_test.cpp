#include "services/universe.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

#include "services/symbol_table.hpp"

namespace tb::host {
namespace {

tb_symbol_info info(const char* name, const char* quote, const char* contract,
                    std::int32_t status = TB_SYMBOL_TRADING) {
  tb_symbol_info s{};
  s.struct_size = sizeof s;
  s.status = status;
  std::snprintf(s.symbol, sizeof s.symbol, "%s", name);
  std::snprintf(s.quote_asset, sizeof s.quote_asset, "%s", quote);
  std::snprintf(s.contract_type, sizeof s.contract_type, "%s", contract);
  return s;
}

std::vector<tb_symbol_info> exchange_symbols() {
  return {info("ETHUSDT", "USDT", "PERPETUAL"),     info("BTCUSDT", "USDT", "PERPETUAL"),
          info("BTCUSDC", "USDC", "PERPETUAL"),     info("BTCUSDT_260327", "USDT", "CURRENT_QUARTER"),
          info("LUNAUSDT", "USDT", "PERPETUAL", TB_SYMBOL_HALTED),
          info("SOLUSDT", "USDT", "PERPETUAL")};
}

TEST(Universe, KeepsTradingUsdtPerpetualsSorted) {
  EXPECT_EQ(select_universe(exchange_symbols(), {}),
            (std::vector<std::string>{"BTCUSDT", "ETHUSDT", "SOLUSDT"}));
}

TEST(Universe, AppliesExclude) {
  universe_filter f;
  f.exclude = {"ETHUSDT"};
  EXPECT_EQ(select_universe(exchange_symbols(), f),
            (std::vector<std::string>{"BTCUSDT", "SOLUSDT"}));
}

TEST(Universe, IncludeKeepsOnlyThoseAndStillFilters) {
  universe_filter f;
  f.include = {"SOLUSDT", "BTCUSDC", "LUNAUSDT", "ETHUSDT"};
  f.exclude = {"ETHUSDT"};
  EXPECT_EQ(select_universe(exchange_symbols(), f), (std::vector<std::string>{"SOLUSDT"}));
}

TEST(Universe, OtherQuoteAsset) {
  universe_filter f;
  f.quote = "USDC";
  EXPECT_EQ(select_universe(exchange_symbols(), f), (std::vector<std::string>{"BTCUSDC"}));
}

TEST(SymbolTable, InternsStableIds) {
  symbol_table t;
  const auto btc = t.intern("BTCUSDT");
  const auto eth = t.intern("ETHUSDT");
  EXPECT_NE(btc, 0u);
  EXPECT_NE(btc, eth);
  const std::string* name = &t.name(btc);
  for (int i = 0; i < 1000; ++i) t.intern("S" + std::to_string(i));
  EXPECT_EQ(t.intern("BTCUSDT"), btc);
  EXPECT_EQ(&t.name(btc), name);  // never moves
  EXPECT_EQ(t.find("ETHUSDT"), eth);
  EXPECT_FALSE(t.find("XRPUSDT"));
  EXPECT_THROW(t.name(0), std::out_of_range);
}

}  // namespace
}  // namespace tb::host
