// The ExecutionService over the real exchange_binance plugin and the fake Binance on
// 127.0.0.1, with a real journal and RiskManager: what reaches the exchange, and that the
// journal agrees with it.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "deadline.hpp"
#include "exchange_reader.hpp"
#include "fake_process.hpp"
#include "services/client_order_id.hpp"
#include "services/exchange_client.hpp"
#include "services/execution_service.hpp"

namespace {

using namespace std::chrono_literals;
using tb::binance::testing::deadline_in;
namespace fs = std::filesystem;
using namespace tb::host;

class execution : public ::testing::Test {
 protected:
  execution()
      : fake_({"--symbols", "12", "--api-key", "exec-key", "--api-secret", "exec-secret"}),
        reader_(fake_, "exec-key", "exec-secret"),
        exchange_(&reader_.client()),
        dir_(fs::temp_directory_path() /
             ("tb-exec-it-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    fs::create_directories(dir_);
    journal_ = trade_journal::open((dir_ / "journal.db").string(),
                                   (dir_ / "trades.json").string());
    risk_ = std::make_unique<risk_manager>(risk_settings{});
    service_ = std::make_unique<execution_service>(
        *exchange_, *journal_, *risk_, reader_.services().alerts(), reader_.services().time(),
        std::make_shared<spdlog::logger>("exec", std::make_shared<spdlog::sinks::null_sink_mt>()));
  }
  ~execution() override {
    service_.reset();
    journal_.reset();
    fs::remove_all(dir_);
  }

  tb_symbol_info info(const std::string& symbol) {
    std::vector<tb_symbol_info> all;
    EXPECT_TRUE(exchange_->list_symbols(deadline_in(10s), all).ok());
    for (const auto& s : all) {
      if (symbol == s.symbol) return s;
    }
    ADD_FAILURE() << "no " << symbol;
    return {};
  }

  // A long around the last close: stop 3 % below, target 6 % above.
  trade_signal signal(const std::string& symbol) {
    std::vector<tb_candle> candles;
    EXPECT_TRUE(exchange_->fetch_candles({symbol, "1m", 0, 0, 2}, deadline_in(10s), candles).ok());
    const double last = candles.back().close;
    trade_signal s;
    s.strategy = "ictsmc";
    s.symbol = symbol;
    s.side = TB_SIDE_LONG;
    s.interval_s = 3600;
    s.time_ms = 1'700'000'000'000;
    s.entry = last;
    s.stop_loss = last * 0.97;
    s.take_profit = last * 1.06;
    s.confidence = 0.7;
    return s;
  }

  account_view account() {
    std::vector<tb_balance> balances;
    EXPECT_TRUE(exchange_->get_balances(deadline_in(10s), balances).ok());
    for (const auto& b : balances) {
      if (std::string(b.asset) == "USDT") {
        const double wallet = std::stod(b.wallet_balance);
        return {wallet, std::stod(b.available_balance), 0, wallet};
      }
    }
    return {};
  }

  std::map<std::string, int> orders_sent() {
    std::map<std::string, int> sent;
    for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
      for (const auto& r : fake_.requests(path)) {
        if (r.value("method", "") != "POST") continue;
        const std::string body = r.value("body", "") + "&" + r.value("query", "");
        for (const char* field : {"newClientOrderId=", "clientAlgoId="}) {
          const auto at = body.find(field);
          if (at == std::string::npos) continue;
          const auto from = at + std::string(field).size();
          ++sent[body.substr(from, body.find('&', from) - from)];
        }
      }
    }
    return sent;
  }

  std::vector<std::string> open_ids(const std::string& symbol) {
    std::vector<tb_order_state> open;
    EXPECT_TRUE(exchange_->list_open_orders(symbol, deadline_in(10s), open).ok());
    std::vector<std::string> ids;
    for (const auto& o : open) ids.emplace_back(o.client_order_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::string position(const std::string& symbol) {
    std::vector<tb_position> positions;
    EXPECT_TRUE(exchange_->get_positions(deadline_in(10s), positions).ok());
    for (const auto& p : positions) {
      if (symbol == p.symbol) return p.quantity;
    }
    return "0";
  }

  static inline std::atomic<int> counter_{0};
  tb::binance::testing::fake_process fake_;
  tb::test::exchange_reader reader_;
  exchange_client* exchange_;
  fs::path dir_;
  std::unique_ptr<trade_journal> journal_;
  std::unique_ptr<risk_manager> risk_;
  std::unique_ptr<execution_service> service_;
};

TEST_F(execution, an_entry_reaches_the_exchange_with_its_stop_and_target_once) {
  const trade_signal s = signal("BTCUSDT");
  const auto result = service_->execute_signal(s, info("BTCUSDT"), account(), {});
  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  const std::string key = intent_key(s);
  EXPECT_EQ(open_ids("BTCUSDT"), (std::vector<std::string>{"tb-" + key + "-s1", "tb-" + key + "-t1"}));
  const auto trades = journal_->open_trades();
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_EQ(std::stod(trades[0].quantity), std::stod(position("BTCUSDT")));
  EXPECT_EQ(trades[0].quantity, result.plan->quantity);
  // Every order once, and the fake accepted each (it enforces the filters).
  const auto sent = orders_sent();
  EXPECT_EQ(sent, (std::map<std::string, int>{{"tb-" + key + "-e1", 1},
                                              {"tb-" + key + "-s1", 1},
                                              {"tb-" + key + "-t1", 1}}));
  for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
    for (const auto& r : fake_.requests(path)) EXPECT_EQ(r.value("status", 0), 200) << r.dump();
  }
  // The same signal again sends nothing.
  EXPECT_EQ(service_->execute_signal(s, info("BTCUSDT"), account(), {}).outcome,
            execution_outcome::duplicate);
  EXPECT_EQ(orders_sent().size(), 3u);
}

TEST_F(execution, a_lost_entry_answer_is_resolved_by_its_id_without_a_second_order) {
  fake_.admin("POST", "/_admin/orders/lose-response", {{"count", 1}});
  const trade_signal s = signal("ETHUSDT");
  const auto result = service_->execute_signal(s, info("ETHUSDT"), account(), {});
  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  const std::string key = intent_key(s);
  EXPECT_EQ(orders_sent()["tb-" + key + "-e1"], 1);
  EXPECT_EQ(std::stod(position("ETHUSDT")), std::stod(result.plan->quantity));
}

TEST_F(execution, a_stop_the_exchange_refuses_closes_the_position_at_market) {
  fake_.admin("POST", "/_admin/faults",
              {{"type", "error"}, {"status", 400}, {"count", 10}, {"path", "/fapi/v1/algoOrder"}});
  const trade_signal s = signal("BTCUSDT");
  const auto result = service_->execute_signal(s, info("BTCUSDT"), account(), {});
  EXPECT_EQ(result.outcome, execution_outcome::failed) << result.reason;
  EXPECT_EQ(std::stod(position("BTCUSDT")), 0);
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::manual);
  bool alerted = false;
  for (const auto& a : reader_.services().alerts().active()) alerted |= a.key == "execution.unprotected.BTCUSDT";
  EXPECT_TRUE(alerted);
}

}  // namespace

// A limit entry that only partly fills before its timeout: the rest is cancelled, and the
// part that filled is the position, protected by its stop and target, its fees the fills'.
TEST_F(execution, a_partly_filled_limit_entry_keeps_and_protects_what_filled) {
  risk_settings limits;
  limits.entry_order = entry_order_type::limit;
  limits.limit_timeout = 3s;
  risk_ = std::make_unique<risk_manager>(limits);
  service_ = std::make_unique<execution_service>(
      *exchange_, *journal_, *risk_, reader_.services().alerts(), reader_.services().time(),
      std::make_shared<spdlog::logger>("exec", std::make_shared<spdlog::sinks::null_sink_mt>()),
      execution_settings{trade_mode::live, 10s, 100'000'000});
  fake_.admin("POST", "/_admin/orders/hold-limits", {{"hold", true}});
  trade_signal s = signal("BTCUSDT");
  s.entry *= 0.995;  // below the market: the order rests
  const std::string key = intent_key(s);
  const std::string entry_id = "tb-" + key + "-e1";

  execution_result result;
  std::thread trader([&] { result = service_->execute_signal(s, info("BTCUSDT"), account(), {}); });
  std::string quantity;
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (quantity.empty() && std::chrono::steady_clock::now() < give_up) {
    for (const auto& r : fake_.requests("/fapi/v1/order")) {
      const std::string sent = r.value("body", "") + "&" + r.value("query", "");
      if (r.value("method", "") == "POST" && sent.find(entry_id) != std::string::npos) {
        const auto at = sent.find("quantity=") + 9;
        quantity = sent.substr(at, sent.find('&', at) - at);
      }
    }
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_FALSE(quantity.empty());
  char half[32];
  std::snprintf(half, sizeof half, "%.3f", std::floor(std::stod(quantity) / 2 * 1000) / 1000);
  const auto filled = fake_.admin(
      "POST", "/_admin/orders/fill", {{"symbol", "BTCUSDT"}, {"clientOrderId", entry_id}, {"quantity", half}});
  EXPECT_EQ(filled.value("status", ""), "PARTIALLY_FILLED") << filled.dump();
  trader.join();

  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  EXPECT_EQ(std::stod(position("BTCUSDT")), std::stod(half));
  const auto trades = journal_->open_trades();
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_EQ(std::stod(trades[0].quantity), std::stod(half));
  EXPECT_EQ(open_ids("BTCUSDT"), (std::vector<std::string>{"tb-" + key + "-s1", "tb-" + key + "-t1"}));
  const auto entry = journal_->order_by_client_id(entry_id);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->state, order_state::canceled);
  EXPECT_EQ(entry->type, "LIMIT");
  EXPECT_EQ(std::stod(entry->filled_quantity), std::stod(half));
  // The maker fee of the one fill, from the exchange's own fill list.
  const auto fills = journal_->fills_of_order(entry_id);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(trades[0].fees, fills[0].commission);
  EXPECT_NEAR(std::stod(fills[0].commission), std::stod(half) * std::stod(fills[0].price) * 0.0002, 1e-8);
}
