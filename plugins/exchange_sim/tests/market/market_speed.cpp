// Manual speed check of the synthetic market (not a test: no timing assertions in tests).
// Build in Release and run: exchange_sim_market_speed [days] [symbols]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "market/symbol_catalogue.hpp"
#include "market/symbol_market.hpp"

int main(int argc, char** argv) {
  using namespace tb::exchange_sim;
  const long days = argc > 1 ? std::atol(argv[1]) : 365;
  const long symbols = argc > 2 ? std::atol(argv[2]) : 4;
  const auto catalogue = make_symbol_catalogue(static_cast<std::size_t>(symbols), 1);
  const std::int64_t first_day = default_origin_ms / day_ms;

  // Setup: the checkpoints (hourly skeleton only).
  auto t0 = std::chrono::steady_clock::now();
  std::vector<symbol_market> markets;
  for (const auto& p : catalogue) {
    markets.emplace_back(p, 1);
    markets.back().state_at_day(first_day + days);
  }
  auto t1 = std::chrono::steady_clock::now();

  // Generation: every day's 1,440 one-minute candles, checksum so nothing is optimized away.
  double checksum = 0;
  long candles = 0;
  for (auto& m : markets) {
    for (long d = 0; d < days; ++d) {
      const auto day = m.day_minutes(first_day + d);
      checksum += day.back().close + day[700].volume;
      candles += static_cast<long>(day.size());
    }
  }
  auto t2 = std::chrono::steady_clock::now();

  // Aggregation on top: 5m candles over the whole span, through candles().
  std::vector<candle> out;
  out.reserve(static_cast<std::size_t>(days) * 288);
  long aggregated = 0;
  for (auto& m : markets) {
    out.clear();
    aggregated += static_cast<long>(m.candles(interval::m5, default_origin_ms, default_origin_ms + days * day_ms, out));
    checksum += out.back().close;
  }
  auto t3 = std::chrono::steady_clock::now();

  const auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("setup (%ld days x %ld symbols of checkpoints): %.3f s\n", days, symbols, secs(t0, t1));
  std::printf("1m generation: %ld candles in %.3f s = %.1f M candles/s\n", candles, secs(t1, t2),
              static_cast<double>(candles) / secs(t1, t2) / 1e6);
  std::printf("5m through candles(): %ld candles (%ld minutes) in %.3f s = %.1f M minutes/s\n",
              aggregated, aggregated * 5, secs(t2, t3), static_cast<double>(aggregated * 5) / secs(t2, t3) / 1e6);
  std::printf("checksum %.6f\n", checksum);
  return 0;
}
