// The strategy's full analysis (issue #4): strategy_ictsmc's on_scan over 648 symbols with
// 200 closed 1h and 200 closed 4h candles each, through the host's StrategyEngine with one
// worker thread (one core), the path `tradingbot run` takes. The bound is 20 ms a scan.
// Candles are market-like random walks (plugins/strategy_ictsmc/tests/signals/market_like.hpp),
// a different seed per symbol.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "market_like.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"
#include "services/strategy_engine.hpp"

namespace {

using namespace tb;

constexpr std::size_t symbols = 648;
constexpr std::size_t lookback = 200;
constexpr std::int64_t hour_ms = 3'600'000;

void no_log(void*, std::int32_t, const char*, std::size_t) {}
std::int64_t wall_ms(void* ctx) { return static_cast<const host::clock*>(ctx)->wall_ms(); }
std::int64_t monotonic_ns(void* ctx) { return static_cast<const host::clock*>(ctx)->monotonic_ns(); }

std::vector<tb_candle> closed(const ictsmc::ohlcv& c, std::size_t last, std::int64_t interval_ms) {
  std::vector<tb_candle> out;
  for (std::size_t i = c.size() - last; i < c.size(); ++i) {
    out.push_back({c.time_ms[i], c.time_ms[i] + interval_ms - 1, c.open[i], c.high[i], c.low[i],
                   c.close[i], c.volume[i], c.volume[i] * c.close[i], 100, TB_CANDLE_CLOSED, 0});
  }
  return out;
}

struct universe {
  std::deque<std::string> names;
  std::deque<std::vector<tb_candle>> candles;
  std::vector<tb_series> series;

  universe() {
    for (std::uint32_t id = 1; id <= symbols; ++id) {
      names.push_back("SYM" + std::to_string(id) + "USDT");
      // 4 x 200 hours make the 200 4h candles; the last 200 of those hours are the 1h series.
      const ictsmc::ohlcv hourly = ictsmc::testing::market_like(id, 4 * lookback);
      add(id, "1h", 3600, closed(hourly, lookback, hour_ms));
      add(id, "4h", 14400, closed(ictsmc::testing::group_candles(hourly, 4), lookback, 4 * hour_ms));
    }
  }
  void add(std::uint32_t id, const char* interval, std::uint32_t seconds, std::vector<tb_candle> c) {
    candles.push_back(std::move(c));
    tb_series s{};
    s.struct_size = sizeof s;
    s.symbol = names.back().c_str();
    s.symbol_id = id;
    s.interval = interval;
    s.interval_s = seconds;
    s.candles = candles.back().data();
    s.count = candles.back().size();
    s.candle_stride = sizeof(tb_candle);
    series.push_back(s);
  }
};

struct plugin_host {
  host::real_clock clk;
  tb_host_api api{};
  std::shared_ptr<const host::plugin_library> library =
      host::plugin_library::open(TB_STRATEGY_ICTSMC_PATH);

  plugin_host() {
    api.struct_size = sizeof api;
    api.abi_major = TB_ABI_MAJOR;
    api.abi_minor = TB_ABI_MINOR;
    api.ctx = &clk;
    api.log = no_log;
    api.wall_ms = wall_ms;
    api.monotonic_ns = monotonic_ns;
  }
  std::unique_ptr<host::plugin_instance> instance() {
    auto made = host::plugin_instance::create(library, &api, "strategy_ictsmc");
    made->start();
    return made;
  }
};

// A cold scan: a new instance each time, so every symbol's whole window is analysed (the
// plugin keeps each symbol's analysis between scans; a repeated scan of the same candles
// would cost nothing).
void full_analysis_648x200(benchmark::State& state) {
  static const universe data;
  plugin_host plugins;
  std::size_t signals = 0;
  std::unique_ptr<host::plugin_instance> instance;
  std::unique_ptr<host::strategy_engine> engine;
  for (auto _ : state) {
    state.PauseTiming();
    engine.reset();
    instance = plugins.instance();
    engine = std::make_unique<host::strategy_engine>(plugins.clk, nullptr, nullptr, 1);
    engine->add_strategy("ictsmc", {instance.get()});
    state.ResumeTiming();
    const host::batch_result result = engine->analyze_batch(data.series);
    signals = result.signals.size();
    if (!result.errors.empty()) state.SkipWithError(result.errors.front().status.describe().c_str());
  }
  engine.reset();  // before its strategy's instance
  instance.reset();
  state.counters["symbols"] = symbols;
  state.counters["signals"] = static_cast<double>(signals);
  state.counters["candles/s"] = benchmark::Counter(static_cast<double>(state.iterations() * symbols * 2 * lookback),
                                                   benchmark::Counter::kIsRate);
  state.SetLabel("bound 20 ms");
}
BENCHMARK(full_analysis_648x200)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The steady state of a backtest or a long-running service: each scan, every symbol's 1h
// window has moved on by one closed hour (and its 4h window by one candle every fourth scan),
// so the plugin analyses one new candle per symbol. One iteration is one scan of 648 symbols.
struct sliding_universe {
  static constexpr std::size_t hours = 4 * lookback + 4 * 2000;  // 2,000 scans of 4 hours
  std::deque<std::string> names;
  std::vector<std::vector<tb_candle>> hourly, four_hourly;

  sliding_universe() {
    for (std::uint32_t id = 1; id <= symbols; ++id) {
      names.push_back("SYM" + std::to_string(id) + "USDT");
      const ictsmc::ohlcv h = ictsmc::testing::market_like(id, hours);
      hourly.push_back(closed(h, h.size(), hour_ms));
      const ictsmc::ohlcv f = ictsmc::testing::group_candles(h, 4);
      four_hourly.push_back(closed(f, f.size(), 4 * hour_ms));
    }
  }
  // The series of scan `step`: the lookback hours ending at hour 4 x lookback + step.
  std::vector<tb_series> at(std::size_t step) const {
    std::vector<tb_series> out;
    const std::size_t end_hour = 4 * lookback + step;  // exclusive
    for (std::size_t k = 0; k < symbols; ++k) {
      tb_series s{};
      s.struct_size = sizeof s;
      s.symbol = names[k].c_str();
      s.symbol_id = static_cast<std::uint32_t>(k + 1);
      s.candle_stride = sizeof(tb_candle);
      s.interval = "1h";
      s.interval_s = 3600;
      s.candles = hourly[k].data() + (end_hour - lookback);
      s.count = lookback;
      out.push_back(s);
      s.interval = "4h";
      s.interval_s = 14400;
      s.candles = four_hourly[k].data() + (end_hour / 4 - lookback);
      out.push_back(s);
    }
    return out;
  }
};

void incremental_scan_648(benchmark::State& state) {
  static const sliding_universe data;
  plugin_host plugins;
  auto instance = plugins.instance();
  host::strategy_engine engine(plugins.clk, nullptr, nullptr, 1);
  engine.add_strategy("ictsmc", {instance.get()});
  std::size_t step = 0;
  engine.analyze_batch(data.at(step++));  // the cold scan, outside the measure
  std::size_t signals = 0;
  std::vector<tb_series> series;
  for (auto _ : state) {
    state.PauseTiming();
    if (4 * lookback + step >= sliding_universe::hours) state.SkipWithError("out of data");
    series = data.at(step++);
    state.ResumeTiming();
    signals += engine.analyze_batch(series).signals.size();
  }
  state.counters["signals"] = static_cast<double>(signals);
  state.counters["new candles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * symbols), benchmark::Counter::kIsRate);
}
BENCHMARK(incremental_scan_648)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime()->UseRealTime()->Iterations(1500);

}  // namespace

BENCHMARK_MAIN();
