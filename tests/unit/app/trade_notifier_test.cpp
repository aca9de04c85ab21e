// trade_notifier: the figures of a UTC day from a real journal (only that day's closed trades
// of the mode, summed exactly), and the notifications it hands the good_notifier fixture
// plugin, which counts what it is handed and says how many when flushed.
#include "app/trade_notifier.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fixture_paths.hpp"
#include "plugin/plugin_call.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"
#include "temp_dir.hpp"
#include "test_host_api.hpp"

namespace tb::host {
namespace {

using testing::fixture;
using testing::test_host;

// 2023-11-14 00:00:00 UTC.
constexpr std::int64_t day_start = 1'699'920'000'000;
constexpr std::int64_t one_day = 86'400'000;

class TradeJournalDay : public ::testing::Test {
 protected:
  TradeJournalDay()
      : journal_(trade_journal::open((dir_.path() / "journal.db").string(),
                                     (dir_.path() / "trades.json").string())) {}

  // A trade of `mode` opened an hour before `closed_ms` and closed then.
  trade_record close_at(std::int64_t closed_ms, std::string realized, std::string fees,
                        trade_mode mode = trade_mode::live, std::string symbol = "BTCUSDT") {
    trade_record t;
    t.symbol = std::move(symbol);
    t.side = position_side::long_side;
    t.quantity = "0.010";
    t.entry_price = "27150.10";
    t.fees = "0";
    t.opened_ms = closed_ms - 3'600'000;
    t.mode = mode;
    t.id = journal_->open_trade(t);
    trade_close close;
    close.exit_price = "27200.00";
    close.realized_pnl = std::move(realized);
    close.fees = std::move(fees);
    close.closed_ms = closed_ms;
    close.reason = exit_reason::take_profit;
    journal_->close_trade(t.id, close);
    return *journal_->trade(t.id);
  }

  static std::vector<std::int64_t> ids_of(const day_figures& day) {
    std::vector<std::int64_t> ids;
    for (const auto& t : day.closed) ids.push_back(t.id);
    return ids;
  }

  test::temp_dir dir_;
  std::unique_ptr<trade_journal> journal_;
};

TEST_F(TradeJournalDay, OnlyThatDaysClosedTradesOfTheModeCount) {
  close_at(day_start - 1, "100", "1");                          // the day before
  const auto first = close_at(day_start, "12.50", "0.75");       // at 00:00:00.000
  close_at(day_start + 5'000, "7", "0.1", trade_mode::paper);    // another mode
  const auto last = close_at(day_start + one_day - 1, "-3.25", "0.40", trade_mode::live,
                             "ETHUSDT");                         // 23:59:59.999
  close_at(day_start + one_day, "50", "2");                      // the next day
  trade_record open;                                             // still open that day
  open.symbol = "SOLUSDT";
  open.quantity = "1";
  open.entry_price = "60";
  open.opened_ms = day_start + 1'000;
  journal_->open_trade(open);

  const day_figures day = figures_of_day(*journal_, trade_mode::live, day_start);
  EXPECT_EQ(day.day_start_ms, day_start);
  EXPECT_EQ(ids_of(day), (std::vector<std::int64_t>{first.id, last.id}));
  EXPECT_EQ(day.realized_pnl, "9.25");
  EXPECT_EQ(day.fees, "1.15");
  EXPECT_EQ(day.net_pnl, "8.10");
  EXPECT_EQ(day.open_positions, 0u);  // filled in by the caller
  EXPECT_EQ(day.equity, 0.0);

  const day_figures paper = figures_of_day(*journal_, trade_mode::paper, day_start);
  ASSERT_EQ(paper.closed.size(), 1u);
  EXPECT_EQ(paper.net_pnl, "6.9");

  const day_figures before = figures_of_day(*journal_, trade_mode::live, day_start - one_day);
  ASSERT_EQ(before.closed.size(), 1u);
  EXPECT_EQ(before.closed[0].closed_ms, day_start - 1);
  EXPECT_EQ(before.net_pnl, "99");
}

TEST_F(TradeJournalDay, SumsAreExactDecimals) {
  for (int i = 0; i < 10; ++i) close_at(day_start + 1'000 * (i + 1), "0.1", "0.01");
  const day_figures day = figures_of_day(*journal_, trade_mode::live, day_start);
  EXPECT_EQ(day.closed.size(), 10u);
  EXPECT_EQ(day.realized_pnl, "1.0");
  EXPECT_EQ(day.fees, "0.10");
  EXPECT_EQ(day.net_pnl, "0.90");
}

TEST_F(TradeJournalDay, AQuietDayIsZero) {
  close_at(day_start - 1, "100", "1");
  const day_figures day = figures_of_day(*journal_, trade_mode::live, day_start);
  EXPECT_TRUE(day.closed.empty());
  EXPECT_EQ(day.realized_pnl, "0");
  EXPECT_EQ(day.fees, "0");
  EXPECT_EQ(day.net_pnl, "0");
}

// ---- Notifications through a notifier plugin ---------------------------------------------

class TradeNotifier : public TradeJournalDay {
 protected:
  TradeNotifier() {
    for (const char* name : {"discord", "telegram"}) {
      auto& host = hosts_.emplace_back(std::make_unique<test_host>());
      notifiers_.push_back(plugin_instance::create(
          plugin_library::open(fixture("good_notifier")), host->api(), name));
      notifiers_.back()->start();
    }
  }

  std::vector<plugin_instance*> notifiers() {
    std::vector<plugin_instance*> out;
    for (auto& n : notifiers_) out.push_back(n.get());
    return out;
  }

  // How many notifications reached notifier `i` since the last call.
  unsigned delivered(std::size_t i = 0) {
    plugin_instance& notifier = *notifiers_.at(i);
    const auto* iface = notifier.interface<tb_notifier_v1>();
    checked_call(notifier.site("flush()"),
                 [&](tb_error* err) { return iface->flush(notifier.self(), 0, err); });
    const auto lines = hosts_.at(i)->lines();
    const std::string prefix = "good_notifier: delivered ";
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (it->text.rfind(prefix, 0) == 0) return std::stoul(it->text.substr(prefix.size()));
    }
    ADD_FAILURE() << "the notifier logged no delivery count";
    return 0;
  }

  std::vector<std::unique_ptr<test_host>> hosts_;
  std::vector<std::unique_ptr<plugin_instance>> notifiers_;
};

TEST_F(TradeNotifier, EveryNotifierHearsEachTradeOpenedAndClosed) {
  trade_notifier notifier(notifiers());
  intent_record intent;
  intent.stop_price = "26900.00";
  const trade_record trade = close_at(day_start + 1'000, "12.50", "0.75");
  notifier.trade_opened(trade, intent);
  notifier.trade_closed(trade, intent);
  EXPECT_EQ(delivered(0), 2u);
  EXPECT_EQ(delivered(1), 2u);
}

TEST_F(TradeNotifier, WithoutNotifiersNothingHappens) {
  trade_notifier notifier({});
  const trade_record trade = close_at(day_start + 1'000, "1", "0");
  notifier.trade_opened(trade, intent_record{});
  notifier.trade_closed(trade, intent_record{});
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start, 0, 0);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day, 0, 0);
  EXPECT_EQ(delivered(0), 0u);
}

TEST_F(TradeNotifier, OneSummaryPerEndedDay) {
  close_at(day_start + 1'000, "12.50", "0.75");
  trade_notifier notifier(notifiers());

  // The first call only notes the day, even late in it.
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day - 1, 1, 100);
  EXPECT_EQ(delivered(), 0u);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day - 1, 1, 100);
  EXPECT_EQ(delivered(), 0u);

  // Midnight: the day that ended, once.
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day, 1, 100);
  EXPECT_EQ(delivered(0), 1u);
  EXPECT_EQ(delivered(1), 1u);
  for (std::int64_t later : {one_day + 1, one_day + 3'600'000, 2 * one_day - 1}) {
    notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + later, 1, 100);
  }
  EXPECT_EQ(delivered(), 0u);

  // The next midnight: the next day's (a quiet one is still summarized).
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + 2 * one_day, 0, 0);
  EXPECT_EQ(delivered(), 1u);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + 2 * one_day + 1, 0, 0);
  EXPECT_EQ(delivered(), 0u);
}

TEST_F(TradeNotifier, ABootAfterMidnightSendsNothingForTheDayBefore) {
  trade_notifier notifier(notifiers());
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + 5, 0, 0);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + 60'000, 0, 0);
  EXPECT_EQ(delivered(), 0u);
}

// The wall clock stepped back over midnight (an NTP correction): the day already summarized
// is not summarized again when midnight comes round once more.
TEST_F(TradeNotifier, AClockSteppingBackOverMidnightDoesNotRepeatASummary) {
  trade_notifier notifier(notifiers());
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day - 2'000, 0, 0);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day + 500, 0, 0);
  EXPECT_EQ(delivered(), 1u);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day - 1'000, 0, 0);
  EXPECT_EQ(delivered(), 0u);
  notifier.summarize_ended_day(*journal_, trade_mode::live, day_start + one_day + 1'000, 0, 0);
  EXPECT_EQ(delivered(), 0u);
}

}  // namespace
}  // namespace tb::host
