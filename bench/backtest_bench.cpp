// Full-pipeline backtest throughput (issue #6): `tradingbot backtest`'s own code path
// (run_backtest) with the built exchange_sim and strategy_ictsmc plugins, over one year,
// in two shapes:
//
//   --case minute            1 symbol x 1 year of 1m candles (2025)
//   --case hourly            648 symbols x 1 year of 1h candles (2025)
//   --case minute-synthetic  the minute case with the synthetic market generated as the
//                            simulator plays it (its generation is then part of the figure)
//
// The minute and hourly cases read candle files, written once into --data DIR (default:
// bench-data/ beside the executable) from the synthetic market, with the simulator's file
// feed, which loads them at start-up.
//
// Candles per second = the base candles of the period (symbols x its length / the base
// interval) / the real time of the period's loop; the start-up (plugin loading, file
// reading, the strategy's warm-up) and the outputs are printed apart. Peak RSS is the
// process's (getrusage). Run it on one core: `taskset -c 0 tb_bench_backtest --case minute`.
// Exit code 1 when the run fails.
#include <sys/resource.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/command_settings.hpp"
#include "app/commands.hpp"
#include "market/symbol_catalogue.hpp"
#include "market/symbol_market.hpp"

namespace {

namespace fs = std::filesystem;
using tb::exchange_sim::interval;

constexpr std::int64_t start_ms = 1'735'689'600'000;  // 2025-01-01
constexpr std::int64_t end_ms = 1'767'225'600'000;    // 2026-01-01
constexpr std::int64_t warm_up_ms = 40LL * 86'400'000;  // > 200 4h candles before the start
constexpr std::int64_t hour_ms = 3'600'000;

std::string number(double v) {
  char text[32];
  const auto r = std::to_chars(text, text + sizeof text, v);
  return std::string(text, r.ptr);
}

// One CSV per symbol, <SYMBOL>-<iv>.csv, from the synthetic market; kept for later runs.
void write_files(const fs::path& dir, std::size_t symbols, interval iv) {
  fs::create_directories(dir);
  const auto catalogue = tb::exchange_sim::make_symbol_catalogue(symbols, 20261124);
  std::vector<tb::exchange_sim::candle> candles;
  for (const auto& profile : catalogue) {
    const fs::path file = dir / (profile.name + "-" + std::string(to_string(iv)) + ".csv");
    if (fs::exists(file)) continue;
    tb::exchange_sim::symbol_market market(profile, 20261124);
    candles.clear();
    market.candles(iv, start_ms - warm_up_ms, end_ms, candles);
    std::ostringstream out;
    out << "open_time,open,high,low,close,volume\n";
    for (const auto& c : candles) {
      out << c.open_time_ms << ',' << number(c.open) << ',' << number(c.high) << ','
          << number(c.low) << ',' << number(c.close) << ',' << number(c.volume) << '\n';
    }
    const fs::path partial = file.string() + ".partial";
    std::ofstream(partial, std::ios::binary) << out.str();
    fs::rename(partial, file);
  }
}

std::string yaml(const std::string& exchange_settings, const fs::path& state) {
  return "mode: backtest\n"
         "state_dir: " + state.string() + "\n"
         "logging: {level: warn, console: false}\n"
         "plugins:\n"
         "  load:\n"
         "    - name: exchange_sim\n"
         "      kind: exchange\n"
         "      settings: " + exchange_settings + "\n"
         "    - name: strategy_ictsmc\n"
         "      kind: strategy\n"
         "backtest: {start: 2025-01-01, end: 2026-01-01, progress: false, chart_symbols: 3}\n"
         "data: {intervals: [1h, 4h], lookback: 200}\n";
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::string which = "minute";
  fs::path data = fs::path(argv[0]).parent_path() / "bench-data";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--case") which = argv[i + 1];
    else if (flag == "--data") data = argv[i + 1];
  }
  if (which != "minute" && which != "hourly" && which != "minute-synthetic") {
    std::cerr << "usage: tb_bench_backtest --case minute|hourly|minute-synthetic [--data DIR]\n";
    return 2;
  }
  const fs::path work = fs::temp_directory_path() / ("tb_bench_backtest_" + which);
  fs::remove_all(work);
  fs::create_directories(work);

  const bool hourly = which == "hourly";
  const std::size_t symbols = hourly ? 648 : 1;
  const std::int64_t base_ms = hourly ? hour_ms : 60'000;
  std::string exchange = "{market: synthetic, symbols: 1, seed: 20261124, base_interval: 1m}";
  if (which != "minute-synthetic") {
    const fs::path dir = data / which;
    const auto began = std::chrono::steady_clock::now();
    write_files(dir, symbols, hourly ? interval::h1 : interval::m1);
    std::cout << "data: " << dir.string() << " (ready in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()
              << " s)\n";
    exchange = "{market: files, data_dir: \"" + dir.string() + "\", base_interval: " +
               (hourly ? "1h" : "1m") + "}";
  }
  const fs::path config = work / "backtest.yaml";
  std::ofstream(config) << yaml(exchange, work / "state");

  const auto settings = tb::host::load_command_settings(config, "tb_bench_backtest", std::cerr);
  if (!settings) return 1;
  tb::host::run_options options;
  options.config = config;
  tb::host::backtest_timing timing;
  std::ostringstream summary;
  const auto began = std::chrono::steady_clock::now();
  const int code = tb::host::run_backtest(*settings, options, summary, &timing);
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (code != 0) {
    std::cerr << "the backtest failed (exit " << code << "); see " << (work / "state").string() << "\n";
    return 1;
  }
  const double candles = static_cast<double>(symbols) * static_cast<double>((end_ms - start_ms) / base_ms);
  std::printf("case %s: %zu symbol(s) x 2025 of %s candles = %.0f candles, %zu trades\n",
              which.c_str(), symbols, base_ms == hour_ms ? "1h" : "1m", candles, timing.trades);
  std::printf("  start-up and warm-up  %8.3f s\n", timing.warm_up_seconds);
  std::printf("  the year              %8.3f s  -> %.2f M candles/s (target 10 M: ratio %.2f)\n",
              timing.loop_seconds, candles / timing.loop_seconds / 1e6,
              candles / timing.loop_seconds / 1e7);
  std::printf("  outputs               %8.3f s\n", timing.output_seconds);
  std::printf("  whole run             %8.3f s  -> %.2f M candles/s\n", total, candles / total / 1e6);
  std::printf("  peak RSS              %8.1f MB\n", static_cast<double>(peak_rss_kb()) / 1024.0);
  return 0;
}
