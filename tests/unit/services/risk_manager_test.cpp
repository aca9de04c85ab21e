// The RiskManager: every rule accepting and refusing, exact sizing on the exchange grids,
// locks starting and clearing, cooldown boundaries, one position per symbol and the maximum.
// Numbers are worked by hand in the comments; defaults are risk 1%, leverage 5, at most 3
// positions, daily loss 3%, drawdown 15%, cooldown 4h, market entries.
#include "services/risk_manager.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace tb::host {
namespace {

constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t hour_ms = 3'600'000;
// 2023-11-14 00:00 UTC, and noon that day.
constexpr std::int64_t day_start = 19'675 * day_ms;
constexpr std::int64_t noon = day_start + 12 * hour_ms;

tb_symbol_info make_info(const char* symbol, const char* tick, const char* step,
                         const char* min_qty, const char* max_qty, const char* min_notional) {
  tb_symbol_info info{};
  info.struct_size = sizeof info;
  info.status = TB_SYMBOL_TRADING;
  std::snprintf(info.symbol, sizeof info.symbol, "%s", symbol);
  std::snprintf(info.quote_asset, sizeof info.quote_asset, "USDT");
  std::snprintf(info.tick_size, sizeof info.tick_size, "%s", tick);
  std::snprintf(info.step_size, sizeof info.step_size, "%s", step);
  std::snprintf(info.min_qty, sizeof info.min_qty, "%s", min_qty);
  std::snprintf(info.max_qty, sizeof info.max_qty, "%s", max_qty);
  std::snprintf(info.min_notional, sizeof info.min_notional, "%s", min_notional);
  return info;
}

tb_symbol_info btc() { return make_info("BTCUSDT", "0.1", "0.001", "0.001", "1000", "5"); }

trade_signal signal(std::int32_t side, double entry, double stop, double target,
                    const char* symbol = "BTCUSDT") {
  trade_signal s;
  s.strategy = "ictsmc";
  s.symbol = symbol;
  s.side = side;
  s.entry = entry;
  s.stop_loss = stop;
  s.take_profit = target;
  s.confidence = 0.8;
  return s;
}

trade_signal btc_long() { return signal(TB_SIDE_LONG, 25000, 24500, 26000); }

account_view account(double equity = 10000, double margin = 10000, double day_pnl = 0,
                     double peak = 10000) {
  return {equity, margin, day_pnl, peak};
}

std::vector<open_position> positions(std::initializer_list<const char*> symbols) {
  std::vector<open_position> out;
  for (const char* s : symbols) out.push_back({s, TB_SIDE_LONG});
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RiskManager, SizesALongFromRiskAndPlansEveryValueExactly) {
  risk_manager rm{risk_settings{}};
  // Risk 1% of 10000 = 100 USDT over a stop distance of 25000 - 24500 = 500: 0.2 BTC.
  // Notional 0.2 x 25000 = 5000; the margin cap 5 x 10000 / 25000 = 2 BTC does not bind.
  const auto decision = rm.evaluate(btc_long(), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  const order_plan& plan = *decision.plan;
  EXPECT_EQ(decision.rejection, risk_rejection::none);
  EXPECT_EQ(decision.reason, "");
  EXPECT_FALSE(decision.lock_started);
  EXPECT_EQ(plan.symbol, "BTCUSDT");
  EXPECT_EQ(plan.side, TB_SIDE_LONG);
  EXPECT_EQ(plan.entry_type, entry_order_type::market);
  EXPECT_EQ(plan.quantity, "0.2");
  EXPECT_EQ(plan.entry_price, "25000");
  EXPECT_EQ(plan.stop_price, "24500");
  EXPECT_EQ(plan.take_profit_price, "26000");
  EXPECT_EQ(plan.leverage, 5u);
  EXPECT_EQ(plan.margin, margin_type::isolated);
  EXPECT_EQ(plan.limit_timeout.count(), 0);
  EXPECT_EQ(plan.notional, "5000");
  EXPECT_EQ(plan.risk_amount, "100");
  EXPECT_EQ(plan.summary,
            "BTCUSDT long market qty 0.2 @ 25000 stop 24500 tp 26000 5x isolated notional 5000 "
            "USDT risk 100 USDT [ictsmc, confidence 0.8]");
}

TEST(RiskManager, FloorsTheQuantityToTheStepNeverUp) {
  risk_manager rm{risk_settings{}};
  // 100 / (25000 - 24700 = 300) = 0.3333...: floored to 0.333, never 0.334.
  // Risk at the stop: 0.333 x 300 = 99.9, below the 100 budget.
  const auto decision =
      rm.evaluate(signal(TB_SIDE_LONG, 25000, 24700, 26000), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->quantity, "0.333");
  EXPECT_EQ(decision.plan->risk_amount, "99.9");
  EXPECT_EQ(decision.plan->notional, "8325");
}

TEST(RiskManager, RoundsLongPricesDownOntoTheTick) {
  risk_manager rm{risk_settings{}};
  // Entry 25000.09 -> 25000 (a buy never pays more); stop 24500.05 -> 24500 (away);
  // target 25999.99 -> 25999.9 (toward the entry). Distance 500: 0.2 again.
  const auto decision =
      rm.evaluate(signal(TB_SIDE_LONG, 25000.09, 24500.05, 25999.99), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->entry_price, "25000");
  EXPECT_EQ(decision.plan->stop_price, "24500");
  EXPECT_EQ(decision.plan->take_profit_price, "25999.9");
  EXPECT_EQ(decision.plan->quantity, "0.2");
}

TEST(RiskManager, RoundsShortPricesUpOntoTheTick) {
  risk_manager rm{risk_settings{}};
  // Entry 25000.04 -> 25000.1 (a sell never gets less); stop 25500.01 -> 25500.1 (away);
  // target 24000.09 -> 24000.1 (toward). Distance 500: 0.2; notional 0.2 x 25000.1 = 5000.02.
  const auto decision =
      rm.evaluate(signal(TB_SIDE_SHORT, 25000.04, 25500.01, 24000.09), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->side, TB_SIDE_SHORT);
  EXPECT_EQ(decision.plan->entry_price, "25000.1");
  EXPECT_EQ(decision.plan->stop_price, "25500.1");
  EXPECT_EQ(decision.plan->take_profit_price, "24000.1");
  EXPECT_EQ(decision.plan->quantity, "0.2");
  EXPECT_EQ(decision.plan->notional, "5000.02");
  EXPECT_EQ(decision.plan->risk_amount, "100");
}

TEST(RiskManager, RefusesPricesThatCrossTheEntryOnTheGrid) {
  risk_manager rm{risk_settings{}};
  // Tick 1: entry 100.9 -> 100, stop 100.5 -> 100: the stop lands on the entry.
  const auto info = make_info("XUSDT", "1", "0.001", "0.001", "1000000", "5");
  const auto decision =
      rm.evaluate(signal(TB_SIDE_LONG, 100.9, 100.5, 110, "XUSDT"), account(), {}, info, noon);
  EXPECT_FALSE(decision.accepted());
  EXPECT_EQ(decision.rejection, risk_rejection::prices_off_grid);
  EXPECT_TRUE(contains(decision.reason, "entry 100, stop 100")) << decision.reason;
  // Target 100.95 -> 100: on the entry too.
  const auto target =
      rm.evaluate(signal(TB_SIDE_LONG, 100.9, 90, 100.95, "XUSDT"), account(), {}, info, noon);
  EXPECT_EQ(target.rejection, risk_rejection::prices_off_grid);
}

TEST(RiskManager, CapsByMaxNotionalPerPosition) {
  risk_settings settings;
  settings.max_notional_per_position = 1000;
  risk_manager rm{settings};
  // Risk sizing gives 0.2 (notional 5000); the cap 1000 / 25000 = 0.04 binds.
  const auto decision = rm.evaluate(btc_long(), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->quantity, "0.04");
  EXPECT_EQ(decision.plan->notional, "1000");
  EXPECT_EQ(decision.plan->risk_amount, "20");
  EXPECT_TRUE(contains(decision.plan->summary, "limited by max_notional_per_position"));
}

TEST(RiskManager, CapsByLeverageTimesAvailableMargin) {
  risk_manager rm{risk_settings{}};
  // Available margin 200 x leverage 5 = 1000 of notional: 1000 / 25000 = 0.04.
  const auto decision = rm.evaluate(btc_long(), account(10000, 200), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->quantity, "0.04");
  EXPECT_TRUE(contains(decision.plan->summary, "limited by max_leverage x available margin"));
  // Margin 0.9: 4.5 / 25000 = 0.00018, floored to 0: refused, not rounded up to 0.001.
  const auto tiny = rm.evaluate(btc_long(), account(10000, 0.9), {}, btc(), noon);
  EXPECT_EQ(tiny.rejection, risk_rejection::below_min_qty);
  EXPECT_TRUE(contains(tiny.reason, "limited by max_leverage x available margin")) << tiny.reason;
}

TEST(RiskManager, CapsByTheSymbolsMaxQty) {
  risk_manager rm{risk_settings{}};
  const auto info = make_info("BTCUSDT", "0.1", "0.001", "0.001", "0.1", "5");
  const auto decision = rm.evaluate(btc_long(), account(), {}, info, noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->quantity, "0.1");
}

TEST(RiskManager, RefusesBelowMinQtyWithTheNumbers) {
  risk_manager rm{risk_settings{}};
  // Equity 40: risk 0.4 / 500 = 0.0008, floored to 0 on step 0.001.
  const auto zero = rm.evaluate(btc_long(), account(40, 40, 0, 40), {}, btc(), noon);
  EXPECT_FALSE(zero.accepted());
  EXPECT_EQ(zero.rejection, risk_rejection::below_min_qty);
  EXPECT_EQ(zero.reason,
            "BTCUSDT: quantity 0 (risk 0.4 USDT / stop distance 500, floored to step 0.001) is "
            "below min_qty 0.001; refused, not rounded up");
  // min_qty 0.01: equity 100 gives 1 / 500 = 0.002, on the step but below the minimum.
  const auto info = make_info("BTCUSDT", "0.1", "0.001", "0.01", "1000", "5");
  const auto small = rm.evaluate(btc_long(), account(100, 100, 0, 100), {}, info, noon);
  EXPECT_EQ(small.rejection, risk_rejection::below_min_qty);
  EXPECT_TRUE(contains(small.reason, "quantity 0.002")) << small.reason;
  // Equity 500: 5 / 500 = 0.01, exactly min_qty: accepted.
  const auto exact = rm.evaluate(btc_long(), account(500, 500, 0, 500), {}, info, noon);
  ASSERT_TRUE(exact.accepted()) << exact.reason;
  EXPECT_EQ(exact.plan->quantity, "0.01");
}

TEST(RiskManager, ComparesMinNotionalExactly) {
  risk_manager rm{risk_settings{}};
  // Equity 1000: 10 / 500 = 0.02; notional 0.02 x 25000 = 500.
  const auto above = make_info("BTCUSDT", "0.1", "0.001", "0.001", "1000", "500.0000001");
  const auto refused = rm.evaluate(btc_long(), account(1000, 1000, 0, 1000), {}, above, noon);
  EXPECT_EQ(refused.rejection, risk_rejection::below_min_notional);
  EXPECT_EQ(refused.reason,
            "BTCUSDT: notional 500 USDT (quantity 0.02 x entry 25000) is below min_notional "
            "500.0000001; refused, not rounded up");
  const auto equal = make_info("BTCUSDT", "0.1", "0.001", "0.001", "1000", "500");
  const auto accepted = rm.evaluate(btc_long(), account(1000, 1000, 0, 1000), {}, equal, noon);
  ASSERT_TRUE(accepted.accepted()) << accepted.reason;
  EXPECT_EQ(accepted.plan->notional, "500");
}

TEST(RiskManager, HandlesTinyPricesOnA1e8Tick) {
  risk_manager rm{risk_settings{}};
  // Tick 0.00000001, step 1: distance 0.00002345 - 0.000023 = 0.00000045; risk 10 (equity
  // 1000): 10 / 0.00000045 = 22222222.2 -> 22222222. Notional 22222222 x 0.00002345 =
  // 521.1111059; risk 22222222 x 0.00000045 = 9.9999999. Margin cap 5000 / 0.00002345 is
  // about 213 million: no cap.
  const auto info = make_info("SHIBUSDT", "0.00000001", "1", "1", "1000000000", "5");
  const auto decision =
      rm.evaluate(signal(TB_SIDE_LONG, 0.00002345, 0.000023, 0.000025, "SHIBUSDT"),
                  account(1000, 1000, 0, 1000), {}, info, noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->entry_price, "0.00002345");
  EXPECT_EQ(decision.plan->stop_price, "0.000023");
  EXPECT_EQ(decision.plan->take_profit_price, "0.000025");
  EXPECT_EQ(decision.plan->quantity, "22222222");
  EXPECT_EQ(decision.plan->notional, "521.1111059");
  EXPECT_EQ(decision.plan->risk_amount, "9.9999999");
}

TEST(RiskManager, HandlesLargePricesAndSevenDecimalTicks) {
  risk_manager rm{risk_settings{}};
  // Tick 0.0000001: distance 0.0123456 - 0.012 = 0.0003456; 10 / 0.0003456 = 28935.18 ->
  // 28935; notional 28935 x 0.0123456 = 357.219936; risk 28935 x 0.0003456 = 9.999936.
  const auto pepe = make_info("1000PEPEUSDT", "0.0000001", "1", "1", "100000000", "5");
  const auto small = rm.evaluate(signal(TB_SIDE_LONG, 0.0123456, 0.012, 0.013, "1000PEPEUSDT"),
                                 account(1000, 1000, 0, 1000), {}, pepe, noon);
  ASSERT_TRUE(small.accepted()) << small.reason;
  EXPECT_EQ(small.plan->quantity, "28935");
  EXPECT_EQ(small.plan->notional, "357.219936");
  EXPECT_EQ(small.plan->risk_amount, "9.999936");
  // Entry 123456.78 on tick 0.01, stop 122456.78: distance 1000; equity 1000000 risks
  // 10000 -> 10 BTC; notional 1234567.8; margin 5 x 1000000 = 5000000 is enough.
  const auto big = make_info("BTCUSDT", "0.01", "0.001", "0.001", "1000", "5");
  const auto large = rm.evaluate(signal(TB_SIDE_LONG, 123456.78, 122456.78, 130000),
                                 account(1000000, 1000000, 0, 1000000), {}, big, noon);
  ASSERT_TRUE(large.accepted()) << large.reason;
  EXPECT_EQ(large.plan->quantity, "10");
  EXPECT_EQ(large.plan->entry_price, "123456.78");
  EXPECT_EQ(large.plan->notional, "1234567.8");
}

TEST(RiskManager, RefusesAStopBeyondTheLiquidationDistance) {
  risk_manager rm{risk_settings{}};
  // Leverage 5: the initial margin is 1/5 of the entry; a stop 5000 below 25000 loses all of
  // it (5000 x 5 = 25000 >= 25000).
  const auto far =
      rm.evaluate(signal(TB_SIDE_LONG, 25000, 20000, 30000), account(), {}, btc(), noon);
  EXPECT_EQ(far.rejection, risk_rejection::stop_beyond_liquidation);
  // One tick closer: 4999.9 x 5 = 24999.5 < 25000; 100 / 4999.9 = 0.0200004 -> 0.02.
  const auto inside =
      rm.evaluate(signal(TB_SIDE_LONG, 25000, 20000.1, 30000), account(), {}, btc(), noon);
  ASSERT_TRUE(inside.accepted()) << inside.reason;
  EXPECT_EQ(inside.plan->quantity, "0.02");
  // Leverage 4 allows the first stop: 5000 x 4 = 20000 < 25000.
  risk_settings settings;
  settings.max_leverage = 4;
  risk_manager lower{settings};
  EXPECT_TRUE(lower.evaluate(signal(TB_SIDE_LONG, 25000, 20000, 30000), account(), {}, btc(), noon)
                  .accepted());
}

TEST(RiskManager, RefusesAnInvalidSignal) {
  risk_manager rm{risk_settings{}};
  // A long with its stop above the entry.
  const auto decision =
      rm.evaluate(signal(TB_SIDE_LONG, 25000, 25500, 26000), account(), {}, btc(), noon);
  EXPECT_EQ(decision.rejection, risk_rejection::invalid_signal);
  EXPECT_TRUE(contains(decision.reason, "BTCUSDT: ")) << decision.reason;
}

TEST(RiskManager, RefusesSymbolInfoThatDoesNotFit) {
  risk_manager rm{risk_settings{}};
  const auto other = rm.evaluate(btc_long(), account(), {},
                                 make_info("ETHUSDT", "0.01", "0.001", "0.001", "1000", "5"), noon);
  EXPECT_EQ(other.rejection, risk_rejection::bad_symbol_info);
  auto halted = btc();
  halted.status = TB_SYMBOL_HALTED;
  EXPECT_EQ(rm.evaluate(btc_long(), account(), {}, halted, noon).rejection,
            risk_rejection::bad_symbol_info);
  const auto bad = rm.evaluate(btc_long(), account(), {},
                               make_info("BTCUSDT", "0.1x", "0.001", "0.001", "1000", "5"), noon);
  EXPECT_EQ(bad.rejection, risk_rejection::bad_symbol_info);
  EXPECT_TRUE(contains(bad.reason, "filter tick_size '0.1x'")) << bad.reason;
  const auto zero_step = rm.evaluate(btc_long(), account(), {},
                                     make_info("BTCUSDT", "0.1", "0", "0.001", "1000", "5"), noon);
  EXPECT_EQ(zero_step.rejection, risk_rejection::bad_symbol_info);
  // Empty max_qty and min_notional mean no such filter.
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), {},
                          make_info("BTCUSDT", "0.1", "0.001", "0.001", "", ""), noon)
                  .accepted());
}

TEST(RiskManager, AllowsOnePositionPerSymbol) {
  risk_manager rm{risk_settings{}};
  const auto decision = rm.evaluate(btc_long(), account(), positions({"BTCUSDT"}), btc(), noon);
  EXPECT_EQ(decision.rejection, risk_rejection::position_open);
  EXPECT_EQ(decision.reason, "BTCUSDT: a long position is already open; one position per symbol");
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), positions({"ETHUSDT"}), btc(), noon).accepted());
}

TEST(RiskManager, AllowsAtMostMaxOpenPositions) {
  risk_manager rm{risk_settings{}};
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), positions({"ETHUSDT", "SOLUSDT"}), btc(), noon)
                  .accepted());
  const auto full =
      rm.evaluate(btc_long(), account(), positions({"ETHUSDT", "SOLUSDT", "XRPUSDT"}), btc(), noon);
  EXPECT_EQ(full.rejection, risk_rejection::max_positions);
  EXPECT_EQ(full.reason, "BTCUSDT: 3 positions are open, max_open_positions is 3");
  risk_settings one;
  one.max_open_positions = 1;
  risk_manager single{one};
  EXPECT_EQ(single.evaluate(btc_long(), account(), positions({"ETHUSDT"}), btc(), noon).rejection,
            risk_rejection::max_positions);
}

TEST(RiskManager, WaitsOutTheStopLossCooldownToTheMillisecond) {
  risk_manager rm{risk_settings{}};
  rm.record_stop_loss("BTCUSDT", noon);
  const auto during = rm.evaluate(btc_long(), account(), {}, btc(), noon + 4 * hour_ms - 1);
  EXPECT_EQ(during.rejection, risk_rejection::cooldown);
  // Noon + 4h on 2023-11-14.
  EXPECT_EQ(during.reason,
            "BTCUSDT: stop-loss cooldown until 2023-11-14 16:00:00 UTC (1 min left, "
            "stop_loss_cooldown 240 min)");
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), {}, btc(), noon + 4 * hour_ms).accepted());
  // Another symbol is not held back.
  const auto eth = make_info("ETHUSDT", "0.01", "0.001", "0.001", "10000", "5");
  EXPECT_TRUE(
      rm.evaluate(signal(TB_SIDE_LONG, 2000, 1950, 2100, "ETHUSDT"), account(), {}, eth, noon)
          .accepted());
  // A later stop-loss restarts it; an earlier one recorded afterwards does not shorten it.
  rm.record_stop_loss("BTCUSDT", noon + hour_ms);
  rm.record_stop_loss("BTCUSDT", noon);
  EXPECT_EQ(rm.evaluate(btc_long(), account(), {}, btc(), noon + 4 * hour_ms).rejection,
            risk_rejection::cooldown);
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), {}, btc(), noon + 5 * hour_ms).accepted());
}

TEST(RiskManager, ZeroCooldownAllowsAnEntryAtOnce) {
  risk_settings settings;
  settings.stop_loss_cooldown = std::chrono::milliseconds{0};
  risk_manager rm{settings};
  rm.record_stop_loss("BTCUSDT", noon);
  EXPECT_TRUE(rm.evaluate(btc_long(), account(), {}, btc(), noon).accepted());
}

TEST(RiskManager, RefusesWithoutEquityOrMargin) {
  risk_manager rm{risk_settings{}};
  EXPECT_EQ(rm.evaluate(btc_long(), account(0, 100, 0, 0), {}, btc(), noon).rejection,
            risk_rejection::no_equity);
  EXPECT_EQ(rm.evaluate(btc_long(), account(10000, 0), {}, btc(), noon).rejection,
            risk_rejection::no_equity);
}

TEST(RiskManager, DailyLossLimitLocksUntilTheNextUtcDay) {
  risk_manager rm{risk_settings{}};
  // Realized -299.99 today on equity 9700.01: starting equity 10000, a loss of 2.9999%.
  EXPECT_TRUE(rm.evaluate(btc_long(), account(9700.01, 9700, -299.99), {}, btc(), noon).accepted());
  EXPECT_FALSE(rm.locked(noon));
  // Realized -300 on equity 9700: exactly 3% of 10000. The lock starts now, once.
  const auto first = rm.evaluate(btc_long(), account(9700, 9700, -300), {}, btc(), noon);
  EXPECT_EQ(first.rejection, risk_rejection::locked);
  EXPECT_TRUE(first.lock_started);
  EXPECT_TRUE(contains(first.reason, "daily loss limit")) << first.reason;
  const auto second = rm.evaluate(btc_long(), account(9700, 9700, -300), {}, btc(), noon + 1);
  EXPECT_EQ(second.rejection, risk_rejection::locked);
  EXPECT_FALSE(second.lock_started);
  ASSERT_TRUE(rm.locked(day_start + day_ms - 1));
  EXPECT_EQ(rm.locked(day_start + day_ms - 1)->kind, risk_lock_kind::daily_loss);
  EXPECT_EQ(rm.locked(day_start + day_ms - 1)->since_ms, noon);
  // Even a recovered account stays locked the same day.
  EXPECT_EQ(rm.evaluate(btc_long(), account(), {}, btc(), day_start + day_ms - 1).rejection,
            risk_rejection::locked);
  // 00:00 UTC the next day: the new day's PnL is 0, entries resume.
  EXPECT_FALSE(rm.locked(day_start + day_ms));
  const auto next =
      rm.evaluate(btc_long(), account(9700, 9700, 0, 10000), {}, btc(), day_start + day_ms);
  EXPECT_TRUE(next.accepted()) << next.reason;
  EXPECT_FALSE(next.lock_started);
}

TEST(RiskManager, UpdateLocksStartsALockWithoutASignal) {
  risk_manager rm{risk_settings{}};
  const auto started = rm.update_locks(account(9700, 9700, -300), noon);
  EXPECT_TRUE(started.started);
  ASSERT_TRUE(started.lock);
  EXPECT_EQ(started.lock->kind, risk_lock_kind::daily_loss);
  const auto again = rm.update_locks(account(9700, 9700, -300), noon + 1);
  EXPECT_FALSE(again.started);
  EXPECT_TRUE(again.lock);
  // The evaluate() after it does not report the start a second time.
  EXPECT_FALSE(
      rm.evaluate(btc_long(), account(9700, 9700, -300), {}, btc(), noon + 2).lock_started);
}

TEST(RiskManager, DrawdownLockHoldsUntilResetByHand) {
  risk_manager rm{risk_settings{}};
  // Peak 10000, equity 8501: 14.99% down, open.
  EXPECT_TRUE(rm.evaluate(btc_long(), account(8501, 8501, 0, 10000), {}, btc(), noon).accepted());
  // Equity 8500: exactly 15% below the peak.
  const auto hit = rm.evaluate(btc_long(), account(8500, 8500, 0, 10000), {}, btc(), noon);
  EXPECT_EQ(hit.rejection, risk_rejection::locked);
  EXPECT_TRUE(hit.lock_started);
  EXPECT_TRUE(contains(hit.reason, "drawdown limit")) << hit.reason;
  // Still locked days later, even with equity back.
  const std::int64_t later = noon + 3 * day_ms;
  ASSERT_TRUE(rm.locked(later));
  EXPECT_EQ(rm.locked(later)->kind, risk_lock_kind::drawdown);
  EXPECT_EQ(rm.evaluate(btc_long(), account(), {}, btc(), later).rejection, risk_rejection::locked);
  // Reset: entries resume while the drawdown is within the limit...
  EXPECT_TRUE(rm.reset_drawdown_lock());
  EXPECT_FALSE(rm.reset_drawdown_lock());
  EXPECT_TRUE(rm.evaluate(btc_long(), account(9000, 9000, 0, 10000), {}, btc(), later).accepted());
  // ...and a drawdown still past it locks again, with a new start.
  const auto again = rm.evaluate(btc_long(), account(8000, 8000, 0, 10000), {}, btc(), later);
  EXPECT_EQ(again.rejection, risk_rejection::locked);
  EXPECT_TRUE(again.lock_started);
}

TEST(RiskManager, DrawdownLockWinsOverTheDailyOne) {
  risk_manager rm{risk_settings{}};
  // 8500 after a realized -1500 today: starting equity 10000, 15% daily loss and 15% drawdown.
  const auto update = rm.update_locks(account(8500, 8500, -1500, 10000), noon);
  EXPECT_TRUE(update.started);
  ASSERT_TRUE(rm.locked(noon));
  EXPECT_EQ(rm.locked(noon)->kind, risk_lock_kind::drawdown);
  // After a reset the day's lock still holds, until the next day.
  rm.reset_drawdown_lock();
  ASSERT_TRUE(rm.locked(noon));
  EXPECT_EQ(rm.locked(noon)->kind, risk_lock_kind::daily_loss);
}

TEST(RiskManager, ZeroLimitsNeverLock) {
  risk_settings settings;
  settings.daily_loss_limit_percent = 0;
  settings.max_drawdown_percent = 0;
  risk_manager rm{settings};
  const auto decision = rm.evaluate(btc_long(), account(5000, 5000, -5000, 10000), {}, btc(), noon);
  EXPECT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_FALSE(rm.locked(noon));
}

TEST(RiskManager, RefusesNumbersOutsideTheExactRange) {
  risk_manager rm{risk_settings{}};
  // Leverage 5 x available margin 3e17 = 1.5e18, past the 10^18 range of exact decimals:
  // refused rather than rounded.
  const auto decision = rm.evaluate(btc_long(), account(10000, 3e17), {}, btc(), noon);
  EXPECT_EQ(decision.rejection, risk_rejection::too_large);
  EXPECT_FALSE(decision.accepted());
}

TEST(RiskManager, PlansALimitEntryWithItsTimeout) {
  risk_settings settings;
  settings.entry_order = entry_order_type::limit;
  settings.limit_timeout = std::chrono::milliseconds{90'000};
  settings.margin = margin_type::cross;
  settings.max_leverage = 3;
  risk_manager rm{settings};
  const auto decision = rm.evaluate(btc_long(), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->entry_type, entry_order_type::limit);
  EXPECT_EQ(decision.plan->limit_timeout.count(), 90'000);
  EXPECT_EQ(decision.plan->margin, margin_type::cross);
  EXPECT_EQ(decision.plan->leverage, 3u);
  EXPECT_TRUE(contains(decision.plan->summary, "long limit qty 0.2 @ 25000"));
  EXPECT_TRUE(contains(decision.plan->summary, "3x cross"));
}

TEST(RiskManager, UsesTheRiskPercentage) {
  risk_settings settings;
  settings.risk_per_trade_percent = 0.5;
  risk_manager rm{settings};
  // 0.5% of 10000 = 50; 50 / 500 = 0.1.
  const auto decision = rm.evaluate(btc_long(), account(), {}, btc(), noon);
  ASSERT_TRUE(decision.accepted()) << decision.reason;
  EXPECT_EQ(decision.plan->quantity, "0.1");
  EXPECT_EQ(decision.plan->risk_amount, "50");
}

TEST(RiskManager, NamesEveryRejection) {
  EXPECT_STREQ(to_string(risk_rejection::below_min_notional), "below_min_notional");
  EXPECT_STREQ(to_string(risk_rejection::locked), "locked");
  EXPECT_STREQ(to_string(margin_type::cross), "cross");
  EXPECT_STREQ(to_string(entry_order_type::limit), "limit");
}

}  // namespace
}  // namespace tb::host
