// The position monitor over the paper gateway, a real journal and the real ExecutionService:
// break-even, a trailing stop that later fills (its sibling target cancelled), a time exit,
// and the account stream's updates handled on the monitor's own thread. The signal: a long
// BTCUSDT at 100 (filled at 100.02), stop 95, target 110; R = 5. Tick 0.1.
#include "services/position_monitor.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "forwarding_gateway.hpp"
#include "order_flow_fixtures.hpp"
#include "services/client_order_id.hpp"
#include "services/paper_gateway.hpp"
#include "services/reconciler.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::btc;
using testing::long_signal;

// The paper account, refusing new stops while asked to (as the exchange refuses a stop that
// would trigger at once).
class stop_refusing_gateway final : public testing::forwarding_gateway {
 public:
  using forwarding_gateway::forwarding_gateway;
  exchange_status place_order(const tb_order_request& r, std::int64_t d, tb_order_state& a) override {
    if (refuse_stops && r.type == TB_ORDER_STOP_MARKET) {
      return {TB_E_REJECTED, -2021, "Order would immediately trigger."};
    }
    return forwarding_gateway::place_order(r, d, a);
  }
  bool refuse_stops = false;
};

class PositionMonitor : public ::testing::Test {
 protected:
  PositionMonitor()
      : dir_(fs::temp_directory_path() /
             ("tb-monitor-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))),
        paper_(paper_settings{}),
        gateway_(paper_),
        risk_(risk_settings{}),
        alerts_(clock_),
        log_(std::make_shared<spdlog::logger>("monitor",
                                              std::make_shared<spdlog::sinks::null_sink_mt>())) {
    fs::create_directories(dir_);
    journal_ = trade_journal::open((dir_ / "journal.sqlite").string(),
                                   (dir_ / "trades.json").string());
    service_ = std::make_unique<execution_service>(gateway_, *journal_, risk_, alerts_, clock_, log_,
                                                   execution_settings{trade_mode::paper});
    paper_.on_price("BTCUSDT", 100, clock_.wall_ms());
  }
  ~PositionMonitor() override {
    monitor_.reset();
    service_.reset();
    journal_.reset();
    fs::remove_all(dir_);
  }

  // The monitor, in paper mode unless `live`; `follow_updates` routes the paper account's
  // updates to the ExecutionService directly, as trading_pass does in paper mode.
  position_monitor& make(position_settings settings, bool live = false, bool follow_updates = true) {
    if (follow_updates) {
      sink_.struct_size = sizeof sink_;
      sink_.ctx = service_.get();
      sink_.on_order_update = [](void* ctx, const tb_order_state* o) {
        static_cast<execution_service*>(ctx)->on_order_update(*o);
      };
      paper_.subscribe_account(sink_);
    }
    monitor_ = std::make_unique<position_monitor>(
        gateway_, *journal_, *service_, alerts_, clock_, log_, settings,
        live ? trade_mode::live : trade_mode::paper,
        [](const std::string&) -> std::optional<std::string> { return "0.1"; }, 1s);
    return *monitor_;
  }
  std::string enter() {
    const auto r = service_->execute_signal(long_signal(), btc(), {10'000, 10'000, 0, 10'000}, {});
    EXPECT_EQ(r.outcome, execution_outcome::entered) << r.reason;
    return intent_key(long_signal());
  }
  std::vector<std::string> open_orders() {
    std::vector<tb_order_state> open;
    EXPECT_TRUE(paper_.list_open_orders("", 0, open).ok());
    std::vector<std::string> out;
    for (const auto& o : open) out.push_back(std::string(o.client_order_id) + "@" + o.stop_price);
    return out;
  }
  void price(double p) { paper_.on_price("BTCUSDT", p, clock_.wall_ms()); }

  static inline std::atomic<int> counter_{0};
  fs::path dir_;
  virtual_clock clock_;
  paper_gateway paper_;
  stop_refusing_gateway gateway_;
  risk_manager risk_;
  alert_manager alerts_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<trade_journal> journal_;
  std::unique_ptr<execution_service> service_;
  std::unique_ptr<position_monitor> monitor_;
  tb_market_sink sink_{};
};

TEST_F(PositionMonitor, TheStopMovesToTheEntryAtOneRAndNeverBack) {
  position_settings s;
  s.break_even_at_r = 1;
  auto& monitor = make(s);
  const std::string key = enter();
  price(104.9);  // +0.98 R: not yet
  monitor.check();
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s1@95", "tb-" + key + "-t1@110"}));
  price(105.1);  // +1.02 R from 100.02: the stop goes to the entry, rounded down to the tick
  monitor.check();
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s2@100", "tb-" + key + "-t1@110"}));
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-s1")->state, order_state::canceled);
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-s2")->stop_price, "100");
  price(102);  // back down: a stop never moves back
  monitor.check();
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s2@100", "tb-" + key + "-t1@110"}));
  price(99.9);  // the moved stop fills: the trade closes as a stop-loss near break-even
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::stop_loss);
  EXPECT_TRUE(open_orders().empty());  // the target "-t1" was cancelled beside "-s2"
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-t1")->state, order_state::canceled);
}

TEST_F(PositionMonitor, ARefusedMoveLeavesTheStandingStopWhichIsNotPlacedAgain) {
  position_settings s;
  s.break_even_at_r = 1;
  auto& monitor = make(s);
  const std::string key = enter();
  gateway_.refuse_stops = true;
  price(105.1);
  monitor.check();  // "-s2" refused: "-s1" still stands
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s1@95", "tb-" + key + "-t1@110"}));
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-s2")->state, order_state::rejected);
  // Reconciliation sees the standing stop, not the refused one: nothing to re-arm.
  reconciler r(gateway_, *journal_, alerts_, clock_, log_, {trade_mode::paper, false, 1s});
  const auto report = r.run();
  EXPECT_EQ(report.protections_placed, 0u);
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s1@95", "tb-" + key + "-t1@110"}));
  // Once the exchange takes it, the move goes through under a fresh attempt number.
  gateway_.refuse_stops = false;
  monitor.check();
  EXPECT_EQ(open_orders(), (std::vector<std::string>{"tb-" + key + "-s3@100", "tb-" + key + "-t1@110"}));
  EXPECT_EQ(journal_->order_by_client_id("tb-" + key + "-s1")->state, order_state::canceled);
}

TEST_F(PositionMonitor, ATrailingStopFollowsThePriceAndLocksTheGain) {
  position_settings s;
  s.trailing_stop_r = 1;
  auto& monitor = make(s);
  const std::string key = enter();
  price(104);  // +0.8 R: the trail has not started
  monitor.check();
  EXPECT_EQ(open_orders().front(), "tb-" + key + "-s1@95");
  price(107.3);  // trail at 107.3 - 5 = 102.3
  monitor.check();
  EXPECT_EQ(open_orders().front(), "tb-" + key + "-s2@102.3");
  price(108.46);  // 103.46, down to the tick: 103.4
  monitor.check();
  EXPECT_EQ(open_orders().front(), "tb-" + key + "-s3@103.4");
  price(103.3);  // through the trailed stop
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::stop_loss);
  EXPECT_GT(std::stod(closed[0].realized_pnl), 0);  // 20 x (~103.28 - 100.02)
  EXPECT_TRUE(open_orders().empty());
}

TEST_F(PositionMonitor, APositionHeldTooLongIsClosedAtMarket) {
  position_settings s;
  s.max_hold = 2h;
  auto& monitor = make(s);
  const std::string key = enter();
  clock_.advance_ms(119 * 60'000);
  monitor.check();
  EXPECT_EQ(journal_->open_trades().size(), 1u);
  clock_.advance_ms(60'000);
  price(101);
  monitor.check();
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::time_exit);
  EXPECT_EQ(closed[0].exit_price, "100.9798");  // 101 sold 2 bps lower
  EXPECT_TRUE(open_orders().empty());  // stop and target cancelled
  EXPECT_EQ(journal_->intent_by_client_id(key)->state, intent_state::closed);
}

TEST_F(PositionMonitor, StreamUpdatesAreHandledOnTheMonitorsThread) {
  // Live mode over the paper account: the monitor subscribes to it as to the exchange's
  // stream, and its thread closes the trade when the target fills.
  auto& monitor = make(position_settings{}, true, false);
  enter();
  ASSERT_TRUE(monitor.start());
  price(110.5);
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (journal_->closed_trades(0).empty() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(5ms);
  }
  monitor.stop();
  const auto closed = journal_->closed_trades(0);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].reason, exit_reason::take_profit);
  EXPECT_TRUE(open_orders().empty());
}

}  // namespace
}  // namespace tb::host
