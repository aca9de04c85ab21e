// GET /fapi/v1/userTrades, the wallet identity, and the partial-fill test controls
// (/_admin/orders/fill, /_admin/orders/hold-limits).
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "account/signature.hpp"
#include "market/market.hpp"
#include "server_fixture.hpp"
#include "signed_trader.hpp"
#include "util/decimal.hpp"

namespace tb::fake::test {
namespace {

using nlohmann::json;

// BTCUSDT's price now and `skew_ms` later: the market is a function of time, so a test can
// know where a clock jump will take it.
std::pair<double, double> btc_now_and_after(trader& t, const server_options& o, std::int64_t skew_ms) {
  const auto now = t.raw().get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
  sim_clock clock(1.0, now);
  symbol_catalog catalog(o.symbols, o.seed);
  market future(catalog, clock);
  const auto* btc = catalog.find("BTCUSDT");
  return {static_cast<double>(future.last_price(*btc, now)) / 10.0,
          static_cast<double>(future.last_price(*btc, now + skew_ms)) / 10.0};
}

json user_trades(trader& t, const std::string& params) {
  const auto r = t.send("GET", "/fapi/v1/userTrades", params);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

std::int64_t units8(const json& text) {
  const auto d = parse_decimal(text.get<std::string>());
  const auto u = d ? rescale(*d, 8) : std::nullopt;
  EXPECT_TRUE(u.has_value()) << text;
  return u.value_or(0);
}

// The printed wallet balance in 1e-8 USDT.
std::int64_t wallet(trader& t) { return units8(t.send("GET", "/fapi/v2/balance", "").json().at(0).at("balance")); }

bool is_trade(const json& m) { return m.value("e", "") == "ORDER_TRADE_UPDATE" && m["o"].value("x", "") == "TRADE"; }

void wait_for_one_ws(trader& t) {
  ASSERT_TRUE(eventually([&] { return t.raw().get("/_admin/ws").json().size() == 1; }));
}

TEST(user_trades, market_order_fill_matches_its_event) {
  running_server server;
  trader t(server);
  ws_client ws(server.port(), "/private/ws/" + t.listen_key());
  wait_for_one_ws(t);
  const auto order = t.send("POST", "/fapi/v1/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.10");
  ASSERT_EQ(order.status, 200) << order.body;
  const auto event = ws.read_until(is_trade);
  ASSERT_TRUE(event.has_value());
  const auto& e = (*event)["o"];

  const auto trades = user_trades(t, "symbol=ETHUSDT");
  ASSERT_EQ(trades.size(), 1U);
  const auto& tr = trades[0];
  EXPECT_EQ(tr.at("symbol"), "ETHUSDT");
  EXPECT_EQ(tr.at("orderId"), order.json().at("orderId"));
  EXPECT_EQ(tr.at("side"), "BUY");
  EXPECT_EQ(tr.at("qty"), "0.10");
  EXPECT_EQ(tr.at("commissionAsset"), "USDT");
  EXPECT_EQ(tr.at("positionSide"), "BOTH");
  EXPECT_EQ(tr.at("buyer"), true);
  EXPECT_EQ(tr.at("maker"), false);
  EXPECT_EQ(tr.at("realizedPnl"), "0.00000000");
  // One record behind both: same id, price, commission and realized PnL as the event.
  EXPECT_EQ(tr.at("id"), e.at("t"));
  EXPECT_EQ(tr.at("price"), e.at("L"));
  EXPECT_EQ(tr.at("commission"), e.at("n"));
  EXPECT_EQ(tr.at("realizedPnl"), e.at("rp"));
  EXPECT_EQ(tr.at("time"), e.at("T"));
  const double price = std::stod(tr.at("price").get<std::string>());
  const double quote = std::stod(tr.at("quoteQty").get<std::string>());
  EXPECT_NEAR(quote, price * 0.10, 1e-9);
  EXPECT_NEAR(std::stod(tr.at("commission").get<std::string>()), quote * 0.0005, 0.6e-8);  // the taker fee
}

TEST(user_trades, filters_limit_and_weight) {
  running_server server;
  trader t(server);
  std::vector<std::int64_t> orders;
  for (const char* side : {"BUY", "BUY", "SELL"}) {
    const auto r = t.send("POST", "/fapi/v1/order", std::string("symbol=ETHUSDT&type=MARKET&quantity=0.10&side=") + side);
    ASSERT_EQ(r.status, 200) << r.body;
    orders.push_back(r.json().at("orderId").get<std::int64_t>());
  }
  ASSERT_EQ(t.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010").status, 200);

  const auto all = user_trades(t, "symbol=ETHUSDT");
  ASSERT_EQ(all.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(all[i].at("orderId"), orders[i]);
  EXPECT_LT(all[0].at("id").get<std::int64_t>(), all[1].at("id").get<std::int64_t>());
  EXPECT_EQ(user_trades(t, "symbol=BTCUSDT").size(), 1U);

  const auto one = user_trades(t, "symbol=ETHUSDT&orderId=" + std::to_string(orders[1]));
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0].at("id"), all[1].at("id"));
  EXPECT_TRUE(user_trades(t, "symbol=BTCUSDT&orderId=" + std::to_string(orders[1])).empty());

  // limit keeps the most recent fills; with fromId it pages forward from that id.
  auto page = user_trades(t, "symbol=ETHUSDT&limit=2");
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0].at("id"), all[1].at("id"));
  page = user_trades(t, "symbol=ETHUSDT&limit=2&fromId=" + std::to_string(all[0].at("id").get<std::int64_t>()));
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[1].at("id"), all[1].at("id"));
  page = user_trades(t, "symbol=ETHUSDT&fromId=" + std::to_string(all[2].at("id").get<std::int64_t>()));
  ASSERT_EQ(page.size(), 1U);

  const auto now = t.raw().get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
  EXPECT_EQ(user_trades(t, "symbol=ETHUSDT&startTime=" + std::to_string(now - 60'000)).size(), 3U);
  EXPECT_TRUE(user_trades(t, "symbol=ETHUSDT&endTime=" + std::to_string(now - 60'000)).empty());
  EXPECT_EQ(user_trades(t, "symbol=ETHUSDT&limit=1000").size(), 3U);

  // Weight 5 (plus 1 for the /fapi/v1/time the helper sends first).
  const auto w1 = std::stoi(t.send("GET", "/fapi/v1/userTrades", "symbol=ETHUSDT").header("x-mbx-used-weight-1m"));
  const auto w2 = std::stoi(t.send("GET", "/fapi/v1/userTrades", "symbol=ETHUSDT").header("x-mbx-used-weight-1m"));
  EXPECT_EQ(w2 - w1, 6);
}

TEST(user_trades, bad_parameters) {
  running_server server;
  trader t(server);
  const auto now = std::to_string(t.raw().get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>());
  const auto day_ago = std::to_string(std::stoll(now) - 86'400'000);
  const auto eight_days_ago = std::to_string(std::stoll(now) - 8 * 86'400'000LL);
  const struct {
    std::string params;
    int code;
  } cases[] = {
      {"", -1102},
      {"orderId=5", -1102},
      {"symbol=NOPEUSDT", -1121},
      {"symbol=BTCUSDT&limit=1001", -1130},
      {"symbol=BTCUSDT&limit=0", -1130},
      {"symbol=BTCUSDT&limit=ten", -1130},
      {"symbol=BTCUSDT&fromId=1&startTime=" + day_ago, -1128},
      {"symbol=BTCUSDT&fromId=1&endTime=" + now, -1128},
      {"symbol=BTCUSDT&startTime=" + now + "&endTime=" + day_ago, -1023},
      {"symbol=BTCUSDT&startTime=" + eight_days_ago + "&endTime=" + now, -1127},
  };
  for (const auto& k : cases) {
    const auto r = t.send("GET", "/fapi/v1/userTrades", k.params);
    EXPECT_EQ(r.status, 400) << k.params;
    EXPECT_EQ(r.json().at("code"), k.code) << k.params << " " << r.body;
  }
  EXPECT_EQ(t.send("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1&limit=1000").status, 200);
  EXPECT_EQ(t.send("GET", "/fapi/v1/userTrades", "symbol=BTCUSDT&fromId=1&limit=1000").body, "[]");
}

// The MARKET child of a triggered stop is listed under the algo's actualOrderId.
TEST(user_trades, triggered_stop_child_fill) {
  auto o = small_options();
  o.start_time_ms = 1'780'000'000'000;  // the start and path of user_stream.algo_order_triggers_when_price_crosses
  running_server server(o);
  trader t(server);
  ASSERT_EQ(t.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010").status, 200);
  const std::int64_t skew = 3 * 86'400'000;
  const auto [p0, p1] = btc_now_and_after(t, o, skew);
  ASSERT_GE(std::abs(p1 - p0) / p0, 0.01) << "the path barely moves over this skew";
  char trigger[32];
  std::snprintf(trigger, sizeof trigger, "%.1f", (p0 + p1) / 2);
  const std::string type = p1 < p0 ? "STOP_MARKET" : "TAKE_PROFIT_MARKET";
  auto r = t.send("POST", "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=" + type +
                                                     "&triggerPrice=" + trigger + "&closePosition=true&clientAlgoId=sl-1");
  ASSERT_EQ(r.status, 200) << r.body;
  t.admin("/_admin/clock", json{{"skewMs", skew}});
  ASSERT_TRUE(eventually([&] { return t.send("GET", "/fapi/v1/algoOrder", "clientAlgoId=sl-1").json().at("algoStatus") == "FINISHED"; }));
  const auto child = t.send("GET", "/fapi/v1/algoOrder", "clientAlgoId=sl-1").json().at("actualOrderId").get<std::string>();
  const auto fills = user_trades(t, "symbol=BTCUSDT&orderId=" + child);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(std::to_string(fills[0].at("orderId").get<std::int64_t>()), child);
  EXPECT_EQ(fills[0].at("side"), "SELL");
  EXPECT_EQ(fills[0].at("qty"), "0.010");
  EXPECT_EQ(fills[0].at("maker"), false);
  EXPECT_NE(fills[0].at("realizedPnl"), "0.00000000");  // the position moved at least 1 %
  EXPECT_EQ(user_trades(t, "symbol=BTCUSDT").size(), 2U);  // the entry is within the last 7 days too
}

// Σ (realizedPnl − commission) over userTrades == the change of the printed wallet balance.
TEST(user_trades, wallet_moves_by_exactly_the_fills) {
  auto o = small_options();
  o.speed = 600;  // ten market minutes a real second: round trips realize something
  running_server server(o);
  trader t(server);
  const auto before = wallet(t);
  const char* legs[] = {"symbol=BTCUSDT&side=BUY&quantity=0.010",  "symbol=BTCUSDT&side=SELL&quantity=0.010",
                        "symbol=ETHUSDT&side=SELL&quantity=0.10",  "symbol=ETHUSDT&side=BUY&quantity=0.30",
                        "symbol=ETHUSDT&side=SELL&quantity=0.20",  "symbol=SOLUSDT&side=BUY&quantity=3",
                        "symbol=SOLUSDT&side=SELL&quantity=3"};
  for (const char* leg : legs) {
    const auto r = t.send("POST", "/fapi/v1/order", std::string(leg) + "&type=MARKET");
    ASSERT_EQ(r.status, 200) << leg << " " << r.body;
    std::this_thread::sleep_for(150ms);
  }
  std::int64_t sum = 0;
  std::int64_t realized = 0;
  int count = 0;
  for (const char* symbol : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
    for (const auto& tr : user_trades(t, std::string("symbol=") + symbol)) {
      sum += units8(tr.at("realizedPnl")) - units8(tr.at("commission"));
      realized += std::abs(units8(tr.at("realizedPnl")));
      ++count;
    }
  }
  EXPECT_EQ(count, 7);
  EXPECT_GT(realized, 0);
  EXPECT_EQ(wallet(t) - before, sum);
  EXPECT_TRUE(t.send("GET", "/fapi/v3/positionRisk", "").json().empty());
}

TEST(admin_fill, partial_fills_then_the_rest) {
  running_server server;
  trader t(server);
  ws_client ws(server.port(), "/private/ws/" + t.listen_key());
  wait_for_one_ws(t);
  ASSERT_EQ(t.admin("/_admin/orders/hold-limits", {{"hold", true}}).status, 200);
  const auto price = std::stod(t.raw().get("/fapi/v2/ticker/price?symbol=BTCUSDT").json().at("price").get<std::string>());
  char limit[32];
  std::snprintf(limit, sizeof limit, "%.1f", price * 0.97);
  auto r = t.send("POST", "/fapi/v1/order", std::string("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.030&price=") +
                                                limit + "&newClientOrderId=X");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto order_id = r.json().at("orderId").get<std::int64_t>();
  const json fill{{"symbol", "BTCUSDT"}, {"clientOrderId", "X"}, {"quantity", "0.010"}};

  r = t.admin("/_admin/orders/fill", fill);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "PARTIALLY_FILLED");
  EXPECT_EQ(r.json().at("executedQty"), "0.010");
  auto e = ws.read_until(is_trade);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ((*e)["o"]["X"], "PARTIALLY_FILLED");
  EXPECT_EQ((*e)["o"]["l"], "0.010");
  EXPECT_EQ((*e)["o"]["z"], "0.010");
  EXPECT_EQ((*e)["o"]["L"], limit);
  EXPECT_EQ((*e)["o"]["m"], true);
  const auto account = ws.read_until([](const json& m) { return m.value("e", "") == "ACCOUNT_UPDATE"; });
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ((*account)["a"]["P"][0]["pa"], "0.010");

  ASSERT_EQ(t.admin("/_admin/orders/fill", fill).status, 200);
  EXPECT_EQ(t.send("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=X").json().at("executedQty"), "0.020");
  EXPECT_EQ(t.send("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT").json().size(), 1U);
  e = ws.read_until(is_trade);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ((*e)["o"]["X"], "PARTIALLY_FILLED");
  EXPECT_EQ((*e)["o"]["z"], "0.020");

  EXPECT_EQ(t.admin("/_admin/orders/fill", {{"symbol", "BTCUSDT"}, {"clientOrderId", "X"}, {"quantity", "0.011"}}).status, 400);
  EXPECT_EQ(t.admin("/_admin/orders/fill", {{"symbol", "BTCUSDT"}, {"clientOrderId", "X"}, {"quantity", "0.0105"}}).status, 400);
  r = t.admin("/_admin/orders/fill", fill);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "FILLED");
  EXPECT_EQ(r.json().at("executedQty"), "0.030");
  e = ws.read_until(is_trade);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ((*e)["o"]["X"], "FILLED");
  const auto last_t = (*e)["o"]["t"];
  r = t.admin("/_admin/orders/fill", fill);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.json().contains("error"));

  const auto fills = user_trades(t, "symbol=BTCUSDT&orderId=" + std::to_string(order_id));
  ASSERT_EQ(fills.size(), 3U);
  EXPECT_EQ(fills[2].at("id"), last_t);
  for (const auto& f : fills) {
    EXPECT_EQ(f.at("price"), limit);
    EXPECT_EQ(f.at("qty"), "0.010");
    EXPECT_EQ(f.at("maker"), true);
    EXPECT_NEAR(std::stod(f.at("commission").get<std::string>()), std::stod(f.at("quoteQty").get<std::string>()) * 0.0002, 0.6e-8);
  }
  EXPECT_EQ(t.send("GET", "/fapi/v3/positionRisk", "symbol=BTCUSDT").json().at(0).at("positionAmt"), "0.030");
}

TEST(admin_fill, rejections) {
  running_server server;
  trader t(server);
  ASSERT_EQ(t.send("POST", "/fapi/v1/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.10&newClientOrderId=M").status, 200);
  const auto price = std::stod(t.raw().get("/fapi/v2/ticker/price?symbol=ETHUSDT").json().at("price").get<std::string>());
  char limit[32];
  std::snprintf(limit, sizeof limit, "%.2f", price * 0.8);
  ASSERT_EQ(t.send("POST", "/fapi/v1/order", std::string("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price=") +
                                                 limit + "&newClientOrderId=C").status, 200);
  ASSERT_EQ(t.send("DELETE", "/fapi/v1/order", "symbol=ETHUSDT&origClientOrderId=C").status, 200);
  const json cases[] = {
      {{"symbol", "ETHUSDT"}, {"clientOrderId", "nope"}, {"quantity", "0.01"}},  // unknown
      {{"symbol", "ETHUSDT"}, {"clientOrderId", "M"}, {"quantity", "0.01"}},     // a MARKET order
      {{"symbol", "ETHUSDT"}, {"clientOrderId", "C"}, {"quantity", "0.01"}},     // canceled
      {{"symbol", "NOPEUSDT"}, {"clientOrderId", "C"}, {"quantity", "0.01"}},
      {{"symbol", "ETHUSDT"}, {"clientOrderId", "C"}, {"quantity", 0.01}},       // not a string
      {{"symbol", "ETHUSDT"}, {"clientOrderId", "C"}},
  };
  for (const auto& c : cases) {
    const auto r = t.admin("/_admin/orders/fill", c);
    EXPECT_EQ(r.status, 400) << c;
    EXPECT_TRUE(r.json().contains("error")) << r.body;
  }
  EXPECT_EQ(t.admin("/_admin/orders/hold-limits", {{"hold", "yes"}}).status, 400);
}

// While held, a resting LIMIT the price has crossed stays open; released, it fills.
TEST(admin_fill, hold_limits_stops_price_fills) {
  auto o = small_options();
  o.start_time_ms = 1'780'000'000'000;
  running_server server(o);
  trader t(server);
  const std::int64_t skew = 3 * 86'400'000;
  const auto [p0, p1] = btc_now_and_after(t, o, skew);
  ASSERT_GE(std::abs(p1 - p0) / p0, 0.01) << "the path barely moves over this skew";
  char limit[32];
  std::snprintf(limit, sizeof limit, "%.1f", (p0 + p1) / 2);
  // Resting now (a BUY below or a SELL above the price), crossed once the price reaches p1.
  const std::string side = p1 < p0 ? "BUY" : "SELL";
  ASSERT_EQ(t.admin("/_admin/orders/hold-limits", {{"hold", true}}).json().at("hold"), true);
  auto r = t.send("POST", "/fapi/v1/order", "symbol=BTCUSDT&type=LIMIT&timeInForce=GTC&quantity=0.010&side=" + side +
                                                "&price=" + limit + "&newClientOrderId=held");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "NEW");
  t.admin("/_admin/clock", json{{"skewMs", skew}});
  std::this_thread::sleep_for(300ms);  // several matching ticks
  EXPECT_EQ(t.send("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=held").json().at("status"), "NEW");
  EXPECT_TRUE(user_trades(t, "symbol=BTCUSDT").empty());
  ASSERT_EQ(t.admin("/_admin/orders/hold-limits", {{"hold", false}}).status, 200);
  EXPECT_EQ(t.send("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=held").json().at("status"), "FILLED");
  const auto fills = user_trades(t, "symbol=BTCUSDT");
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].at("price"), limit);
  EXPECT_EQ(fills[0].at("maker"), true);
}

}  // namespace
}  // namespace tb::fake::test
