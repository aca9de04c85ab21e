// The notifications of trades: what a trade opened, a trade closed and a day's summary say,
// their fields as JSON by name, and money kept exact (net PnL = realized PnL - fees).
#include "app/trade_notes.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::host {
namespace {

// 2023-11-14 00:00:00 UTC.
constexpr std::int64_t day_start = 1'699'920'000'000;

intent_record btc_intent() {
  intent_record i;
  i.id = 3;
  i.client_id = "tb-BTCUSDT-1";
  i.symbol = "BTCUSDT";
  i.side = position_side::long_side;
  i.quantity = "0.010";
  i.entry_price = "27150.10";
  i.stop_price = "26900.00";
  i.take_profit = "27650.30";
  i.strategy = "strategy_ictsmc";
  i.reason = "bullish order block retest";
  i.mode = trade_mode::live;
  return i;
}

trade_record btc_trade() {
  trade_record t;
  t.id = 7;
  t.intent_id = 3;
  t.symbol = "BTCUSDT";
  t.side = position_side::long_side;
  t.quantity = "0.010";
  t.entry_price = "27150.10";
  t.fees = "0.10860";
  t.opened_ms = day_start + 9 * 3'600'000;
  t.mode = trade_mode::live;
  return t;
}

trade_record closed(trade_record t, std::string realized, std::string fees,
                    exit_reason reason = exit_reason::take_profit) {
  t.exit_price = "27650.30";
  t.realized_pnl = std::move(realized);
  t.fees = std::move(fees);
  t.closed_ms = t.opened_ms + (3 * 60 + 25) * 60'000;  // 3 h 25 min later
  t.reason = reason;
  return t;
}

nlohmann::json fields_of(const owned_note& note) {
  EXPECT_FALSE(note.fields_json.empty());
  return nlohmann::json::parse(note.fields_json);  // throws (fails the test) when not JSON
}

TEST(TradeNotes, AnOpenedTradeNamesItsPlan) {
  const owned_note note = trade_opened_note(btc_trade(), btc_intent());
  EXPECT_EQ(note.kind, TB_NOTE_TRADE_OPENED);
  EXPECT_EQ(note.severity, TB_SEVERITY_INFO);
  EXPECT_EQ(note.time_ms, btc_trade().opened_ms);
  EXPECT_EQ(note.key, "trade-7-opened");
  EXPECT_EQ(note.title, "BTCUSDT long opened");
  EXPECT_EQ(note.body, "bullish order block retest");
  const auto fields = fields_of(note);
  EXPECT_EQ(fields["Symbol"], "BTCUSDT");
  EXPECT_EQ(fields["Side"], "long");
  EXPECT_EQ(fields["Entry"], "27150.10");
  EXPECT_EQ(fields["Stop"], "26900.00");
  EXPECT_EQ(fields["Target"], "27650.30");
  EXPECT_EQ(fields["Size"], "0.010");
  EXPECT_EQ(fields["Risk"], "2.50 USDT");  // (27150.10 - 26900.00) x 0.010
  EXPECT_EQ(fields["Strategy"], "strategy_ictsmc");
  EXPECT_EQ(fields["Mode"], "live");
  EXPECT_EQ(fields["Trade"], "#7");
}

TEST(TradeNotes, AShortWithoutATargetSaysSo) {
  trade_record trade = btc_trade();
  trade.side = position_side::short_side;
  trade.mode = trade_mode::paper;
  intent_record intent = btc_intent();
  intent.take_profit.reset();
  intent.stop_price = "27400.10";
  intent.strategy.clear();
  const owned_note note = trade_opened_note(trade, intent);
  EXPECT_EQ(note.title, "BTCUSDT short opened");
  const auto fields = fields_of(note);
  EXPECT_EQ(fields["Target"], "none");
  EXPECT_EQ(fields["Risk"], "2.50 USDT");  // the distance either way
  EXPECT_FALSE(fields.contains("Strategy"));
  EXPECT_EQ(fields["Mode"], "paper");
}

TEST(TradeNotes, AClosedTradeReportsItsExactNetPnl) {
  const owned_note note =
      trade_closed_note(closed(btc_trade(), "12.50", "0.75"), btc_intent());
  EXPECT_EQ(note.kind, TB_NOTE_TRADE_CLOSED);
  EXPECT_EQ(note.severity, TB_SEVERITY_INFO);
  EXPECT_EQ(note.time_ms, btc_trade().opened_ms + (3 * 60 + 25) * 60'000);
  EXPECT_EQ(note.key, "trade-7-closed");
  EXPECT_EQ(note.title, "BTCUSDT long closed: take-profit");
  EXPECT_EQ(note.body, "Profit of +11.75 USDT after fees (take-profit)");
  const auto fields = fields_of(note);
  EXPECT_EQ(fields["Exit"], "27650.30");
  EXPECT_EQ(fields["Net PnL"], "+11.75 USDT");
  EXPECT_EQ(fields["Realized PnL"], "+12.50 USDT");
  EXPECT_EQ(fields["Fees"], "0.75 USDT");
  EXPECT_EQ(fields["Reason"], "take-profit");
  EXPECT_EQ(fields["Held"], "3h 25m");  // the host's duration_text
  EXPECT_EQ(fields["Trade"], "#7");
}

TEST(TradeNotes, MoneyIsNeverRoundedThroughDoubles) {
  // 0.1 + 0.2 style: a double would print 0.30000000000000004 or lose the last digits.
  const auto fields = fields_of(
      trade_closed_note(closed(btc_trade(), "199.16", "1.679984"), btc_intent()));
  EXPECT_EQ(fields["Net PnL"], "+197.480016 USDT");
}

TEST(TradeNotes, ALossIsAWarning) {
  const owned_note stop =
      trade_closed_note(closed(btc_trade(), "-5.00", "0.40", exit_reason::stop_loss), btc_intent());
  EXPECT_EQ(stop.severity, TB_SEVERITY_WARNING);
  EXPECT_EQ(stop.title, "BTCUSDT long closed: stop-loss");
  EXPECT_EQ(stop.body, "Loss of -5.40 USDT after fees (stop-loss)");
  EXPECT_EQ(fields_of(stop)["Net PnL"], "-5.40 USDT");
  EXPECT_EQ(fields_of(stop)["Realized PnL"], "-5.00 USDT");

  // A gross profit the fees turn into a loss is a loss.
  const owned_note eaten =
      trade_closed_note(closed(btc_trade(), "0.30", "0.50"), btc_intent());
  EXPECT_EQ(eaten.severity, TB_SEVERITY_WARNING);
  EXPECT_EQ(fields_of(eaten)["Net PnL"], "-0.20 USDT");

  // Break-even is no loss.
  const owned_note even =
      trade_closed_note(closed(btc_trade(), "0.50", "0.50"), btc_intent());
  EXPECT_EQ(even.severity, TB_SEVERITY_INFO);
  EXPECT_EQ(fields_of(even)["Net PnL"], "+0.00 USDT");
}

TEST(TradeNotes, EachExitReasonHasItsWords) {
  const std::pair<exit_reason, const char*> cases[] = {
      {exit_reason::stop_loss, "stop-loss"},
      {exit_reason::take_profit, "take-profit"},
      {exit_reason::manual, "closed manually"},
      {exit_reason::time_exit, "time exit"},
      {exit_reason::reconciled, "closed on the exchange"}};
  for (const auto& [reason, words] : cases) {
    const owned_note note = trade_closed_note(closed(btc_trade(), "1", "0", reason), btc_intent());
    EXPECT_EQ(note.title, std::string("BTCUSDT long closed: ") + words);
    EXPECT_EQ(fields_of(note)["Reason"], words);
  }
}

TEST(TradeNotes, TheViewBorrowsTheNotesText) {
  const owned_note note =
      trade_closed_note(closed(btc_trade(), "12.50", "0.75"), btc_intent());
  const tb_notification view = note.view();
  EXPECT_EQ(view.struct_size, sizeof(tb_notification));
  EXPECT_EQ(view.kind, TB_NOTE_TRADE_CLOSED);
  EXPECT_EQ(view.severity, note.severity);
  EXPECT_EQ(view.time_ms, note.time_ms);
  EXPECT_EQ(view.key, note.key.c_str());
  EXPECT_EQ(view.title, note.title.c_str());
  EXPECT_EQ(view.body, note.body.c_str());
  EXPECT_EQ(view.fields_json, note.fields_json.c_str());

  owned_note bare;
  bare.title = "t";
  const tb_notification bare_view = bare.view();
  EXPECT_STREQ(bare_view.title, "t");
  EXPECT_EQ(bare_view.body, nullptr);
  EXPECT_EQ(bare_view.fields_json, nullptr);
}

TEST(TradeNotes, TheDailySummaryCountsWinsAndLosses) {
  day_figures day;
  day.day_start_ms = day_start;
  day.closed = {closed(btc_trade(), "12.50", "0.75"),                       // +11.75
                closed(btc_trade(), "0.30", "0.50"),                        // -0.20
                closed(btc_trade(), "-5.00", "0.40", exit_reason::stop_loss), // -5.40
                closed(btc_trade(), "3", "0.5")};                           // +2.5
  day.realized_pnl = "10.80";
  day.fees = "2.15";
  day.net_pnl = "8.65";
  day.open_positions = 2;
  day.equity = 10'234.5;
  const owned_note note = daily_summary_note(day);
  EXPECT_EQ(note.kind, TB_NOTE_DAILY_SUMMARY);
  EXPECT_EQ(note.severity, TB_SEVERITY_INFO);
  EXPECT_EQ(note.time_ms, day_start + 86'400'000 - 1);
  EXPECT_EQ(note.key, "daily-summary-2023-11-14");
  EXPECT_EQ(note.title, "Daily summary 2023-11-14 (UTC)");
  EXPECT_EQ(note.body, "4 trades closed: 2 won, 2 lost; net +8.65 USDT after fees.");
  const auto fields = fields_of(note);
  EXPECT_EQ(fields["Trades closed"], "4");
  EXPECT_EQ(fields["Won / lost"], "2 / 2");
  EXPECT_EQ(fields["Win rate"], "50.0 %");
  EXPECT_EQ(fields["Net PnL"], "+8.65 USDT");
  EXPECT_EQ(fields["Realized PnL"], "+10.80 USDT");
  EXPECT_EQ(fields["Fees"], "2.15 USDT");
  EXPECT_EQ(fields["Open positions"], "2");
  EXPECT_EQ(fields["Equity"], "10234.50 USDT");
}

TEST(TradeNotes, TheWinRateIsRoundedToOneDecimal) {
  day_figures day;
  day.day_start_ms = day_start;
  day.closed = {closed(btc_trade(), "1", "0"), closed(btc_trade(), "2", "0"),
                closed(btc_trade(), "-1", "0")};
  day.net_pnl = "2";
  const owned_note note = daily_summary_note(day);
  EXPECT_EQ(note.body, "3 trades closed: 2 won, 1 lost; net +2 USDT after fees.");
  EXPECT_EQ(fields_of(note)["Win rate"], "66.7 %");

  day.closed.resize(1);
  day.net_pnl = "1";
  EXPECT_EQ(daily_summary_note(day).body, "1 trade closed: 1 won, 0 lost; net +1 USDT after fees.");
}

TEST(TradeNotes, AQuietDayHasNoWinRateAndUnknownEquityIsLeftOut) {
  day_figures day;
  day.day_start_ms = day_start;
  const owned_note note = daily_summary_note(day);
  EXPECT_EQ(note.body, "No trade closed.");
  const auto fields = fields_of(note);
  EXPECT_EQ(fields["Trades closed"], "0");
  EXPECT_EQ(fields["Won / lost"], "0 / 0");
  EXPECT_FALSE(fields.contains("Win rate"));
  EXPECT_FALSE(fields.contains("Equity"));
  EXPECT_EQ(fields["Net PnL"], "+0 USDT");
  EXPECT_EQ(fields["Open positions"], "0");
}

}  // namespace
}  // namespace tb::host
