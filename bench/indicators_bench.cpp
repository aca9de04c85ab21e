// Throughput of the eight reference SMC indicators of strategy_ictsmc (issue #4) on one
// 100,000-candle series, in candles per second (Google Benchmark's items_per_second).
// bos_choch, ob, liquidity and retracements take swings computed once beforehand, so only the
// indicator itself is timed; swing_highs_lows is measured on its own. Every call uses the
// reference defaults (swing_length 50, previous_high_low "1D", sessions "London open kill
// zone" in UTC, ...). docs/benchmarks.md records the figures and the command.
//
//   tb_bench_indicators [--candles FILE] [Google Benchmark flags]
//
// Without --candles the series is a seeded random walk of 1-minute candles. With it, FILE is
// a candle file as `tradingbot analyze` reads it (CSV, or a JSON array of Binance/freqtrade
// kline rows, e.g. /work/shared/data/real/*/...-1h-futures.json), repeated end to end until
// there are 100,000 rows (each copy shifted in time to start one candle interval after the
// previous copy's last candle, so times stay strictly increasing and on the file's candle
// grid), then cut to 100,000. Prices are repeated as they are (a jump at each seam).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "candle_files/candle_file.hpp"
#include "indicators/indicators.hpp"

namespace {

using namespace tb::ictsmc;

constexpr std::size_t candle_count = 100'000;
constexpr std::int64_t minute_ms = 60'000;
constexpr std::int64_t walk_start_ms = 1'735'689'600'000;  // 2025-01-01 00:00 UTC

// A random walk on a coarse price grid (ties between highs and lows happen, as in real data),
// like the indicator tests' random_candles, but around 30,000 with a 2.5 tick so that 100,000
// steps stay far from zero (one step's standard deviation is 1.6, the walk's about 500).
ohlcv random_walk(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  ohlcv c;
  c.reserve(n);
  double price = 30'000;
  constexpr double tick = 2.5;
  for (std::size_t i = 0; i < n; ++i) {
    const double open = price;
    price += static_cast<double>(static_cast<int>(rng() % 9) - 4) * tick;
    const double high = std::max(open, price) + static_cast<double>(rng() % 3) * tick;
    const double low = std::min(open, price) - static_cast<double>(rng() % 3) * tick;
    c.push_back(walk_start_ms + static_cast<std::int64_t>(i) * minute_ms, open, high, low, price,
                static_cast<double>(rng() % 100));
  }
  return c;
}

// The file's candles, repeated end to end up to n rows (see the top of the file); rows is set
// to the file's row count.
ohlcv from_file(const std::string& path, std::size_t n, std::size_t& rows) {
  const tb::candle_files::candle_columns file = tb::candle_files::read_candle_file(path);
  rows = file.size();
  if (rows < 2) throw std::runtime_error(path + ": needs at least 2 candles, has " + std::to_string(rows));
  const std::int64_t step = file.time_ms[1] - file.time_ms[0];
  const std::int64_t period = file.time_ms[rows - 1] - file.time_ms[0] + step;
  ohlcv c;
  c.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = i % rows;
    const auto copy = static_cast<std::int64_t>(i / rows);
    c.push_back(file.time_ms[r] + copy * period, file.open[r], file.high[r], file.low[r],
                file.close[r], file.volume[r]);
  }
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (c.time_ms[i] <= c.time_ms[i - 1]) {
      throw std::runtime_error(path + ": repeated times do not increase at row " + std::to_string(i));
    }
  }
  return c;
}

struct series {
  std::string source;
  ohlcv candles;
  swing_points swings;  // swing_highs_lows(candles, 50)
};

series& data() {
  static series s;
  return s;
}

std::size_t count_set(const std::vector<double>& values) {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return !std::isnan(v) && v != 0; }));
}

template <class Fn>
void run(benchmark::State& state, Fn&& indicator) {
  const series& s = data();
  for (auto _ : state) {
    auto result = indicator(s);
    benchmark::DoNotOptimize(result);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.candles.size()));
}

void swing_highs_lows_bench(benchmark::State& state) {
  run(state, [](const series& s) { return swing_highs_lows(s.candles, 50); });
}
void fvg_bench(benchmark::State& state) {
  run(state, [](const series& s) { return fvg(s.candles, false); });
}
void bos_choch_bench(benchmark::State& state) {
  run(state, [](const series& s) { return bos_choch(s.candles, s.swings, true); });
}
void ob_bench(benchmark::State& state) {
  run(state, [](const series& s) { return ob(s.candles, s.swings, false); });
}
void liquidity_bench(benchmark::State& state) {
  run(state, [](const series& s) { return liquidity(s.candles, s.swings, 0.01); });
}
void previous_high_low_bench(benchmark::State& state) {
  run(state, [](const series& s) { return previous_high_low(s.candles, "1D"); });
}
void sessions_bench(benchmark::State& state) {
  run(state, [](const series& s) { return sessions(s.candles, "London open kill zone", "", "", "UTC"); });
}
void retracements_bench(benchmark::State& state) {
  run(state, [](const series& s) { return retracements(s.candles, s.swings); });
}

}  // namespace

int main(int argc, char** argv) {
  // Take --candles FILE / --candles=FILE out before Google Benchmark reads the flags.
  std::string path;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--candles") == 0 && i + 1 < argc) {
      path = argv[++i];
    } else if (std::strncmp(argv[i], "--candles=", 10) == 0) {
      path = argv[i] + 10;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;

  series& s = data();
  try {
    if (path.empty()) {
      s.source = "random walk, 1m, seed 1";
      s.candles = random_walk(candle_count, 1);
    } else {
      std::size_t rows = 0;
      s.candles = from_file(path, candle_count, rows);
      s.source = path + " (" + std::to_string(rows) + " rows, repeated)";
    }
    s.swings = swing_highs_lows(s.candles, 50);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tb_bench_indicators: %s\n", e.what());
    return 2;
  }

  // What the series holds, since the cost of several indicators depends on it.
  const table structures = bos_choch(s.candles, s.swings, true);
  const table pools = liquidity(s.candles, s.swings, 0.01);
  const table blocks = ob(s.candles, s.swings, false);
  const table gaps = fvg(s.candles, false);
  benchmark::AddCustomContext("candles", std::to_string(s.candles.size()) + " from " + s.source);
  benchmark::AddCustomContext("swings (swing_length 50)", std::to_string(count_set(s.swings.high_low)));
  benchmark::AddCustomContext("fvg gaps", std::to_string(count_set(gaps[0].values)));
  benchmark::AddCustomContext("bos_choch structures kept",
                              std::to_string(count_set(structures[0].values) +
                                             count_set(structures[1].values)));
  benchmark::AddCustomContext("ob blocks left", std::to_string(count_set(blocks[0].values)));
  benchmark::AddCustomContext("liquidity pools", std::to_string(count_set(pools[0].values)));

  benchmark::RegisterBenchmark("swing_highs_lows", swing_highs_lows_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("fvg", fvg_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("bos_choch", bos_choch_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ob", ob_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("liquidity", liquidity_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("previous_high_low", previous_high_low_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("sessions", sessions_bench)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("retracements", retracements_bench)->Unit(benchmark::kMillisecond);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
