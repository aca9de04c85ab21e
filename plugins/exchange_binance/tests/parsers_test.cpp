#include "market_data/parsers.hpp"

#include <gtest/gtest.h>

#include "market_data/market_data.hpp"

namespace tb::binance {
namespace {

constexpr char exchange_info[] = R"({"timezone":"UTC","serverTime":1,"rateLimits":[],
 "symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",
   "baseAsset":"BTC","quoteAsset":"USDT","pricePrecision":2,"quantityPrecision":3,
   "filters":[{"maxPrice":"4529764","filterType":"PRICE_FILTER","minPrice":"556.80","tickSize":"0.10"},
              {"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"},
              {"filterType":"MARKET_LOT_SIZE","minQty":"0.001","maxQty":"120","stepSize":"0.001"},
              {"filterType":"MIN_NOTIONAL","notional":"50"},
              {"filterType":"SOMETHING_NEW","x":1}]},
  {"symbol":"ETHUSDT_260925","contractType":"CURRENT_QUARTER","status":"SETTLING",
   "baseAsset":"ETH","quoteAsset":"USDT","pricePrecision":2,"quantityPrecision":3,
   "filters":[{"filterType":"PRICE_FILTER","minPrice":"1","maxPrice":"1000000","tickSize":"0.01"},
              {"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"10000","stepSize":"0.001"}]}]})";

TEST(parsers, exchange_info_filters_are_keyed_by_type_and_kept_exact) {
  const auto symbols = parse_exchange_info(exchange_info);
  ASSERT_EQ(symbols.size(), 2u);
  EXPECT_EQ(symbols[0].tick_size, "0.10");
  EXPECT_EQ(symbols[0].min_price, "556.80");
  EXPECT_EQ(symbols[0].step_size, "0.001");
  EXPECT_EQ(symbols[0].market_max_qty, "120");
  EXPECT_EQ(symbols[0].min_notional, "50");
  const auto info = to_symbol_info(symbols[0]);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, sdk::symbol_status::trading);
  EXPECT_EQ(info->contract_type, "PERPETUAL");
  EXPECT_EQ(info->price_precision, 2);
  EXPECT_EQ(to_symbol_info(symbols[1])->status, sdk::symbol_status::halted);
}

TEST(parsers, malformed_exchange_info_gives_clear_errors) {
  for (const char* bad : {"", "{", "[]", R"({"symbols":5})", R"({"symbols":[{"symbol":"X"}]})",
                          R"({"symbols":[{"symbol":"X","status":"TRADING","filters":[]}]})",
                          "<html>502 Bad Gateway</html>"}) {
    EXPECT_THROW(parse_exchange_info(bad), parse_error) << bad;
  }
  try {
    parse_exchange_info("<html>");
  } catch (const parse_error& e) {
    EXPECT_STREQ(e.what(), "exchangeInfo: the response is not valid JSON (6 bytes)");
  }
}

TEST(parsers, klines_closed_only_when_close_time_passed_by_server_time) {
  const char body[] =
      R"([[1789478100000,"76900.0","76970.5","76890.1","76936.2","20.680",1789478159999,"1591436.27",878,"15.19","1168938.6","0"],
          [1789478160000,"76936.20","76965.50","76936.10","76965.40","20.680",1789478219999,"1591436.27140",878,"15.190","1168938.63310","0"]])";
  const auto candles = parse_klines(body, 1789478200000);
  ASSERT_EQ(candles.size(), 2u);
  EXPECT_EQ(candles[0].flags, TB_CANDLE_CLOSED);
  EXPECT_EQ(candles[1].flags, 0u);
  EXPECT_DOUBLE_EQ(candles[1].close, 76965.40);
  EXPECT_EQ(candles[1].trade_count, 878u);
  EXPECT_EQ(candles[1].close_time_ms, 1789478219999);
}

TEST(parsers, klines_scanner_accepts_any_json_spacing_and_extra_fields) {
  const auto candles = parse_klines(
      " [ ]", 0);
  EXPECT_TRUE(candles.empty());
  const auto spaced = parse_klines(
      "[\n [ 60000 , \"1.5\" , \"2\", \"1\", \"1.75\", \"10\", 119999, \"17.5\", 4, \"5\", "
      "\"8.75\", \"0\", [1, {\"a\": \"]\"}], null ] ]\n",
      120000);
  ASSERT_EQ(spaced.size(), 1u);
  EXPECT_EQ(spaced[0].open_time_ms, 60000);
  EXPECT_EQ(spaced[0].close, 1.75);
  EXPECT_EQ(spaced[0].quote_volume, 17.5);
  EXPECT_EQ(spaced[0].trade_count, 4u);
  EXPECT_EQ(spaced[0].flags, TB_CANDLE_CLOSED);
  for (const char* bad : {"", "[", "[[1,\"1\",\"1\",\"1\",\"1\",\"1\",2,\"1\",3]", "[] x",
                          "[[1.5,\"1\",\"1\",\"1\",\"1\",\"1\",2,\"1\",3]]",
                          "[[1,\"1\",\"1\",\"1\",\"1\",\"1\",2,\"1\",\"3\"]]"}) {
    EXPECT_THROW(parse_klines(bad, 0), parse_error) << bad;
  }
}

TEST(parsers, malformed_klines_give_clear_errors) {
  for (const char* bad : {"{}", "[1]", R"([[1,"a","1","1","1","1",2,"1",3]])",
                          R"([[1,1,"1","1","1","1",2,"1",3]])", R"([[1,"1","1","1","1","1"]])",
                          R"([[5,"1","1","1","1","1",6,"1",3],[5,"1","1","1","1","1",6,"1",3]])"}) {
    EXPECT_THROW(parse_klines(bad, 0), parse_error) << bad;
  }
}

TEST(parsers, kline_events_from_combined_streams) {
  const auto event = parse_kline_event(
      R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1638747660000,
      "T":1638747719999,"s":"BTCUSDT","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025",
      "l":"0.0015","v":"1000","n":100,"x":true,"q":"1.0000","V":"500","Q":"0.500","B":"1"}}})");
  EXPECT_EQ(event.symbol, "BTCUSDT");
  EXPECT_EQ(event.interval, "1m");
  EXPECT_EQ(event.candle.flags, TB_CANDLE_CLOSED);
  EXPECT_EQ(event.candle.open_time_ms, 1638747660000);
  EXPECT_THROW(parse_kline_event(R"({"data":{"k":{"s":"X"}}})"), parse_error);
  EXPECT_THROW(parse_kline_event("not json"), parse_error);
}

TEST(parsers, server_time) {
  EXPECT_EQ(parse_server_time(R"({"serverTime": 1789478299014})"), 1789478299014);
  EXPECT_THROW(parse_server_time(R"({"serverTime": "soon"})"), parse_error);
}

TEST(parsers, intervals) {
  EXPECT_EQ(interval_ms("1m"), 60000);
  EXPECT_EQ(interval_ms("1M"), 30LL * 86400000);
  EXPECT_FALSE(interval_ms("1s"));
}

}  // namespace
}  // namespace tb::binance
