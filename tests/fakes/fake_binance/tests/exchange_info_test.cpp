#include <set>
#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

TEST(exchange_info, lists_650_trading_usdt_perpetuals_and_entries_to_filter_out) {
  running_server server(server_options{});
  auto client = server.client();
  const auto reply = client.get("/fapi/v1/exchangeInfo");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("x-mbx-used-weight-1m"), "1");
  const auto info = reply.json();
  EXPECT_EQ(info.at("timezone"), "UTC");
  EXPECT_TRUE(info.at("serverTime").is_number_integer());
  ASSERT_EQ(info.at("rateLimits").size(), 3U);
  EXPECT_EQ(info.at("rateLimits")[0].at("limit"), 2400);

  int tradable = 0;
  int others = 0;
  std::set<std::string> names;
  for (const auto& s : info.at("symbols")) {
    EXPECT_TRUE(names.insert(s.at("symbol").get<std::string>()).second) << s.at("symbol");
    if (s.at("status") == "TRADING" && s.at("contractType") == "PERPETUAL" && s.at("quoteAsset") == "USDT")
      ++tradable;
    else
      ++others;
  }
  EXPECT_EQ(tradable, 650);
  EXPECT_GE(others, 5);
  EXPECT_EQ(info.at("symbols")[0].at("symbol"), "BTCUSDT");
  for (const char* real : {"ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT"})
    EXPECT_TRUE(names.contains(real)) << real;
}

TEST(exchange_info, filters_are_consistent_with_precisions) {
  running_server server;
  auto client = server.client();
  const auto info = client.get("/fapi/v1/exchangeInfo").json();
  for (const auto& s : info.at("symbols")) {
    std::set<std::string> kinds;
    std::string tick;
    std::string step;
    for (const auto& f : s.at("filters")) {
      kinds.insert(f.at("filterType").get<std::string>());
      if (f.at("filterType") == "PRICE_FILTER") tick = f.at("tickSize").get<std::string>();
      if (f.at("filterType") == "LOT_SIZE") step = f.at("stepSize").get<std::string>();
    }
    for (const char* k : {"PRICE_FILTER", "LOT_SIZE", "MARKET_LOT_SIZE", "MIN_NOTIONAL", "PERCENT_PRICE", "MAX_NUM_ORDERS"})
      EXPECT_TRUE(kinds.contains(k)) << s.at("symbol") << " lacks " << k;
    const auto decimals = [](const std::string& v) {
      const auto dot = v.find('.');
      return dot == std::string::npos ? 0 : static_cast<int>(v.size() - dot - 1);
    };
    EXPECT_EQ(decimals(tick), s.at("pricePrecision").get<int>()) << s.at("symbol");
    EXPECT_EQ(decimals(step), s.at("quantityPrecision").get<int>()) << s.at("symbol");
  }
}

TEST(exchange_info, ping_and_time) {
  running_server server;
  auto client = server.client();
  EXPECT_EQ(client.get("/fapi/v1/ping").body, "{}");
  const auto t = client.get("/fapi/v1/time").json();
  EXPECT_GT(t.at("serverTime").get<std::int64_t>(), 1'700'000'000'000);
}

TEST(exchange_info, tickers_and_premium_index) {
  running_server server;
  auto client = server.client();
  const auto one = client.get("/fapi/v1/ticker/24hr?symbol=ETHUSDT");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json().at("symbol"), "ETHUSDT");
  EXPECT_TRUE(one.json().at("lastPrice").is_string());
  const auto all = client.get("/fapi/v1/ticker/24hr");
  EXPECT_EQ(all.json().size(), server.context().catalog.all().size());
  EXPECT_EQ(std::stoi(all.header("x-mbx-used-weight-1m")) - std::stoi(one.header("x-mbx-used-weight-1m")), 40);
  const auto price = client.get("/fapi/v2/ticker/price?symbol=BTCUSDT").json();
  EXPECT_EQ(price.at("symbol"), "BTCUSDT");
  EXPECT_TRUE(price.at("price").is_string());
  EXPECT_TRUE(price.at("time").is_number_integer());
  const auto mark = client.get("/fapi/v1/premiumIndex?symbol=BTCUSDT").json();
  EXPECT_TRUE(mark.at("markPrice").is_string());
  EXPECT_GT(mark.at("nextFundingTime").get<std::int64_t>(), mark.at("time").get<std::int64_t>());
  const auto bad = client.get("/fapi/v2/ticker/price?symbol=NOPEUSDT");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, R"({"code":-1121,"msg":"Invalid symbol."})");
}

}  // namespace
}  // namespace tb::fake::test
