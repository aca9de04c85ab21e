#include "services/strategy_engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_registry.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"
#include "service_harness.hpp"
#include "services/strategy_client.hpp"

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

namespace tb::host {
namespace {

using ::testing::HasSubstr;

void no_log(void*, std::int32_t, const char*, std::size_t) {}
std::int64_t wall_ms(void* ctx) { return static_cast<const virtual_clock*>(ctx)->wall_ms(); }
std::int64_t monotonic_ns(void* ctx) {
  return static_cast<const virtual_clock*>(ctx)->monotonic_ns();
}

constexpr std::int64_t hour_ms = 3'600'000;

// Fixture strategy instances on a minimal host API, and a universe of `symbols` symbols with
// a 1h and a 4h series each (good_strategy scans only the 1h ones).
class StrategyEngine : public ::testing::Test {
 protected:
  StrategyEngine() {
    api_.struct_size = sizeof api_;
    api_.abi_major = TB_ABI_MAJOR;
    api_.abi_minor = TB_ABI_MINOR;
    api_.ctx = &clk_;
    api_.log = no_log;
    api_.wall_ms = wall_ms;
    api_.monotonic_ns = monotonic_ns;
    log_ = std::make_shared<spdlog::logger>(
        "strategy", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_));
    log_->set_pattern("%l %v");
    build_universe(20);
  }

  // `count` started instances of fixture `plugin`, named "<plugin>#<k>".
  std::vector<const plugin_instance*> shards(const std::string& plugin, std::size_t count) {
    auto library = plugin_library::open(std::string(TB_FIXTURE_PLUGIN_DIR) + "/" + plugin + ".so");
    std::vector<const plugin_instance*> out;
    for (std::size_t k = 0; k < count; ++k) {
      instances_.push_back(
          plugin_instance::create(library, &api_, plugin + "#" + std::to_string(k)));
      instances_.back()->start();
      out.push_back(instances_.back().get());
    }
    return out;
  }

  std::unique_ptr<strategy_engine> engine(std::size_t threads = 2) {
    return std::make_unique<strategy_engine>(clk_, &metrics_, log_, threads);
  }

  void build_universe(std::size_t symbols) {
    for (std::uint32_t id = 1; id <= symbols; ++id) {
      names_.push_back("SYM" + std::to_string(id) + "USDT");
      for (const auto& [interval, interval_s] : {std::pair{"1h", 3600u}, std::pair{"4h", 14400u}}) {
        auto& candles = candles_.emplace_back();
        for (int i = 0; i < 3; ++i) {
          tb_candle c{};
          c.open_time_ms = 1'700'000'000'000 + i * hour_ms;
          c.close_time_ms = c.open_time_ms + hour_ms - 1;
          // Odd ids rise and even ids fall, so both sides of good_strategy are exercised.
          const double base = 10.0 * id;
          c.close = base + ((id % 2 == 1) ? i : -i);
          c.open = base;
          c.high = std::max(c.open, c.close) + 1;
          c.low = std::min(c.open, c.close) - 1;
          c.flags = TB_CANDLE_CLOSED;
          candles.push_back(c);
        }
        tb_series s{};
        s.struct_size = sizeof s;
        s.symbol_id = id;
        s.symbol = names_.back().c_str();
        s.interval = interval;
        s.interval_s = interval_s;
        s.candle_stride = sizeof(tb_candle);
        s.count = candles.size();
        s.candles = candles.data();
        universe_.push_back(s);
      }
    }
  }

  double metric(const std::string& name, const std::string& strategy) const {
    return testing::labelled_value(metrics_, name, "strategy", strategy);
  }

  static std::vector<trade_signal> by_symbol(std::vector<trade_signal> signals) {
    std::sort(signals.begin(), signals.end(),
              [](const auto& a, const auto& b) { return a.symbol_id < b.symbol_id; });
    return signals;
  }

  virtual_clock clk_;
  metrics_registry metrics_;
  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> log_;
  std::deque<std::string> names_;            // a deque: c_str() never moves
  std::deque<std::vector<tb_candle>> candles_;
  std::vector<tb_series> universe_;
  tb_host_api api_{};
  std::vector<std::unique_ptr<plugin_instance>> instances_;  // last: closed first
};

TEST_F(StrategyEngine, ClientReadsDataNeeds) {
  const strategy_client client(*shards("good_strategy", 1).front(), "good");
  std::vector<tb_data_need> needs;
  ASSERT_TRUE(client.data_needs(needs).ok());
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_STREQ(needs[0].interval, "1h");
  EXPECT_EQ(needs[0].lookback, 50u);
}

TEST_F(StrategyEngine, ClientCopiesSignalsWithTheHostsSymbolName) {
  const strategy_client client(*shards("good_strategy", 1).front(), "good");
  const auto out = client.on_scan(universe_);
  ASSERT_TRUE(out.status.ok()) << out.status.describe();
  ASSERT_EQ(out.signals.size(), 20u);
  const auto& first = out.signals.front();  // SYM1USDT rises: a long
  EXPECT_EQ(first.strategy, "good");
  EXPECT_EQ(first.symbol, "SYM1USDT");
  EXPECT_EQ(first.side, TB_SIDE_LONG);
  EXPECT_EQ(first.interval_s, 3600u);
  EXPECT_DOUBLE_EQ(first.entry, 12.0);
  EXPECT_DOUBLE_EQ(first.confidence, 0.6);
  EXPECT_NEAR(first.reward_to_risk(), 2.0, 1e-9);
  EXPECT_EQ(first.reason, "good_strategy: last close at or above the previous close");
  EXPECT_EQ(out.signals[1].side, TB_SIDE_SHORT);  // SYM2USDT falls
}

TEST_F(StrategyEngine, ShardsScanEverySymbolOnceAndAgreeWithOneShard) {
  auto one = engine();
  one->add_strategy("good", shards("good_strategy", 1));
  auto three = engine(3);
  three->add_strategy("good", shards("good_strategy", 3));

  const auto single = one->analyze_batch(universe_);
  const auto sharded = three->analyze_batch(universe_);
  ASSERT_TRUE(single.errors.empty());
  ASSERT_TRUE(sharded.errors.empty());

  std::map<std::string, int> seen;
  for (const auto& s : sharded.signals) ++seen[s.symbol];
  ASSERT_EQ(seen.size(), names_.size());
  for (const auto& [symbol, count] : seen) EXPECT_EQ(count, 1) << symbol;
  EXPECT_EQ(by_symbol(sharded.signals), by_symbol(single.signals));

  ASSERT_EQ(sharded.timings.size(), 1u);
  EXPECT_EQ(sharded.timings[0].shards, 3u);
  EXPECT_EQ(sharded.timings[0].series, universe_.size());  // every series, once
  EXPECT_EQ(sharded.timings[0].signals, 20u);
}

TEST_F(StrategyEngine, EachShardKeepsItsSymbolsFromBatchToBatch) {
  auto e = engine();
  e->add_strategy("good", shards("good_strategy", 2));
  const auto first = e->analyze_batch(universe_);
  const auto second = e->analyze_batch(universe_);
  EXPECT_EQ(first.signals, second.signals);  // same shards, same slices, same order
  EXPECT_EQ(metric("tb_strategy_signals_total", "good"), 40);
}

TEST_F(StrategyEngine, AThrowingStrategyReportsAnErrorAndTheOthersStillSignal) {
  auto e = engine();
  e->add_strategy("thrower", shards("sdk_scan_throws", 2));
  e->add_strategy("good", shards("good_strategy", 2));
  const auto result = e->analyze_batch(universe_);

  ASSERT_EQ(result.errors.size(), 2u);  // both shards of the thrower
  for (const auto& err : result.errors) {
    EXPECT_EQ(err.strategy, "thrower");
    EXPECT_EQ(err.status.code, TB_E_PLUGIN_FAULT);
    EXPECT_THAT(err.status.message, HasSubstr("strategy 'thrower' instance 'sdk_scan_throws#"));
    EXPECT_THAT(err.status.message, HasSubstr("sdk_scan_throws: deliberate failure in on_scan()"));
  }
  EXPECT_EQ(result.signals.size(), 20u);
  for (const auto& s : result.signals) EXPECT_EQ(s.strategy, "good");
  EXPECT_EQ(metric("tb_strategy_scan_errors_total", "thrower"), 2);
  EXPECT_EQ(metric("tb_strategy_scan_errors_total", "good"), 0);
  EXPECT_THAT(log_text_.str(), HasSubstr("error strategy 'thrower' shard 'sdk_scan_throws#"));
  EXPECT_THAT(log_text_.str(),
              HasSubstr("info strategy batch: 2 strategies on 40 series: 20 signals, 0 invalid, "
                        "2 failed shards"));
}

TEST_F(StrategyEngine, AnExceptionEscapingTheABIIsCaughtByTheGuard) {
  auto e = engine();
  e->add_strategy("reckless", shards("scan_throws", 1));
  e->add_strategy("good", shards("good_strategy", 1));
  const auto result = e->analyze_batch(universe_);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].status.code, TB_E_PLUGIN_FAULT);
  EXPECT_THAT(result.errors[0].status.message,
              HasSubstr("strategy 'reckless' instance 'scan_throws#0': on_scan(): plugin "
                        "'scan_throws'"));
  EXPECT_THAT(result.errors[0].status.message, HasSubstr("scan_throws: on_scan ran out of luck"));
  EXPECT_EQ(result.signals.size(), 20u);
}

TEST_F(StrategyEngine, AFailureStatusNamesTheStrategy) {
  auto e = engine();
  e->add_strategy("unready", shards("scan_unsupported", 1));
  const auto result = e->analyze_batch(universe_);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].status.code, TB_E_UNSUPPORTED);
  EXPECT_THAT(result.errors[0].status.describe(),
              HasSubstr("TB_E_UNSUPPORTED: strategy 'unready' instance 'scan_unsupported#0': "
                        "on_scan() failed with TB_E_UNSUPPORTED: scan_unsupported: scanning is "
                        "not written yet"));
}

TEST_F(StrategyEngine, InvalidSignalsAreCountedAndReportedNotKept) {
  auto e = engine();
  e->add_strategy("sloppy", shards("sdk_scan_invalid", 2));
  e->add_strategy("good", shards("good_strategy", 1));
  const auto result = e->analyze_batch(universe_);

  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.signals.size(), 20u);  // good's only
  ASSERT_EQ(result.invalid.size(), 2 * universe_.size());
  std::size_t nan_entries = 0;
  std::size_t unknown_ids = 0;
  for (const auto& bad : result.invalid) {
    EXPECT_EQ(bad.strategy, "sloppy");
    EXPECT_THAT(bad.symbol, HasSubstr("USDT"));
    nan_entries += bad.problem.find("entry") == 0 ? 1 : 0;
    unknown_ids += bad.problem == "symbol_id 0 is not one of the series in this scan" ? 1 : 0;
  }
  EXPECT_EQ(nan_entries, universe_.size());
  EXPECT_EQ(unknown_ids, universe_.size());
  EXPECT_EQ(metric("tb_strategy_invalid_signals_total", "sloppy"), 80);
  EXPECT_EQ(metric("tb_strategy_signals_total", "sloppy"), 0);
  EXPECT_THAT(log_text_.str(),
              HasSubstr("warning strategy 'sloppy' emitted an invalid signal for SYM"));

  const auto ranked = e->rank_signals(result, {"SYM1USDT"});
  EXPECT_EQ(ranked.candidates, 100u);
  EXPECT_EQ(ranked.invalid, 80u);
  EXPECT_EQ(ranked.kept.size(), 3u);
  EXPECT_THAT(log_text_.str(), HasSubstr("info rank: 100 signals in, 80 invalid, 1 dropped as "
                                         "held, 0 duplicates of a symbol, 3 kept (limit 3)"));
}

TEST_F(StrategyEngine, MergesTheStrategiesDataNeeds) {
  auto e = engine();
  e->add_strategy("good", shards("good_strategy", 2));     // 1h, 50
  e->add_strategy("sdk", shards("sdk_scan_throws", 1));    // 1h, 10
  e->add_strategy("none", shards("scan_unsupported", 1));  // nothing
  const auto needs = e->data_needs();
  EXPECT_TRUE(needs.errors.empty());
  EXPECT_EQ(needs.lookback_by_interval, (std::map<std::string, std::uint32_t>{{"1h", 50}}));
}

TEST_F(StrategyEngine, AnEmptyUniverseCallsNoStrategy) {
  auto e = engine();
  e->add_strategy("thrower", shards("sdk_scan_throws", 2));
  const auto result = e->analyze_batch({});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(result.signals.empty());
  ASSERT_EQ(result.timings.size(), 1u);
  EXPECT_EQ(result.timings[0].series, 0u);
}

TEST_F(StrategyEngine, AddStrategyRefusesWhatCannotRun) {
  auto e = engine();
  EXPECT_THROW(e->add_strategy("none", {}), std::invalid_argument);
  e->add_strategy("good", shards("good_strategy", 1));
  EXPECT_THROW(e->add_strategy("good", shards("good_strategy", 1)), std::invalid_argument);
  EXPECT_THROW(e->add_strategy("exchange", shards("good_exchange", 1)), std::invalid_argument);
  const auto one = shards("good_strategy", 1);
  EXPECT_THROW(e->add_strategy("twice", {one[0], one[0]}), std::invalid_argument);
  EXPECT_THROW(e->add_strategy("shared", {instances_.front().get()}), std::invalid_argument);
  EXPECT_EQ(e->strategy_count(), 1u);
}

// Hot reload's swap: the next batch runs the new shards; the record of scans starts again.
TEST_F(StrategyEngine, ReplaceStrategyRunsTheNewShardsFromTheNextBatch) {
  auto e = engine();
  const auto throwing = shards("sdk_scan_throws", 2);
  e->add_strategy("s", throwing);
  e->add_strategy("other", shards("good_strategy", 1));
  e->analyze_batch(universe_);
  const auto failing = e->analyze_batch(universe_);
  EXPECT_EQ(failing.timings[0].failed, 2u);  // both shards
  EXPECT_EQ(failing.timings[1].failed, 0u);
  // Both scans counted, both failed.
  scan_record record = e->scan_record_of("s");
  EXPECT_EQ(record.failed_in_a_row, 2u);
  EXPECT_EQ(record.clean_in_a_row, 0u);
  EXPECT_EQ(e->scan_record_of("other").clean_in_a_row, 2u);

  const auto good = shards("good_strategy", 2);
  EXPECT_EQ(e->replace_strategy("s", good), throwing);
  EXPECT_EQ(e->shards_of("s"), good);
  EXPECT_EQ(e->strategy_names(), (std::vector<std::string>{"s", "other"}));
  record = e->scan_record_of("s");  // starts again: no scan yet
  EXPECT_EQ(record.failed_in_a_row, 0u);
  EXPECT_EQ(record.clean_in_a_row, 0u);
  const auto result = e->analyze_batch(universe_);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.timings[0].signals, 20u);
  record = e->scan_record_of("s");  // one scan, clean
  EXPECT_EQ(record.failed_in_a_row, 0u);
  EXPECT_EQ(record.clean_in_a_row, 1u);
  EXPECT_EQ(metric("tb_strategy_scan_errors_total", "s"), 4);  // the metrics go on
}

TEST_F(StrategyEngine, ReplaceStrategyRefusesWhatCannotRunAndKeepsTheOldShards) {
  auto e = engine();
  const auto running = shards("good_strategy", 1);
  e->add_strategy("s", running);
  const auto other = shards("good_strategy", 1);
  e->add_strategy("other", other);
  EXPECT_THROW(e->replace_strategy("unknown", shards("good_strategy", 1)), std::invalid_argument);
  EXPECT_THROW(e->replace_strategy("s", {}), std::invalid_argument);
  EXPECT_THROW(e->replace_strategy("s", {nullptr}), std::invalid_argument);
  EXPECT_THROW(e->replace_strategy("s", other), std::invalid_argument);
  EXPECT_THROW(e->replace_strategy("s", shards("good_exchange", 1)), std::invalid_argument);
  const auto one = shards("good_strategy", 1);
  EXPECT_THROW(e->replace_strategy("s", {one[0], one[0]}), std::invalid_argument);
  EXPECT_EQ(e->shards_of("s"), running);
  EXPECT_TRUE(e->shards_of("unknown").empty());
  // Its own instances may stay in the new set.
  EXPECT_EQ(e->replace_strategy("s", {running[0], one[0]}), running);
}

}  // namespace
}  // namespace tb::host
