// The order flow over the paper gateway, a real journal in a temporary directory and the
// real RiskManager: entry, exchange-held protection, the target or the stop closing the
// trade, and the failures (a lost answer, a stop that cannot be placed). Paper fills: 2 bps
// slippage, 0.04 % taker fee. BTCUSDT filters: tick 0.1, step 0.001.
#include "services/execution_service.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "forwarding_gateway.hpp"
#include "order_flow_fixtures.hpp"
#include "services/client_order_id.hpp"
#include "services/paper_gateway.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using testing::btc;
using testing::long_signal;


// The paper gateway, failing what a test asks for.
class faulty_gateway final : public testing::forwarding_gateway {
 public:
  using forwarding_gateway::forwarding_gateway;
  exchange_status place_order(const tb_order_request& r, std::int64_t d, tb_order_state& a) override {
    ++placed;
    if ((refuse_stops && r.type == TB_ORDER_STOP_MARKET) ||
        (refuse_targets && r.type == TB_ORDER_TAKE_PROFIT_MARKET)) {
      return {TB_E_REJECTED, -2021, "Order would immediately trigger."};
    }
    const auto status = forwarding_gateway::place_order(r, d, a);
    if (lose_next_answer) {  // executed, but the answer never arrives
      lose_next_answer = false;
      a = tb_order_state{};
      return {TB_E_UNKNOWN_OUTCOME, -1006, "lost"};
    }
    return status;
  }

  bool refuse_stops = false;
  bool refuse_targets = false;
  bool lose_next_answer = false;
  int placed = 0;
};

// Remembers what it hears, as a notifier would get it.
class recording_listener final : public trade_listener {
 public:
  struct heard {
    std::string what;
    trade_record trade;
    intent_record intent;
  };
  void trade_opened(const trade_record& trade, const intent_record& intent) noexcept override {
    events.push_back({"opened", trade, intent});
  }
  void trade_closed(const trade_record& trade, const intent_record& intent) noexcept override {
    events.push_back({"closed", trade, intent});
  }
  std::vector<heard> events;
};

class ExecutionService : public ::testing::Test {
 protected:
  ExecutionService()
      : dir_(fs::temp_directory_path() /
             ("tb-exec-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))),
        paper_(paper_settings{}),
        gateway_(paper_),
        risk_(risk_settings{}),
        alerts_(clock_) {
    fs::create_directories(dir_);
    journal_ = trade_journal::open((dir_ / "journal.sqlite").string(),
                                   (dir_ / "trades.json").string());
    service_ = std::make_unique<execution_service>(
        gateway_, *journal_, risk_, alerts_, clock_,
        std::make_shared<spdlog::logger>("exec", std::make_shared<spdlog::sinks::null_sink_mt>()),
        execution_settings{trade_mode::paper});
    sink_.struct_size = sizeof sink_;
    sink_.ctx = service_.get();
    sink_.on_order_update = [](void* ctx, const tb_order_state* o) {
      static_cast<execution_service*>(ctx)->on_order_update(*o);
    };
    gateway_.subscribe_account(sink_);
    paper_.on_price("BTCUSDT", 100, clock_.wall_ms());
  }
  ~ExecutionService() override {
    service_.reset();
    journal_.reset();
    fs::remove_all(dir_);
  }

  execution_result execute(std::int64_t signal_time) {
    return service_->execute_signal(long_signal(signal_time), btc(), {10'000, 10'000, 0, 10'000},
                                    {});
  }
  // No position and no open order left; the one trade closed for `reason`.
  void expect_closed_and_flat(exit_reason reason) {
    std::vector<tb_position> positions;
    ASSERT_TRUE(paper_.get_positions(0, positions).ok());
    EXPECT_TRUE(positions.empty());
    const auto closed = journal_->closed_trades(0);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].reason, reason);
    EXPECT_TRUE(open_order_ids().empty());
  }
  std::vector<std::string> open_order_ids() {
    std::vector<tb_order_state> open;
    EXPECT_TRUE(paper_.list_open_orders("", 0, open).ok());
    std::vector<std::string> ids;
    for (const auto& o : open) ids.emplace_back(o.client_order_id);
    return ids;
  }

  static inline std::atomic<int> counter_{0};
  fs::path dir_;
  virtual_clock clock_;
  paper_gateway paper_;
  faulty_gateway gateway_;
  risk_manager risk_;
  alert_manager alerts_;
  std::unique_ptr<trade_journal> journal_;
  std::unique_ptr<execution_service> service_;
  tb_market_sink sink_{};
};

TEST_F(ExecutionService, AnEntryIsProtectedAndItsTargetClosesTheTrade) {
  const auto result = execute(1'700'000'000'000);
  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  // 1 % of 10 000 over a 5.0 stop distance: 20.000 BTC.
  ASSERT_TRUE(result.plan);
  EXPECT_EQ(result.plan->quantity, "20");
  const std::string key = intent_key(long_signal(1'700'000'000'000));
  EXPECT_EQ(open_order_ids(), (std::vector<std::string>{"tb-" + key + "-s1", "tb-" + key + "-t1"}));
  auto open = journal_->open_trades();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].entry_price, "100.02");  // 100 x 1.0002
  EXPECT_EQ(journal_->intent_by_client_id(key)->state, intent_state::open);

  paper_.on_price("BTCUSDT", 110, clock_.wall_ms());
  // Target at 110, sold 2 bps lower: 109.978. PnL 20 x 9.958 = 199.16. Fees: 20 x 100.02 x
  // 0.0004 = 0.80016 and 20 x 109.978 x 0.0004 = 0.879824: 1.679984, summed exactly.
  EXPECT_TRUE(journal_->open_trades().empty());
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::take_profit);
  EXPECT_EQ(closed[0].exit_price, "109.978");
  EXPECT_EQ(closed[0].realized_pnl, "199.16");
  EXPECT_EQ(closed[0].fees, "1.679984");
  EXPECT_TRUE(open_order_ids().empty());  // the stop was cancelled with it
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-s1")->state, order_state::canceled);
  EXPECT_EQ(journal_->intent_by_client_id(key)->state, intent_state::closed);

  // The same signal again is never traded twice.
  const int sent = gateway_.placed;
  EXPECT_EQ(execute(1'700'000'000'000).outcome, execution_outcome::duplicate);
  EXPECT_EQ(gateway_.placed, sent);
}

TEST_F(ExecutionService, AStopLossClosesTheTradeAndStartsTheCooldown) {
  ASSERT_EQ(execute(1'700'000'000'000).outcome, execution_outcome::entered);
  paper_.on_price("BTCUSDT", 94.5, clock_.wall_ms());
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::stop_loss);
  EXPECT_TRUE(open_order_ids().empty());
  // A new signal on the symbol within the 4 h cooldown is refused.
  paper_.on_price("BTCUSDT", 100, clock_.wall_ms());
  const auto again = execute(1'700'000'360'000);
  EXPECT_EQ(again.outcome, execution_outcome::rejected);
  EXPECT_NE(again.reason.find("cooldown"), std::string::npos) << again.reason;
}

TEST_F(ExecutionService, ALostEntryAnswerIsAskedForNotResent) {
  gateway_.lose_next_answer = true;
  const auto result = execute(1'700'000'000'000);
  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  std::vector<tb_position> positions;
  ASSERT_TRUE(paper_.get_positions(0, positions).ok());
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(std::string(positions[0].quantity), "20");  // one entry, not two
  EXPECT_EQ(gateway_.placed, 3);                           // entry, stop, target
}

TEST_F(ExecutionService, AStopThatCannotBePlacedClosesThePositionAtMarket) {
  gateway_.refuse_stops = true;
  const auto result = execute(1'700'000'000'000);
  EXPECT_EQ(result.outcome, execution_outcome::failed);
  EXPECT_NE(result.reason.find("closed at market"), std::string::npos) << result.reason;
  expect_closed_and_flat(exit_reason::manual);
  const auto active = alerts_.active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].key, "execution.unprotected.BTCUSDT");
}

// The price passed the target while the entry filled: the profit is taken at market, and the
// stop, placed first, is cancelled.
TEST_F(ExecutionService, ATargetThePriceHasPassedIsTakenAtMarket) {
  gateway_.refuse_targets = true;
  const auto result = execute(1'700'000'000'000);
  EXPECT_EQ(result.outcome, execution_outcome::entered);
  EXPECT_NE(result.reason.find("passed the take-profit"), std::string::npos) << result.reason;
  expect_closed_and_flat(exit_reason::take_profit);  // the stop went with the position
  EXPECT_TRUE(alerts_.active().empty());
}

TEST_F(ExecutionService, ARefusedSignalJournalsNothing) {
  auto bad = long_signal(1'700'000'000'000);
  const auto result = service_->execute_signal(bad, btc(), {0, 0, 0, 0}, {});
  EXPECT_EQ(result.outcome, execution_outcome::rejected);
  EXPECT_TRUE(journal_->open_intents().empty());
  EXPECT_EQ(gateway_.placed, 0);
}

TEST_F(ExecutionService, AListenerHearsTheTradeOpenedAndItsStopLoss) {
  recording_listener listener;
  service_->set_trade_listener(&listener);
  const auto result = execute(1'700'000'000'000);
  ASSERT_EQ(result.outcome, execution_outcome::entered) << result.reason;
  ASSERT_EQ(listener.events.size(), 1u);
  const auto opened = listener.events[0];  // a copy: events grows
  EXPECT_EQ(opened.what, "opened");
  EXPECT_EQ(opened.trade.id, result.trade_id);
  EXPECT_TRUE(opened.trade.is_open());
  EXPECT_EQ(opened.trade.symbol, "BTCUSDT");
  EXPECT_EQ(opened.trade.entry_price, "100.02");
  EXPECT_EQ(opened.trade.quantity, "20");
  EXPECT_EQ(opened.intent.stop_price, "95");
  EXPECT_EQ(opened.intent.take_profit, "110");
  EXPECT_EQ(opened.intent.strategy, "ictsmc");
  EXPECT_EQ(opened.intent.reason, "test");
  EXPECT_EQ(opened.trade.intent_id, opened.intent.id);

  paper_.on_price("BTCUSDT", 94.5, clock_.wall_ms());
  ASSERT_EQ(listener.events.size(), 2u);
  const auto& heard = listener.events[1];
  EXPECT_EQ(heard.what, "closed");
  EXPECT_EQ(heard.intent.id, opened.intent.id);
  EXPECT_EQ(heard.intent.stop_price, "95");
  // Exactly the record the journal closed: exit, reason, PnL and every fee.
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(heard.trade, closed[0]);
  EXPECT_EQ(heard.trade.id, result.trade_id);
  EXPECT_EQ(heard.trade.reason, exit_reason::stop_loss);
  ASSERT_TRUE(heard.trade.exit_price.has_value());
  EXPECT_FALSE(heard.trade.closed_ms == std::nullopt);
  EXPECT_EQ(heard.trade.realized_pnl.front(), '-') << heard.trade.realized_pnl;  // a loss
  EXPECT_NE(heard.trade.fees, opened.trade.fees);  // the exit's commission added
}

TEST_F(ExecutionService, AListenerHearsATradeTakenAtMarket) {
  recording_listener listener;
  service_->set_trade_listener(&listener);
  gateway_.refuse_stops = true;
  EXPECT_EQ(execute(1'700'000'000'000).outcome, execution_outcome::failed);
  ASSERT_EQ(listener.events.size(), 2u);
  EXPECT_EQ(listener.events[0].what, "opened");
  EXPECT_EQ(listener.events[1].what, "closed");
  EXPECT_EQ(listener.events[1].trade.reason, exit_reason::manual);
  EXPECT_EQ(listener.events[1].trade, journal_->closed_trades(0).at(0));
}

TEST_F(ExecutionService, ARemovedListenerHearsNothingMore) {
  recording_listener listener;
  service_->set_trade_listener(&listener);
  ASSERT_EQ(execute(1'700'000'000'000).outcome, execution_outcome::entered);
  service_->set_trade_listener(nullptr);
  paper_.on_price("BTCUSDT", 110, clock_.wall_ms());
  ASSERT_EQ(journal_->closed_trades(0).size(), 1u);
  ASSERT_EQ(listener.events.size(), 1u);
  EXPECT_EQ(listener.events[0].what, "opened");
}

}  // namespace
}  // namespace tb::host
