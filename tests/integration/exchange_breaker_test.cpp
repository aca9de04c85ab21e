// The host's own circuit breaker around the real exchange_binance plugin, against the fake
// Binance on 127.0.0.1: server errors open it, an open breaker sends nothing, and after the
// cooldown a probe goes out and successful probes close it again.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "deadline.hpp"
#include "fake_process.hpp"
#include "services/exchange_client.hpp"

namespace {

using namespace std::chrono_literals;
using tb::binance::testing::deadline_in;
using tb::host::breaker_state;

TEST(exchange_breaker, opens_on_server_errors_probes_after_the_cooldown_and_closes) {
  tb::binance::testing::fake_process fake({"--symbols", "12"});
  tb::host::bot_settings settings;
  settings.logging.console = false;
  settings.logging.file.clear();
  settings.rate_limits = tb::host::default_rate_limits();
  settings.circuit_breakers.defaults.consecutive_failures = 3;
  settings.circuit_breakers.defaults.cooldown = 300ms;
  settings.circuit_breakers.defaults.half_open_probes = 2;
  tb::host::plugin_entry entry;
  entry.name = "exchange_binance";
  entry.kind = tb::host::plugin_kind::exchange;
  entry.settings = {{"rest_url", fake.rest_url()}, {"ws_url", fake.ws_url()}};
  settings.plugins.load.push_back(entry);

  tb::host::core_services services(settings);
  std::mutex mutex;
  std::vector<std::pair<breaker_state, breaker_state>> transitions;
  services.breakers().subscribe([&](const tb::host::breaker_transition& t) {
    if (t.breaker != "binance.market") return;
    std::lock_guard lock(mutex);
    transitions.emplace_back(t.from, t.to);
  });
  tb::host::plugin_set plugins(services, {std::filesystem::path(TB_EXCHANGE_PLUGIN_DIR)});
  plugins.load(settings.plugins.load);
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  ASSERT_EQ(exchanges.size(), 1u);
  const tb::host::exchange_client exchange(*exchanges.front());

  std::vector<tb_candle> out;
  const tb::host::candle_request request{"BTCUSDT", "1h", 0, 0, 10};
  auto klines = [&] { return fake.requests("/fapi/v1/klines").size(); };
  ASSERT_TRUE(exchange.fetch_candles(request, deadline_in(10s), out).ok());

  fake.admin("POST", "/_admin/faults",
             {{"type", "error"}, {"status", 502}, {"count", 3}, {"path", "/fapi/v1/klines"}});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(exchange.fetch_candles(request, deadline_in(10s), out).code, TB_E_IO);
  }
  EXPECT_EQ(services.breakers().get("binance.market").state(), breaker_state::open);

  // Open: refused by the host without a request.
  const std::size_t sent_while_closed = klines();
  const auto refused = exchange.fetch_candles(request, deadline_in(10s), out);
  EXPECT_EQ(refused.code, TB_E_BREAKER_OPEN) << refused.describe();
  EXPECT_EQ(klines(), sent_while_closed);

  // After the cooldown: half-open; two successful probes close it.
  const auto half_open_by = std::chrono::steady_clock::now() + 10s;
  while (services.breakers().get("binance.market").state() != breaker_state::half_open &&
         std::chrono::steady_clock::now() < half_open_by) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(services.breakers().get("binance.market").state(), breaker_state::half_open);
  for (int i = 0; i < 2; ++i) {
    const auto probe = exchange.fetch_candles(request, deadline_in(10s), out);
    EXPECT_TRUE(probe.ok()) << probe.describe();
  }
  EXPECT_EQ(klines(), sent_while_closed + 2);
  EXPECT_EQ(services.breakers().get("binance.market").state(), breaker_state::closed);

  std::lock_guard lock(mutex);
  const std::vector<std::pair<breaker_state, breaker_state>> expected{
      {breaker_state::closed, breaker_state::open},
      {breaker_state::open, breaker_state::half_open},
      {breaker_state::half_open, breaker_state::closed}};
  EXPECT_EQ(transitions, expected);
}

}  // namespace
