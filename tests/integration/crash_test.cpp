// Crash safety of `tradingbot run` in live mode against the fake Binance on 127.0.0.1: the
// bot is killed with SIGKILL while an order of its flow is on the wire (the fake answers
// every request 300 ms late, and executes it then whether or not the bot is still there),
// at each step: setting leverage before the entry, the entry, the stop-loss, the
// take-profit. Then it is started again, and its reconciliation (the run's first step) leaves
// every open position on the exchange with its stop-loss and its take-profit, no order id
// was ever sent twice, and the journal's open trades are the exchange's positions.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "bot_process.hpp"
#include "exchange_reader.hpp"
#include "fake_process.hpp"
#include "process.hpp"

namespace {

using namespace std::chrono_literals;
using tb::binance::testing::fake_process;
using tb::test::exchange_reader;
using tb::test::exchange_state;
using tb::test::orders_sent;
using tb::test::start_bot;
using tb::test::wait_for;


// True once a request to `path` carrying `needle` (e.g. a client id's role and attempt) arrived.
bool seen(fake_process& fake, const std::string& path, const std::string& needle) {
  for (const auto& r : fake.requests(path)) {
    if ((r.value("body", "") + r.value("query", "")).find(needle) != std::string::npos) return true;
  }
  return false;
}

bool protected_everywhere(const exchange_state& s) {
  for (const auto& [symbol, qty] : s.positions) {
    auto types = s.protection.count(symbol) ? s.protection.at(symbol) : std::vector<std::string>{};
    std::sort(types.begin(), types.end());
    if (types != std::vector<std::string>{"STOP_MARKET", "TAKE_PROFIT_MARKET"}) return false;
  }
  return true;
}

// True once the fake has answered (executed) that request.
bool answered(fake_process& fake, const std::string& path, const std::string& needle) {
  for (const auto& r : fake.requests(path)) {
    if ((r.value("body", "") + r.value("query", "")).find(needle) != std::string::npos &&
        r.value("status", 0) != 0) {
      return true;
    }
  }
  return false;
}

struct kill_point {
  const char* name;
  const char* path;
  const char* needle;      // in the request
  const char* reconciled;  // the restart's reconciliation summary
};

class crash : public ::testing::TestWithParam<kill_point> {};

TEST_P(crash, a_restart_protects_every_position_and_sends_nothing_twice) {
  const kill_point point = GetParam();
  fake_process fake({"--symbols", "12", "--seed", "7", "--api-key", "crash-key", "--api-secret",
                     "crash-secret"});
  tb::test::temp_dir dir;
  const auto config = dir.write(
      "bot.yaml", "mode: live\nstate_dir: state\nlogging: {console: true}\nplugins:\n  load:\n"
                  "    - name: exchange_binance\n      settings: {rest_url: \"" + fake.rest_url() +
                      "\", ws_url: \"" + fake.ws_url() +
                      "\", api_key: \"crash-key\", api_secret: \"crash-secret\"}\n"
                      "    - name: good_strategy\ndata:\n  intervals: [1h]\n  lookback: 50\n");
  const auto log = dir.path() / "bot.log";

  fake.admin("POST", "/_admin/latency", {{"ms", 300}});
  const pid_t bot = start_bot(config, log);
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  while (!seen(fake, point.path, point.needle) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(seen(fake, point.path, point.needle))
      << point.name << " never happened:\n" << tb::test::read_file(log);
  ::kill(bot, SIGKILL);
  EXPECT_EQ(wait_for(bot), -SIGKILL);
  // The fake executes what was in flight once its latency has passed, bot or no bot.
  while (!answered(fake, point.path, point.needle) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(answered(fake, point.path, point.needle)) << point.name;
  fake.admin("POST", "/_admin/latency", {{"ms", 0}});

  // The restart: reconciliation is its first step, before any scan or new entry.
  exchange_reader exchange(fake, "crash-key", "crash-secret");
  ASSERT_EQ(wait_for(start_bot(config, log)), 0) << tb::test::read_file(log);
  // What the restart found, step by step: an intent never sent, an entry the exchange
  // filled after the crash (its trade and both protective orders restored), a stop that
  // reached the exchange (only the target placed), both in place.
  EXPECT_NE(tb::test::read_file(log).find(point.reconciled), std::string::npos)
      << point.reconciled << "\n" << tb::test::read_file(log);
  const auto state = exchange.read();
  EXPECT_FALSE(state.positions.empty());
  EXPECT_TRUE(protected_everywhere(state)) << tb::test::read_file(log);
  for (const auto& [id, count] : orders_sent(fake)) EXPECT_EQ(count, 1) << id;

  // The journal's open trades are the exchange's positions.
  const auto trades = nlohmann::json::parse(tb::test::read_file(dir.path() / "state" / "trades.json"));
  std::map<std::string, double> journal;
  for (const auto& t : trades["trades"]) {
    if (t["status"] != "open") continue;
    const double qty = std::stod(t["quantity"].get<std::string>());
    journal[t["symbol"]] += t["side"] == "long" ? qty : -qty;
  }
  EXPECT_EQ(journal, state.positions) << trades.dump(2);
}

INSTANTIATE_TEST_SUITE_P(
    at_each_step, crash,
    ::testing::Values(
        kill_point{"leverage", "/fapi/v1/leverage", "symbol=",
                   "reconcile: 1 intents failed, 0 trades opened, 0 closed, 0 protective"},
        kill_point{"entry", "/fapi/v1/order", "-e1",
                   "reconcile: 0 intents failed, 1 trades opened, 0 closed, 2 protective"},
        kill_point{"stop", "/fapi/v1/algoOrder", "-s1",
                   "reconcile: 0 intents failed, 0 trades opened, 0 closed, 1 protective"},
        kill_point{"target", "/fapi/v1/algoOrder", "-t1",
                   "reconcile: 0 intents failed, 0 trades opened, 0 closed, 0 protective"}),
    [](const auto& test) { return std::string(test.param.name); });

}  // namespace
