#include "tradingbot/sdk/market_sink.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_host.hpp"

namespace tb::sdk {
namespace {

using testing::recording_market_sink;

TEST(market_sink, forwards_every_kind_of_push) {
  recording_market_sink host_sink;
  const market_sink sink(host_sink.raw());
  ASSERT_TRUE(sink.connected());
  tb_candle c{};
  c.open_time_ms = 60000;
  c.close = 1.5;
  sink.push_candle("BTCUSDT", "1m", c);
  order_state order;
  order.symbol = "BTCUSDT";
  order.client_order_id = "tb-1";
  sink.push_order_update(order);
  position p;
  p.symbol = "ETHUSDT";
  p.quantity = "-0.5";
  sink.push_position_update(p);
  balance b;
  b.asset = "USDT";
  b.wallet_balance = "1000.00";
  sink.push_balance_update(b);
  sink.push_stream_status("account", stream_status::disconnected);
  EXPECT_EQ(host_sink.events,
            (std::vector<std::string>{"candle BTCUSDT 1m 60000 1.500000", "order BTCUSDT tb-1",
                                      "position ETHUSDT -0.5", "balance USDT 1000.00",
                                      "stream account 2 (null)"}));
}

TEST(market_sink, keeps_its_own_copy_of_the_table) {
  recording_market_sink host_sink;
  const market_sink sink(host_sink.raw());
  host_sink.table().on_stream_status = nullptr;  // the host's struct may go; the copy stays
  sink.push_stream_status("klines", stream_status::connected, "ok");
  EXPECT_EQ(host_sink.events, (std::vector<std::string>{"stream klines 1 ok"}));
}

TEST(market_sink, an_older_table_gets_only_what_it_has) {
  recording_market_sink host_sink;
  host_sink.table().struct_size =
      static_cast<std::uint32_t>(offsetof(tb_market_sink, on_position_update));
  const market_sink sink(host_sink.raw());
  order_state order;
  order.symbol = "X";
  sink.push_order_update(order);
  sink.push_position_update(position());
  sink.push_balance_update(balance());
  sink.push_stream_status("s", stream_status::connected);
  EXPECT_EQ(host_sink.events, (std::vector<std::string>{"order X "}));
}

TEST(market_sink, no_table_does_nothing) {
  const market_sink none;
  EXPECT_FALSE(none.connected());
  none.push_candle("X", "1m", tb_candle{});
  none.push_stream_status("s", stream_status::connected);
}

TEST(market_sink, a_field_too_long_for_the_abi_throws) {
  recording_market_sink host_sink;
  const market_sink sink(host_sink.raw());
  balance b;
  b.asset = std::string(16, 'A');  // 15 characters fit
  try {
    sink.push_balance_update(b);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_EQ(e.status(), TB_E_INTERNAL);
    EXPECT_NE(std::string(e.what()).find("balance.asset"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(host_sink.events.empty());
}

}  // namespace
}  // namespace tb::sdk
