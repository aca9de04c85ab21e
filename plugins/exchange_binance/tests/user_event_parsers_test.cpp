// The user-data stream's event parsers, on hand-written events shaped as in section 13 of the
// protocol notes.
#include "websocket/user_event_parsers.hpp"
#include "execution/order_parsers.hpp"

#include <gtest/gtest.h>

namespace tb::binance {
namespace {

constexpr char market_fill[] = R"({"e":"ORDER_TRADE_UPDATE","E":1789478300105,"T":1789478300101,
 "o":{"s":"BTCUSDT","c":"bot-7f3a","S":"BUY","o":"MARKET","f":"GTC","q":"0.010","p":"0",
      "ap":"76915.00","sp":"0","x":"TRADE","X":"FILLED","i":22542179,"l":"0.010","z":"0.010",
      "L":"76915.00","N":"USDT","n":"0.30766000","T":1789478300101,"t":698759,"b":"0","a":"0",
      "m":false,"R":true,"wt":"CONTRACT_PRICE","ot":"MARKET","ps":"BOTH","cp":false,
      "rp":"1.25000000","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}})";

TEST(user_event_parsers, order_trade_update_fill_maps_every_field) {
  const user_event e = parse_user_event(market_fill);
  ASSERT_EQ(e.kind, user_event_kind::order);
  EXPECT_EQ(e.type, "ORDER_TRADE_UPDATE");
  EXPECT_EQ(e.event_time_ms, 1789478300105);
  const sdk::order_state& o = e.order;
  EXPECT_EQ(o.status, sdk::order_status::filled);
  EXPECT_EQ(o.direction, sdk::side::long_);
  EXPECT_EQ(o.type, sdk::order_type::market);
  EXPECT_EQ(o.symbol, "BTCUSDT");
  EXPECT_EQ(o.client_order_id, "bot-7f3a");
  EXPECT_EQ(o.exchange_order_id, "22542179");
  EXPECT_EQ(o.quantity, "0.010");
  EXPECT_EQ(o.filled_quantity, "0.010");
  EXPECT_EQ(o.average_price, "76915.00");
  EXPECT_EQ(o.stop_price, "");  // "0" means none
  EXPECT_EQ(o.last_fill_quantity, "0.010");
  EXPECT_EQ(o.last_fill_price, "76915.00");
  EXPECT_EQ(o.commission, "0.30766000");
  EXPECT_EQ(o.commission_asset, "USDT");
  EXPECT_EQ(o.realized_pnl, "1.25000000");
  EXPECT_EQ(o.update_time_ms, 1789478300101);
}

TEST(user_event_parsers, order_trade_update_new_has_no_fill_and_keeps_the_original_type) {
  const user_event e = parse_user_event(R"({"e":"ORDER_TRADE_UPDATE","E":5,"T":4,
    "o":{"s":"ETHUSDT","c":"lim-1","S":"SELL","o":"LIMIT","ot":"LIMIT","q":"1.5","p":"3000.10",
         "ap":"0","sp":"0","x":"NEW","X":"NEW","i":7,"l":"0","z":"0","L":"0","T":4,"rp":"0"}})");
  ASSERT_EQ(e.kind, user_event_kind::order);
  EXPECT_EQ(e.order.status, sdk::order_status::new_);
  EXPECT_EQ(e.order.direction, sdk::side::short_);
  EXPECT_EQ(e.order.type, sdk::order_type::limit);
  EXPECT_EQ(e.order.average_price, "");
  EXPECT_EQ(e.order.last_fill_quantity, "");
  EXPECT_EQ(e.order.commission, "");  // N and n may be absent
  EXPECT_EQ(e.order.update_time_ms, 4);
}

TEST(user_event_parsers, order_statuses_and_unplaced_types) {
  for (const auto& [word, status] : {std::pair{"PARTIALLY_FILLED", sdk::order_status::partially_filled},
                                     std::pair{"CANCELED", sdk::order_status::canceled},
                                     std::pair{"EXPIRED", sdk::order_status::expired},
                                     std::pair{"EXPIRED_IN_MATCH", sdk::order_status::expired}}) {
    const std::string text = std::string(R"({"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"X","c":"c","S":"BUY","o":"LIQUIDATION","X":")") +
                             word + R"("}})";
    const user_event e = parse_user_event(text);
    EXPECT_EQ(e.order.status, status) << word;
    EXPECT_EQ(static_cast<int>(e.order.type), 0) << "LIQUIDATION is not a type the plugin places";
  }
}

TEST(user_event_parsers, algo_update_maps_conditional_orders) {
  const user_event e = parse_user_event(R"({"e":"ALGO_UPDATE","T":1789478300200,"E":1789478300201,
    "o":{"caid":"sl-7f3a","aid":2146760,"at":"CONDITIONAL","o":"STOP_MARKET","s":"BTCUSDT",
         "S":"SELL","ps":"BOTH","f":"GTC","q":"0.010","X":"NEW","ai":"","ap":"0.00000",
         "aq":"0.00000","act":"0","tp":"75000.0","p":"0","V":"EXPIRE_MAKER","wt":"MARK_PRICE",
         "pm":"NONE","cp":false,"pP":false,"R":true,"tt":0,"gtd":0,"rm":""}})");
  ASSERT_EQ(e.kind, user_event_kind::algo_order);
  const sdk::order_state& o = e.order;
  EXPECT_EQ(o.status, sdk::order_status::new_);
  EXPECT_EQ(o.type, sdk::order_type::stop_market);
  EXPECT_EQ(o.direction, sdk::side::short_);
  EXPECT_EQ(o.client_order_id, "sl-7f3a");
  EXPECT_EQ(o.exchange_order_id, "2146760");
  EXPECT_EQ(o.quantity, "0.010");
  EXPECT_EQ(o.stop_price, "75000.0");
  EXPECT_EQ(o.filled_quantity, "");
  EXPECT_EQ(o.update_time_ms, 1789478300201);  // not triggered yet: the event time
}

TEST(user_event_parsers, algo_update_triggered_uses_the_trigger_time) {
  const user_event e = parse_user_event(R"({"e":"ALGO_UPDATE","E":9,
    "o":{"caid":"tp-1","aid":3,"o":"TAKE_PROFIT_MARKET","s":"BTCUSDT","S":"BUY","q":"1",
         "X":"TRIGGERED","ai":55,"ap":"0","aq":"0","tp":"70000","tt":8}})");
  EXPECT_EQ(e.order.status, sdk::order_status::triggered);
  EXPECT_EQ(e.order.type, sdk::order_type::take_profit_market);
  EXPECT_EQ(e.order.update_time_ms, 8);
}

TEST(user_event_parsers, algo_statuses_map_onto_tb_order_states) {
  EXPECT_EQ(algo_status_of("NEW", false), sdk::order_status::new_);
  EXPECT_EQ(algo_status_of("TRIGGERING", false), sdk::order_status::new_);
  EXPECT_EQ(algo_status_of("TRIGGERED", false), sdk::order_status::triggered);
  EXPECT_EQ(algo_status_of("FINISHED", true), sdk::order_status::filled);
  EXPECT_EQ(algo_status_of("FINISHED", false), sdk::order_status::expired);
  EXPECT_EQ(algo_status_of("CANCELED", false), sdk::order_status::canceled);
  EXPECT_EQ(algo_status_of("EXPIRED", false), sdk::order_status::expired);
  EXPECT_EQ(algo_status_of("REJECTED", false), sdk::order_status::rejected);
  EXPECT_EQ(static_cast<int>(algo_status_of("PAUSED", false)), 0);
}

TEST(user_event_parsers, account_update_gives_balances_and_positions) {
  const user_event e = parse_user_event(R"({"e":"ACCOUNT_UPDATE","E":1789478300106,"T":1789478300101,
    "a":{"m":"ORDER",
         "B":[{"a":"USDT","wb":"1000.12345678","cw":"1000.12345678","bc":"0"},
              {"a":"BNB","wb":"1.5","cw":"1.5","bc":"0"}],
         "P":[{"s":"BTCUSDT","pa":"0.010","ep":"76915.0","bep":"76945.766","cr":"0","up":"0.00",
               "mt":"cross","iw":"0","ps":"BOTH"},
              {"s":"ETHUSDT","pa":"0","ep":"0.0","up":"0","mt":"isolated","ps":"BOTH"}]}})");
  ASSERT_EQ(e.kind, user_event_kind::account);
  ASSERT_EQ(e.balances.size(), 2u);
  EXPECT_EQ(e.balances[0].asset, "USDT");
  EXPECT_EQ(e.balances[0].wallet_balance, "1000.12345678");
  EXPECT_EQ(e.balances[0].available_balance, "");  // not in the event
  EXPECT_EQ(e.balances[0].update_time_ms, 1789478300101);
  ASSERT_EQ(e.positions.size(), 2u);
  EXPECT_EQ(e.positions[0].symbol, "BTCUSDT");
  EXPECT_EQ(e.positions[0].quantity, "0.010");
  EXPECT_EQ(e.positions[0].entry_price, "76915.0");
  EXPECT_EQ(e.positions[0].unrealized_pnl, "0.00");
  EXPECT_EQ(e.positions[0].margin, sdk::margin_type::cross);
  EXPECT_EQ(e.positions[1].quantity, "0");  // closed: pushed as such
  EXPECT_EQ(e.positions[1].margin, sdk::margin_type::isolated);
}

TEST(user_event_parsers, funding_fee_has_balances_only) {
  const user_event e = parse_user_event(R"({"e":"ACCOUNT_UPDATE","E":2,"T":1,
    "a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"999.9","cw":"999.9","bc":"0"}]}})");
  EXPECT_EQ(e.balances.size(), 1u);
  EXPECT_TRUE(e.positions.empty());
}

TEST(user_event_parsers, combined_stream_wrapper_is_unwrapped) {
  const user_event e = parse_user_event(
      std::string(R"({"stream":"abc","data":)") + market_fill + "}");
  EXPECT_EQ(e.kind, user_event_kind::order);
  EXPECT_EQ(e.order.client_order_id, "bot-7f3a");
}

TEST(user_event_parsers, listen_key_expired_and_unknown_events) {
  EXPECT_EQ(parse_user_event(R"({"e":"listenKeyExpired","E":1,"listenKey":"k"})").kind,
            user_event_kind::listen_key_expired);
  const user_event other = parse_user_event(R"({"e":"ACCOUNT_CONFIG_UPDATE","E":1,"ac":{"s":"BTCUSDT","l":25}})");
  EXPECT_EQ(other.kind, user_event_kind::other);
  EXPECT_EQ(other.type, "ACCOUNT_CONFIG_UPDATE");
  EXPECT_EQ(parse_user_event(R"({"e":"TRADE_LITE","E":1})").kind, user_event_kind::other);
}

// Each malformed event fails with a message naming the event and the problem.
void expect_malformed(const std::string& text, const std::string& fragment) {
  try {
    parse_user_event(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const parse_error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(user_event_parsers, malformed_events_are_refused_with_a_clear_message) {
  expect_malformed("not json", "user-data event");
  expect_malformed("[1,2]", "expected a JSON object");
  expect_malformed(R"({"E":1})", "no \"e\"");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","E":1})", "ORDER_TRADE_UPDATE: no \"o\" object");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","o":{"s":"X","S":"BUY","X":"NEW"}})",
                   "ORDER_TRADE_UPDATE: no \"c\"");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","o":{"s":"X","c":"a","S":"UP","X":"NEW"}})",
                   "side \"UP\"");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","o":{"s":"X","c":"a","S":"BUY","X":"WEIRD"}})",
                   "unknown order status \"WEIRD\"");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","o":{"s":"X","c":"a","S":"BUY","X":"NEW","q":{}}})",
                   "\"q\" is not a string");
  expect_malformed(R"({"e":"ORDER_TRADE_UPDATE","E":"soon","o":{}})", "\"E\" is not a whole number");
  expect_malformed(R"({"e":"ALGO_UPDATE","o":{"s":"X","S":"BUY","X":"NEW"}})", "ALGO_UPDATE: no \"caid\"");
  expect_malformed(R"({"e":"ALGO_UPDATE","o":{"caid":"a","s":"X","S":"BUY","X":"ODD"}})",
                   "unknown algo status");
  expect_malformed(R"({"e":"ACCOUNT_UPDATE","a":{"B":{}}})", "\"B\" is not an array");
  expect_malformed(R"({"e":"ACCOUNT_UPDATE","a":{"B":[{"wb":"1"}]}})", "ACCOUNT_UPDATE balance: no \"a\"");
  expect_malformed(R"({"e":"ACCOUNT_UPDATE","a":{"P":[5]}})", "position entry is not an object");
}

}  // namespace
}  // namespace tb::binance
