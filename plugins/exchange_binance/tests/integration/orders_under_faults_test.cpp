// exchange_binance.so's order path against fake-binance under faults (issue #3): idempotency
// under lost answers, timeouts and resets, clock skew, credentials, the order-count limit and
// bans, malformed answers. One intent (client order id) must never become two orders.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "order_fixture.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

using orders_under_faults_test = order_fixture;

// 4. A lost answer: the one order comes back by client id, and calling again never places a
// second (a filled MARKET order no longer blocks its id on Binance).
TEST_F(orders_under_faults_test, a_lost_answer_returns_the_one_order_and_a_retry_places_no_second) {
  start();
  fake_->admin("POST", "/_admin/orders/lose-response", {{"count", 2}});
  ASSERT_EQ(place(market(TB_SIDE_LONG, "BTCUSDT", "0.002", "lost-mkt")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_FILLED);
  const std::string id = state_.exchange_order_id;
  EXPECT_EQ(order_posts("lost-mkt").at(0).value("outcome", ""), "lost-response");
  EXPECT_TRUE(logged("found the order by its client id"));
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "lost-lim")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);

  for (int again = 0; again < 2; ++again) {
    ASSERT_EQ(place(market(TB_SIDE_LONG, "BTCUSDT", "0.002", "lost-mkt")), TB_OK) << err_.message;
    EXPECT_EQ(text(state_.exchange_order_id), id);
    ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "lost-lim")), TB_OK) << err_.message;
  }
  EXPECT_EQ(executed("lost-mkt"), 1u);
  EXPECT_EQ(order_posts("lost-mkt").size(), 1u);
  EXPECT_EQ(executed("lost-lim"), 1u);
  EXPECT_NEAR(btc_position(), 0.002, 1e-9);
  EXPECT_EQ(open_orders("BTCUSDT").size(), 1u);
}

TEST_F(orders_under_faults_test, a_lost_algo_answer_returns_the_one_conditional_order) {
  start();
  open_position(TB_SIDE_LONG, "entry-1");
  const std::string trigger = price_text("BTCUSDT", mark("BTCUSDT") * 0.9);
  fake_->admin("POST", "/_admin/orders/lose-response", {{"count", 1}});
  const order_spec stop = protective(TB_ORDER_STOP_MARKET, TB_SIDE_SHORT, trigger, "", "lost-sl");
  ASSERT_EQ(place(stop), TB_OK) << err_.message;
  EXPECT_EQ(order_posts("lost-sl").at(0).value("outcome", ""), "lost-response");
  EXPECT_EQ(state_.type, TB_ORDER_STOP_MARKET);
  const std::string id = state_.exchange_order_id;
  ASSERT_EQ(place(stop), TB_OK) << err_.message;
  EXPECT_EQ(text(state_.exchange_order_id), id);
  // A reset on the algo POST: unknown outcome, then the same intent is placed once.
  fake_->admin("POST", "/_admin/faults",
               {{"type", "reset"}, {"count", 1}, {"path", "/fapi/v1/algoOrder"}});
  const order_spec target = protective(TB_ORDER_TAKE_PROFIT_MARKET, TB_SIDE_SHORT,
                                       price_text("BTCUSDT", mark("BTCUSDT") * 1.1), "", "reset-tp");
  EXPECT_EQ(place(target), TB_E_UNKNOWN_OUTCOME) << err_.message;
  ASSERT_EQ(place(target), TB_OK) << err_.message;
  ASSERT_EQ(place(target), TB_OK) << err_.message;
  EXPECT_EQ(executed("reset-tp"), 1u);
  EXPECT_EQ(executed("lost-sl"), 1u);
  EXPECT_EQ(order_posts("lost-sl").size(), 1u);
  std::vector<std::string> ids;
  for (const auto& o : open_orders("BTCUSDT")) ids.emplace_back(o.client_order_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"lost-sl", "reset-tp"}));
}

TEST_F(orders_under_faults_test, timeouts_and_resets_give_unknown_outcome_and_a_retry_places_exactly_one) {
  start();
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "warm-up")), TB_OK) << err_.message;
  fake_->admin("POST", "/_admin/faults", {{"type", "timeout"}, {"count", 1},
                                          {"path", "/fapi/v1/order"}, {"holdMs", 5000}});
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "slow-1"), 1500ms), TB_E_UNKNOWN_OUTCOME)
      << err_.message;
  EXPECT_NE(std::string(err_.message).find("order slow-1: outcome unknown, query it by client id"),
            std::string::npos) << err_.message;
  fake_->admin("POST", "/_admin/faults",
               {{"type", "reset"}, {"count", 1}, {"path", "/fapi/v1/order"}});
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "reset-1")), TB_E_UNKNOWN_OUTCOME)
      << err_.message;
  for (const char* id : {"slow-1", "reset-1"}) {
    ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, id)), TB_OK) << err_.message;
    ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, id)), TB_OK) << err_.message;
    EXPECT_EQ(executed(id), 1u) << id;
  }
  EXPECT_EQ(open_orders("BTCUSDT").size(), 3u);
}

// 5. Clock skew beyond the recvWindow either way: -1021, a resync, and the call succeeds by
// itself, once. A wrong secret is a clear TB_E_AUTH, and no secret reaches a log line.
TEST_F(orders_under_faults_test, clock_skew_either_way_is_recovered_by_a_resync) {
  start();
  ASSERT_FALSE(balances().empty());  // the offset is measured now
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  int n = 0;
  for (const std::int64_t skew : {8000, -3000}) {
    fake_->admin("POST", "/_admin/clock", {{"skewMs", skew}});
    const std::string id = "skew-" + std::to_string(++n);
    ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, id)), TB_OK) << err_.message;
    const auto posts = order_posts(id);
    ASSERT_EQ(posts.size(), 2u) << skew;
    EXPECT_EQ(posts[0].value("status", 0), 400);
    EXPECT_EQ(posts[1].value("status", 0), 200);
    EXPECT_EQ(executed(id), 1u);
  }
  EXPECT_TRUE(logged("re-syncing the server time"));
}

TEST_F(orders_under_faults_test, a_wrong_secret_is_a_clear_auth_error_and_never_logged) {
  start({}, "a-wrong-secret-that-must-stay-hidden");
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", "80000.0", "auth-1")), TB_E_AUTH);
  EXPECT_EQ(err_.remote_code, -1022);
  const std::string message = err_.message;
  EXPECT_NE(message.find("place_order"), std::string::npos) << message;
  EXPECT_NE(message.find("check api_secret"), std::string::npos) << message;
  EXPECT_EQ(message.find(secret_), std::string::npos) << message;
  EXPECT_EQ(executed("auth-1"), 0u);
  std::vector<tb_balance> out(4);
  std::size_t count = 0;
  EXPECT_EQ(plugin_->exchange().get_balances(plugin_->self(), deadline_in(10s), out.data(),
                                             out.size(), &count, &err_), TB_E_AUTH);
  EXPECT_EQ(std::string(err_.message).find(secret_), std::string::npos) << err_.message;
  // Those 400s were the signature's (-1022, checked above), not filters': TearDown need not see them.
  fake_->admin("DELETE", "/_admin/requests");
}

// 6. The order-count limit (429 -1015) pauses the order buckets, not the market data, and
// orders resume once the pause is over; a 418 pauses everything. No extra order either way.
TEST_F(orders_under_faults_test, the_order_count_limit_pauses_the_order_buckets_and_orders_resume) {
  start({"--order-limit-10s", "2"});
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "count-1")), TB_OK) << err_.message;
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "count-2")), TB_OK) << err_.message;
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "count-3")), TB_E_RATE_LIMITED);
  EXPECT_EQ(err_.remote_code, -1015);
  EXPECT_NE(std::string(err_.message).find("HTTP 429"), std::string::npos) << err_.message;
  EXPECT_NE(std::string(err_.message).find("paused for 10 s"), std::string::npos) << err_.message;
  std::vector<std::string> paused;
  for (const auto& p : host_.pauses()) paused.push_back(p.bucket);
  EXPECT_EQ(paused, (std::vector<std::string>{"binance.orders_10s", "binance.orders_1m"}));
  // While paused nothing is sent, and market data still flows.
  const std::size_t posts = order_posts("count-3").size();
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "count-3"), 1s), TB_E_RATE_LIMITED);
  EXPECT_NE(std::string(err_.message).find("retry after the pause"), std::string::npos) << err_.message;
  EXPECT_EQ(order_posts("count-3").size(), posts);
  EXPECT_TRUE(positions().empty());
  // With a deadline past the pause, the call waits it out and the order is placed, once.
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "count-3"), 20s), TB_OK) << err_.message;
  EXPECT_EQ(executed("count-3"), 1u);
  EXPECT_EQ(open_orders("BTCUSDT").size(), 3u);
}

TEST_F(orders_under_faults_test, a_ban_on_the_order_path_pauses_everything_and_orders_resume_after_it) {
  start();
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "ban-0")), TB_OK) << err_.message;
  fake_->admin("POST", "/_admin/weight", {{"limit", 1}, {"clear", true}});
  std::vector<tb_order_state> out(8);
  std::size_t count = 0;
  EXPECT_EQ(plugin_->exchange().list_open_orders(plugin_->self(), "BTCUSDT", deadline_in(5s),
                                                 out.data(), out.size(), &count, &err_),
            TB_E_RATE_LIMITED);
  EXPECT_NE(std::string(err_.message).find("HTTP 429"), std::string::npos) << err_.message;
  // The IP is limited: an order (no IP weight on Binance) must wait too, or it earns a ban.
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "ban-1"), 1s), TB_E_RATE_LIMITED);
  EXPECT_TRUE(order_posts("ban-1").empty());
  host_.clear_pauses();  // a client that ignores the pause sends the order, and is banned
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "ban-2")), TB_E_RATE_LIMITED);
  EXPECT_NE(std::string(err_.message).find("POST /fapi/v1/order: HTTP 418"), std::string::npos)
      << err_.message;
  bool all = false;
  for (const auto& p : host_.pauses()) all = all || p.bucket.empty();
  EXPECT_TRUE(all);
  EXPECT_EQ(host_.alerts(), std::vector<std::string>{"binance.ip_banned"});
  // While banned nothing is sent, not even the look-up of an earlier attempt.
  const std::size_t before = fake_->requests().size();
  EXPECT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "ban-2"), 1s), TB_E_RATE_LIMITED);
  EXPECT_EQ(fake_->requests().size(), before);
  // After the ban (cleared on both sides), each intent is placed once.
  fake_->admin("POST", "/_admin/weight", {{"limit", 2400}, {"clear", true}});
  host_.clear_pauses();
  for (const char* id : {"ban-1", "ban-2"}) {
    ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, id)), TB_OK) << err_.message;
    EXPECT_EQ(executed(id), 1u) << id;
  }
  EXPECT_EQ(open_orders("BTCUSDT").size(), 3u);
}

// Malformed answers: an unreadable order or cancel ack is reconciled by client id (it was
// accepted); unreadable look-ups and lists are clear TB_E_IO errors; nothing crashes.
TEST_F(orders_under_faults_test, malformed_order_answers_give_clear_errors_and_no_crash) {
  start();
  const std::string price = price_text("BTCUSDT", mark("BTCUSDT") * 0.97);
  fake_->admin("POST", "/_admin/faults",
               {{"type", "malformed"}, {"count", 1}, {"path", "/fapi/v1/order"}});
  ASSERT_EQ(place(limit(TB_SIDE_LONG, "0.001", price, "garbled-1")), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_NEW);
  EXPECT_TRUE(logged("not valid JSON"));
  EXPECT_EQ(executed("garbled-1"), 1u);
  const auto& ex = plugin_->exchange();
  std::vector<tb_order_state> orders(8);
  std::vector<tb_position> held(8);
  std::size_t count = 0;
  struct garbled {
    const char* path;
    std::string operation;
    std::function<tb_status()> call;
  };
  const std::vector<garbled> cases = {
      {"/fapi/v1/order", "query_order", [&] { return query("BTCUSDT", "garbled-1"); }},
      {"/fapi/v1/openOrders", "list_open_orders",
       [&] {
         return ex.list_open_orders(plugin_->self(), "BTCUSDT", deadline_in(10s), orders.data(),
                                    orders.size(), &count, &err_);
       }},
      {"/fapi/v2/positionRisk", "get_positions",
       [&] {
         return ex.get_positions(plugin_->self(), deadline_in(10s), held.data(), held.size(),
                                 &count, &err_);
       }},
  };
  for (const garbled& g : cases) {
    fake_->admin("POST", "/_admin/faults", {{"type", "malformed"}, {"count", 1}, {"path", g.path}});
    EXPECT_EQ(g.call(), TB_E_IO) << g.operation;
    EXPECT_NE(std::string(err_.message).find("not valid JSON"), std::string::npos) << err_.message;
    EXPECT_NE(std::string(err_.message).find(g.operation), std::string::npos) << err_.message;
  }
  ASSERT_EQ(query("BTCUSDT", "garbled-1"), TB_OK) << err_.message;
  EXPECT_EQ(open_orders("BTCUSDT").size(), 1u);
  // An unreadable cancel answer: the cancel was accepted, and the order's state is looked up.
  fake_->admin("POST", "/_admin/faults",
               {{"type", "malformed"}, {"count", 1}, {"path", "/fapi/v1/order"}});
  ASSERT_EQ(cancel("BTCUSDT", "garbled-1"), TB_OK) << err_.message;
  EXPECT_EQ(state_.state, TB_ORDER_STATE_CANCELED);
  EXPECT_TRUE(open_orders("BTCUSDT").empty());
}

}  // namespace
}  // namespace tb::binance::testing
