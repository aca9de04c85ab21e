#include "services/rank_signals.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <cmath>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_registry.hpp"
#include "services/strategy_engine.hpp"

namespace tb::host {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A long signal with reward-to-risk rr: entry 100, stop 90, target 100 + 10 * rr.
trade_signal long_signal(std::string symbol, double confidence, double rr = 2.0,
                         std::string strategy = "alpha") {
  trade_signal s;
  s.strategy = std::move(strategy);
  s.symbol = std::move(symbol);
  s.side = TB_SIDE_LONG;
  s.interval_s = 3600;
  s.entry = 100;
  s.stop_loss = 90;
  s.take_profit = 100 + 10 * rr;
  s.confidence = confidence;
  return s;
}

std::vector<std::string> symbols_of(const rank_outcome& r) {
  std::vector<std::string> out;
  for (const auto& s : r.kept) out.push_back(s.symbol + "/" + s.strategy);
  return out;
}

TEST(TradeSignal, RewardToRiskIsTargetDistanceOverStopDistance) {
  EXPECT_DOUBLE_EQ(long_signal("A", 0.5, 3.0).reward_to_risk(), 3.0);
  trade_signal s = long_signal("A", 0.5);
  s.side = TB_SIDE_SHORT;
  s.stop_loss = 105;
  s.take_profit = 90;
  EXPECT_DOUBLE_EQ(s.reward_to_risk(), 2.0);
}

TEST(TradeSignal, ProblemsNameWhatIsWrong) {
  EXPECT_EQ(signal_problem(long_signal("A", 0.5)), "");
  auto bad = long_signal("A", 0.5);
  bad.entry = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(signal_problem(bad), HasSubstr("entry"));
  bad = long_signal("A", 0.5);
  bad.take_profit = std::numeric_limits<double>::infinity();
  EXPECT_THAT(signal_problem(bad), HasSubstr("take_profit"));
  EXPECT_THAT(signal_problem(long_signal("A", 1.5)), HasSubstr("confidence"));
  EXPECT_THAT(signal_problem(long_signal("A", -0.1)), HasSubstr("confidence"));
  bad = long_signal("A", 0.5);
  bad.stop_loss = 110;
  EXPECT_THAT(signal_problem(bad), HasSubstr("stop_loss 110.000000 is not below the entry"));
  bad = long_signal("A", 0.5);
  bad.side = TB_SIDE_SHORT;  // stop 90 below a short's entry
  EXPECT_THAT(signal_problem(bad), HasSubstr("is not above the entry"));
  bad = long_signal("A", 0.5);
  bad.side = 0;
  EXPECT_THAT(signal_problem(bad), HasSubstr("side 0"));
  EXPECT_EQ(signal_problem(long_signal("", 0.5)), "no symbol");

  tb_signal c{};
  c.struct_size = 8;
  EXPECT_THAT(signal_problem(c), HasSubstr("struct_size 8"));
}

TEST(RankSignals, OrdersByConfidenceThenRewardToRiskThenSymbol) {
  const auto r = rank_signals({long_signal("C", 0.7, 2.0), long_signal("A", 0.9, 1.0),
                               long_signal("B", 0.7, 3.0), long_signal("D", 0.7, 2.0)},
                              {}, 10);
  EXPECT_THAT(symbols_of(r), ElementsAre("A/alpha", "B/alpha", "C/alpha", "D/alpha"));
  EXPECT_EQ(r.candidates, 4u);
}

TEST(RankSignals, TheOrderDoesNotDependOnTheInputOrder) {
  std::vector<trade_signal> in{long_signal("X", 0.5), long_signal("Y", 0.5),
                               long_signal("Z", 0.5), long_signal("Y", 0.5, 2.0, "beta")};
  const auto forward = rank_signals(in, {}, 10);
  std::reverse(in.begin(), in.end());
  const auto backward = rank_signals(in, {}, 10);
  EXPECT_EQ(forward.kept, backward.kept);
  EXPECT_THAT(symbols_of(forward), ElementsAre("X/alpha", "Y/alpha", "Z/alpha"));
}

TEST(RankSignals, DropsHeldSymbols) {
  const auto r = rank_signals({long_signal("A", 0.9), long_signal("B", 0.8), long_signal("A", 0.7),
                               long_signal("C", 0.6)},
                              {"A", "Q"}, 10);
  EXPECT_THAT(symbols_of(r), ElementsAre("B/alpha", "C/alpha"));
  EXPECT_EQ(r.dropped_held, 2u);
}

TEST(RankSignals, KeepsTheBestSignalPerSymbolAcrossStrategies) {
  const auto r = rank_signals({long_signal("A", 0.6, 2.0, "alpha"),
                               long_signal("A", 0.8, 1.0, "beta"),
                               long_signal("A", 0.8, 1.5, "gamma"), long_signal("B", 0.7)},
                              {}, 10);
  EXPECT_THAT(symbols_of(r), ElementsAre("A/gamma", "B/alpha"));
  EXPECT_EQ(r.duplicates, 2u);
}

TEST(RankSignals, ReturnsAtMostLimitAndThreeByDefault) {
  std::vector<trade_signal> in;
  for (char c = 'A'; c <= 'F'; ++c) in.push_back(long_signal(std::string(1, c), 0.5));
  EXPECT_THAT(symbols_of(rank_signals(in, {})), ElementsAre("A/alpha", "B/alpha", "C/alpha"));
  EXPECT_THAT(symbols_of(rank_signals(in, {}, 1)), ElementsAre("A/alpha"));
  EXPECT_TRUE(rank_signals(in, {}, 0).kept.empty());
  EXPECT_EQ(rank_signals(in, {}, 10).kept.size(), 6u);
  EXPECT_TRUE(rank_signals({}, {"A"}).kept.empty());
}

TEST(RankSignals, DropsInvalidSignalsBeforeTheyCanWin) {
  auto nan_confidence = long_signal("A", 0.5);
  nan_confidence.confidence = std::numeric_limits<double>::quiet_NaN();
  auto wrong_side = long_signal("B", 1.0);
  wrong_side.take_profit = 50;  // below a long's entry
  const auto r = rank_signals({nan_confidence, wrong_side, long_signal("C", 0.1)}, {}, 10);
  EXPECT_THAT(symbols_of(r), ElementsAre("C/alpha"));
  EXPECT_EQ(r.invalid, 2u);
}

TEST(StrategyEngineRanking, LogsAndCountsItsInputsAndOutputs) {
  std::ostringstream text;
  auto log = std::make_shared<spdlog::logger>(
      "strategy", std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
  log->set_pattern("%v");
  virtual_clock clk{0};
  metrics_registry metrics;
  strategy_engine engine(clk, &metrics, log, 1);

  auto best = long_signal("BTCUSDT", 0.9, 2.5, "smc");
  best.reason = "sweep + FVG";
  const auto r = engine.rank_signals(
      {best, long_signal("ETHUSDT", 0.8), long_signal("SOLUSDT", 0.7), long_signal("XRPUSDT", 0.6)},
      {"ETHUSDT"}, 2);
  EXPECT_THAT(symbols_of(r), ElementsAre("BTCUSDT/smc", "SOLUSDT/alpha"));
  EXPECT_THAT(text.str(), HasSubstr("rank: 4 signals in, 0 invalid, 1 dropped as held, "
                                    "0 duplicates of a symbol, 2 kept (limit 2)"));
  EXPECT_THAT(text.str(), HasSubstr("rank #1: BTCUSDT long entry=100 stop=90 tp=125 "
                                    "confidence=0.900 rr=2.50 strategy=smc reason=sweep + FVG"));
  EXPECT_THAT(text.str(), HasSubstr("rank #2: SOLUSDT long"));
  const std::string prom = metrics.to_prometheus();
  EXPECT_THAT(prom, HasSubstr("tb_rank_dropped_held_total 1"));
  EXPECT_THAT(prom, HasSubstr("tb_rank_signals_total 2"));
}

}  // namespace
}  // namespace tb::host
