// Reconciliation after a crash at each step of the order flow, over the paper gateway and a
// real journal: the crash is an exception thrown by the gateway at that step (the process
// would have died there), then a fresh reconciler runs against what the "exchange" holds.
#include "services/reconciler.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "forwarding_gateway.hpp"
#include "order_flow_fixtures.hpp"
#include "services/client_order_id.hpp"
#include "services/execution_service.hpp"
#include "services/order_records.hpp"
#include "services/paper_gateway.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using testing::btc;
using testing::long_signal;

struct crash : std::runtime_error {
  crash() : std::runtime_error("crash") {}
};

// The paper gateway, dying before or after forwarding the order of a given type.
class crashing_gateway final : public testing::forwarding_gateway {
 public:
  using forwarding_gateway::forwarding_gateway;
  exchange_status place_order(const tb_order_request& r, std::int64_t d, tb_order_state& a) override {
    if (r.type == crash_type && !after) throw crash();
    const auto status = forwarding_gateway::place_order(r, d, a);
    ++sent[r.client_order_id];
    if (r.type == crash_type && after) throw crash();
    return status;
  }

  std::int32_t crash_type = 0;  // no crash
  bool after = false;           // crash after the order reached the exchange
  std::map<std::string, int> sent;
};


class Reconciler : public ::testing::Test {
 protected:
  Reconciler()
      : dir_(fs::temp_directory_path() /
             ("tb-reconcile-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))),
        paper_(paper_settings{}),
        gateway_(paper_),
        risk_(risk_settings{}),
        alerts_(clock_),
        log_(std::make_shared<spdlog::logger>("rec", std::make_shared<spdlog::sinks::null_sink_mt>())) {
    fs::create_directories(dir_);
    journal_ = trade_journal::open((dir_ / "journal.sqlite").string(), (dir_ / "trades.json").string());
    paper_.on_price("BTCUSDT", 100, clock_.wall_ms());
  }
  ~Reconciler() override {
    journal_.reset();
    fs::remove_all(dir_);
  }

  // Runs the flow until the gateway "crashes" (or to the end).
  void execute() {
    execution_service service(gateway_, *journal_, risk_, alerts_, clock_, log_,
                              {trade_mode::paper, std::chrono::milliseconds(1000)});
    try {
      service.execute_signal(long_signal(), btc(), {10'000, 10'000, 0, 10'000}, {});
    } catch (const crash&) {
    }
  }
  reconcile_report reconcile(bool adopt = false) {
    gateway_.crash_type = 0;
    reconciler r(gateway_, *journal_, alerts_, clock_, log_,
                 {trade_mode::paper, adopt, std::chrono::milliseconds(1000)});
    return r.run();
  }
  std::vector<std::string> open_ids() {
    std::vector<tb_order_state> open;
    EXPECT_TRUE(paper_.list_open_orders("", 0, open).ok());
    std::vector<std::string> ids;
    for (const auto& o : open) ids.emplace_back(o.client_order_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  std::string id(order_role role, unsigned attempt = 1) {
    return client_order_id(key_, role, attempt);
  }
  bool every_order_sent_once() {
    for (const auto& [order_id, count] : gateway_.sent) {
      if (count != 1) return false;
    }
    return true;
  }

  static inline std::atomic<int> counter_{0};
  fs::path dir_;
  virtual_clock clock_;
  paper_gateway paper_;
  crashing_gateway gateway_;
  risk_manager risk_;
  alert_manager alerts_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<trade_journal> journal_;
  std::string key_ = intent_key(long_signal());
};

TEST_F(Reconciler, AnEntryThatNeverLeftFailsTheIntent) {
  gateway_.crash_type = TB_ORDER_MARKET;
  execute();
  EXPECT_EQ(journal_->intent_by_client_id(key_)->state, intent_state::sent);
  const auto report = reconcile();
  ASSERT_TRUE(report.complete);
  EXPECT_EQ(report.intents_failed, 1u);
  EXPECT_EQ(journal_->intent_by_client_id(key_)->state, intent_state::failed);
  EXPECT_TRUE(gateway_.sent.empty());
  EXPECT_TRUE(journal_->open_trades().empty());
}

TEST_F(Reconciler, AnEntryFilledBeforeTheCrashGetsItsTradeAndProtection) {
  gateway_.crash_type = TB_ORDER_MARKET;
  gateway_.after = true;
  execute();
  const auto report = reconcile();
  ASSERT_TRUE(report.complete);
  EXPECT_EQ(report.trades_opened, 1u);
  EXPECT_EQ(report.protections_placed, 2u);
  EXPECT_EQ(open_ids(), (std::vector<std::string>{id(order_role::stop), id(order_role::take_profit)}));
  ASSERT_EQ(journal_->open_trades().size(), 1u);
  EXPECT_EQ(journal_->open_trades()[0].quantity, "20");
  EXPECT_TRUE(every_order_sent_once());
  // A second run finds everything in place and sends nothing.
  const auto sent = gateway_.sent;
  EXPECT_EQ(reconcile().protections_placed, 0u);
  EXPECT_EQ(gateway_.sent, sent);
}

TEST_F(Reconciler, AStopJournalledButNotSentIsPlacedUnderTheNextAttempt) {
  gateway_.crash_type = TB_ORDER_STOP_MARKET;  // dies before the stop leaves
  execute();
  EXPECT_EQ(open_ids(), std::vector<std::string>{});
  const auto report = reconcile();
  EXPECT_EQ(report.protections_placed, 2u);
  EXPECT_EQ(open_ids(), (std::vector<std::string>{id(order_role::stop, 2), id(order_role::take_profit)}));
  EXPECT_TRUE(every_order_sent_once());
}

TEST_F(Reconciler, AStopThatLeftBeforeTheCrashIsNotSentAgain) {
  gateway_.crash_type = TB_ORDER_STOP_MARKET;
  gateway_.after = true;  // the stop is on the exchange; the journal never heard back
  execute();
  const auto report = reconcile();
  EXPECT_EQ(report.protections_placed, 1u);  // the target only
  EXPECT_EQ(open_ids(), (std::vector<std::string>{id(order_role::stop), id(order_role::take_profit)}));
  EXPECT_TRUE(every_order_sent_once());
}

TEST_F(Reconciler, APositionStoppedOutWhileAwayClosesTheTradeAndItsTarget) {
  execute();  // entered with both orders; nobody listens to the account stream
  paper_.on_price("BTCUSDT", 94, clock_.wall_ms());
  const auto report = reconcile();
  EXPECT_EQ(report.trades_closed, 1u);
  EXPECT_EQ(report.orders_cancelled, 1u);  // the target
  EXPECT_TRUE(open_ids().empty());
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::stop_loss);
  // Sold 2 bps under 94: 93.9812. 20 x (93.9812 - 100.02) = -120.776.
  EXPECT_EQ(closed[0].exit_price, "93.9812");
  EXPECT_EQ(closed[0].realized_pnl, "-120.776");
  EXPECT_EQ(journal_->intent_by_client_id(key_)->state, intent_state::closed);
}

TEST_F(Reconciler, OutsidePositionsAreReportedOrAdopted) {
  tb_order_state ack{};
  ASSERT_TRUE(paper_.place_order(make_order_request("BTCUSDT", TB_SIDE_SHORT, TB_ORDER_MARKET, "0.5",
                                                    "", "manual-1", 0),
                                 0, ack)
                  .ok());
  auto report = reconcile();
  EXPECT_EQ(report.positions_ignored, 1u);
  EXPECT_TRUE(journal_->open_trades().empty());
  report = reconcile(true);
  EXPECT_EQ(report.positions_adopted, 1u);
  const auto open = journal_->open_trades();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].side, position_side::short_side);
  EXPECT_EQ(open[0].quantity, "0.5");
  EXPECT_FALSE(open[0].intent_id.has_value());
}

}  // namespace
}  // namespace tb::host
