// A manual speed check, not a test: how long advance_to takes per base candle per symbol when
// nothing happens (every symbol subscribed at 1h, no orders), next to the cost of generating
// the same candles alone. Build in Release for a meaningful figure.
//   exchange_sim_replay_speed [days] [symbols]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "feed/synthetic_feed.hpp"
#include "sim_driver.hpp"

using namespace tb::exchange_sim;
using namespace tb::exchange_sim::testing;

int main(int argc, char** argv) {
  const int days = argc > 1 ? std::atoi(argv[1]) : 10;
  const int count = argc > 2 ? std::atoi(argv[2]) : 20;
  const double candles = static_cast<double>(days) * 1440.0 * count;

  synthetic_feed feed(static_cast<std::size_t>(count), 20261124, interval::m1);
  std::vector<tb_candle> out;
  // Warm up: the checkpoints from the market's origin (2020) to 2024, as the plugin's seek does.
  for (int k = 0; k < count; ++k) feed.base_candles(static_cast<std::size_t>(k), jan_2024 - 60'000, jan_2024, out);
  auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < count; ++k) {
    for (int d = 0; d < days; ++d) {
      out.clear();
      feed.base_candles(static_cast<std::size_t>(k), jan_2024 + d * 86'400'000LL, jan_2024 + (d + 1) * 86'400'000LL, out);
    }
  }
  const double generate = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();

  sim_driver sim("{\"symbols\": " + std::to_string(count) + "}");
  if (sim.self() == nullptr) {
    std::fprintf(stderr, "create failed: %s\n", sim.instance->create_error().message);
    return 1;
  }
  // A sink that only counts, as cheap as the host's queueing can be.
  static std::size_t pushed = 0;
  tb_market_sink sink{};
  sink.struct_size = sizeof sink;
  sink.on_candle = [](void*, const char*, const char*, const tb_candle*) { ++pushed; };
  std::vector<std::string> names;
  std::vector<tb_symbol_info> symbols(static_cast<std::size_t>(count));
  std::size_t n = 0;
  tb_error err{};
  sim.ex->list_symbols(sim.self(), 0, symbols.data(), symbols.size(), &n, &err);
  std::vector<const char*> pointers;
  for (std::size_t i = 0; i < n; ++i) pointers.push_back(symbols[i].symbol);
  sim.ex->subscribe_candles(sim.self(), pointers.data(), pointers.size(), "1h", &sink, &err);
  start = std::chrono::steady_clock::now();
  for (int h = 1; h <= days * 24; ++h) {
    if (sim.advance(jan_2024 + h * 3'600'000LL) != TB_OK) {
      std::fprintf(stderr, "advance failed: %s\n", sim.last_error.message);
      return 1;
    }
  }
  const double replay = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d days x %d symbols of 1m: generation %.1f ns/candle, advance_to %.1f ns/candle "
              "(replay overhead %.1f ns/candle), %zu candles pushed\n",
              days, count, generate / candles, replay / candles, (replay - generate) / candles, pushed);
  return 0;
}
