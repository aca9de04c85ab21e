// Realized PnL to the cent: three live positions opened by `tradingbot run` on the fake
// Binance are closed by their exchange-held stops and targets while the bot is away (the
// fake's market runs 20000x faster than real time); later runs reconcile and close the trades
// from those orders' fills. The journal's net result (realized PnL minus every fee) then
// equals the change of the exchange's wallet to the cent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <cmath>
#include <string>
#include <thread>

#include "bot_process.hpp"
#include "exchange_reader.hpp"
#include "fake_process.hpp"
#include "process.hpp"

namespace {

using namespace std::chrono_literals;

std::string config(tb::binance::testing::fake_process& fake, bool with_strategy,
                   const std::string& extra = "") {
  return "mode: live\nstate_dir: state\nplugins:\n  load:\n    - name: exchange_binance\n"
         "      settings: {rest_url: \"" + fake.rest_url() + "\", ws_url: \"" + fake.ws_url() +
         "\", api_key: \"pnl-key\", api_secret: \"pnl-secret\"}\n" +
         (with_strategy ? "    - name: good_strategy\n" : "") +
         // A small scan: the reconcile-only runs repeat, and the weight limit is per minute.
         "data:\n  intervals: [1h]\n  lookback: 50\n" + extra;
}

int run(const tb::test::temp_dir& dir, const std::string& yaml) {
  const auto log = dir.path() / "bot.log";
  return tb::test::wait_for(tb::test::start_bot(dir.write("bot.yaml", yaml), log));
}

nlohmann::json trades(const tb::test::temp_dir& dir) {
  return nlohmann::json::parse(tb::test::read_file(dir.path() / "state" / "trades.json"))["trades"];
}

// The journal's net result (realized PnL less every fee) of its closed trades, each ended by
// its stop or its target, or ("manual") at market when the market ran through the stop
// before it could be placed: at 20000x a 100 ms round trip is half an hour of prices.
double journal_net(const nlohmann::json& closed) {
  double net = 0;
  for (const auto& t : closed) {
    EXPECT_TRUE(t["exit_reason"] == "stop_loss" || t["exit_reason"] == "take_profit" ||
                t["exit_reason"] == "manual")
        << t.dump();
    net += std::stod(t["realized_pnl"].get<std::string>()) - std::stod(t["fees"].get<std::string>());
  }
  return net;
}

// The fake exchange at 20000x, a state directory, and the wallet before the first run.
class pnl : public ::testing::Test {
 protected:
  // The reconcile-only runs restart the bot every half second, each with a fresh limiter, for
  // as long as the market takes to reach the stops and targets: more IP weight a minute than
  // Binance's 2400, which this test is not about (the limits have tests of their own).
  tb::binance::testing::fake_process fake{{"--symbols", "12", "--seed", "7", "--speed", "20000",
                                           "--weight-limit", "12000", "--api-key", "pnl-key",
                                           "--api-secret", "pnl-secret"}};
  tb::test::temp_dir dir;
  tb::test::exchange_reader exchange{fake, "pnl-key", "pnl-secret"};
  const double wallet_before = exchange.wallet();

  // Every order the fake received was accepted, but a stop or a target the market had
  // already run through (refused as it would trigger at once), whose position the bot then
  // closed at market: its trade ended "manual" after a stop, "take_profit" after a target.
  void TearDown() override {
    std::map<std::string, std::string> reasons;  // by symbol
    if (std::filesystem::exists(dir.path() / "state" / "trades.json")) {
      for (const auto& t : trades(dir)) reasons[t["symbol"]] = t["exit_reason"].dump();
    }
    for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
      for (const auto& r : fake.requests(path)) {
        if (r.value("method", "") != "POST" || r.value("status", 0) == 200) continue;
        const std::string query = r.value("query", "");
        const auto at = query.find("symbol=") + 7;
        const std::string symbol = query.substr(at, query.find('&', at) - at);
        const bool stop = query.find("type=STOP_MARKET") != std::string::npos;
        EXPECT_TRUE(stop || query.find("type=TAKE_PROFIT_MARKET") != std::string::npos) << r.dump();
        EXPECT_EQ(reasons[symbol], stop ? "\"manual\"" : "\"take_profit\"") << r.dump();
      }
    }
  }
};

TEST_F(pnl, the_journals_net_result_equals_the_exchanges_wallet_change_to_the_cent) {
  ASSERT_EQ(run(dir, config(fake, true)), 0) << tb::test::read_file(dir.path() / "bot.log");
  ASSERT_EQ(trades(dir).size(), 3u) << tb::test::read_file(dir.path() / "bot.log");

  // Runs that only reconcile, until every trade is closed.
  const auto give_up = std::chrono::steady_clock::now() + 120s;
  bool all_closed = false;
  while (!all_closed && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(500ms);
    ASSERT_EQ(run(dir, config(fake, false)), 0) << tb::test::read_file(dir.path() / "bot.log");
    all_closed = true;
    for (const auto& t : trades(dir)) all_closed = all_closed && t["status"] == "closed";
  }
  ASSERT_TRUE(all_closed) << trades(dir).dump(2);
  EXPECT_TRUE(exchange.read().positions.empty());

  const double net = journal_net(trades(dir));
  const double change = exchange.wallet() - wallet_before;
  EXPECT_LT(std::abs(net - change), 0.005) << "journal " << net << ", exchange " << change << "\n"
                                           << trades(dir).dump(2);
  EXPECT_NE(net, 0);  // trades really happened
}

// One run that follows its positions: the stops and targets that fill reach it over the
// account stream and close their trades then, with the exchange's fills; the run ends when
// nothing is open. The journal equals the wallet to the cent here too.
TEST_F(pnl, a_run_that_follows_its_positions_closes_them_from_the_stream) {
  ASSERT_EQ(run(dir, config(fake, true, "positions: {follow_for: 60s, check_every: 30s}\n")), 0)
      << tb::test::read_file(dir.path() / "bot.log");
  const std::string log = tb::test::read_file(dir.path() / "bot.log");
  ASSERT_EQ(trades(dir).size(), 3u) << log;
  for (const auto& t : trades(dir)) EXPECT_EQ(t["status"], "closed") << log;
  // The stream's updates closed trades (the first check, 30 s in, closes any whose stop
  // fired before the stream was followed).
  std::size_t from_stream = 0;
  for (const char* needle : {": stop-loss filled at ", ": take-profit filled at "}) {
    for (auto at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++from_stream;
  }
  EXPECT_GE(from_stream, 1u) << log;
  EXPECT_NE(log.find("stopped following positions; 0 still open"), std::string::npos) << log;
  EXPECT_TRUE(exchange.read().positions.empty());
  const double net = journal_net(trades(dir));
  const double change = exchange.wallet() - wallet_before;
  EXPECT_LT(std::abs(net - change), 0.005) << "journal " << net << ", exchange " << change;
}

}  // namespace
