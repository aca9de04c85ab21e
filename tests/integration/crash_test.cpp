// Crash safety of `tradingbot run` in live mode against the fake Binance on 127.0.0.1: the
// bot is killed with SIGKILL while an order of its flow is on the wire (the fake answers
// every request 300 ms late, and executes it then whether or not the bot is still there),
// at each step: setting leverage before the entry, the entry, the stop-loss, the
// take-profit. Then it is started again, and within 5 s every open position on the exchange
// has its stop-loss and its take-profit, no order id was ever sent twice, and the journal's
// open trades are the exchange's positions.
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

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "deadline.hpp"
#include "fake_process.hpp"
#include "process.hpp"
#include "services/exchange_client.hpp"

namespace {

using namespace std::chrono_literals;
using tb::binance::testing::deadline_in;
using tb::binance::testing::fake_process;

const std::string executable = TB_EXECUTABLE;
const std::string fixtures = TB_FIXTURE_PLUGIN_DIR;

// `tradingbot run` as a child whose output goes to `log`.
pid_t start_bot(const std::filesystem::path& config, const std::filesystem::path& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<std::string> args = {executable, "run", "--config", config.string(),
                                     "--plugin-dir", fixtures};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// The client ids of the order POSTs the fake received, with their count.
std::map<std::string, int> orders_sent(fake_process& fake) {
  std::map<std::string, int> sent;
  for (const char* path : {"/fapi/v1/order", "/fapi/v1/algoOrder"}) {
    for (const auto& r : fake.requests(path)) {
      if (r.value("method", "") != "POST") continue;
      const std::string text = r.value("body", "") + "&" + r.value("query", "");
      for (const std::string field : {"newClientOrderId=", "clientAlgoId="}) {
        const auto at = text.find(field);
        if (at == std::string::npos) continue;
        const auto from = at + field.size();
        ++sent[text.substr(from, text.find('&', from) - from)];
      }
    }
  }
  return sent;
}

// True once a request to `path` carrying `needle` (e.g. a client id's role and attempt) arrived.
bool seen(fake_process& fake, const std::string& path, const std::string& needle) {
  for (const auto& r : fake.requests(path)) {
    if ((r.value("body", "") + r.value("query", "")).find(needle) != std::string::npos) return true;
  }
  return false;
}

struct exchange_state {
  std::map<std::string, double> positions;  // symbol -> signed quantity
  std::map<std::string, std::vector<std::string>> protection;  // symbol -> open stop/target types
};

// The exchange as the bot's own plugin reads it, over the signed REST routes.
class exchange_reader {
 public:
  explicit exchange_reader(fake_process& fake) {
    settings_.logging.console = false;
    settings_.logging.file.clear();
    settings_.rate_limits = tb::host::default_rate_limits();
    tb::host::plugin_entry entry;
    entry.name = "exchange_binance";
    entry.kind = tb::host::plugin_kind::exchange;
    entry.settings = {{"rest_url", fake.rest_url()}, {"ws_url", fake.ws_url()},
                      {"api_key", "crash-key"}, {"api_secret", "crash-secret"}};
    settings_.plugins.load.push_back(entry);
    services_ = std::make_unique<tb::host::core_services>(settings_);
    plugins_ = std::make_unique<tb::host::plugin_set>(
        *services_, std::vector<std::filesystem::path>{TB_EXCHANGE_PLUGIN_DIR});
    plugins_->load(settings_.plugins.load);
    client_ = std::make_unique<tb::host::exchange_client>(
        *plugins_->of_kind(TB_KIND_EXCHANGE).front());
  }

  exchange_state read() {
    exchange_state out;
    std::vector<tb_position> positions;
    std::vector<tb_order_state> orders;
    EXPECT_TRUE(client_->get_positions(deadline_in(10s), positions).ok());
    EXPECT_TRUE(client_->list_open_orders("", deadline_in(10s), orders).ok());
    for (const auto& p : positions) {
      const double qty = std::stod(p.quantity);
      if (qty != 0) out.positions[p.symbol] = qty;
    }
    for (const auto& o : orders) {
      if (o.type == TB_ORDER_STOP_MARKET) out.protection[o.symbol].push_back("STOP_MARKET");
      if (o.type == TB_ORDER_TAKE_PROFIT_MARKET) {
        out.protection[o.symbol].push_back("TAKE_PROFIT_MARKET");
      }
    }
    return out;
  }

 private:
  tb::host::bot_settings settings_;
  std::unique_ptr<tb::host::core_services> services_;
  std::unique_ptr<tb::host::plugin_set> plugins_;
  std::unique_ptr<tb::host::exchange_client> client_;
};

bool protected_everywhere(const exchange_state& s) {
  for (const auto& [symbol, qty] : s.positions) {
    auto types = s.protection.count(symbol) ? s.protection.at(symbol) : std::vector<std::string>{};
    std::sort(types.begin(), types.end());
    if (types != std::vector<std::string>{"STOP_MARKET", "TAKE_PROFIT_MARKET"}) return false;
  }
  return true;
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
  std::this_thread::sleep_for(400ms);  // the fake executes what was in flight
  fake.admin("POST", "/_admin/latency", {{"ms", 0}});

  // The restart: protection is checked on the exchange while it runs.
  exchange_reader exchange(fake);
  const auto restarted = std::chrono::steady_clock::now();
  const pid_t again = start_bot(config, log);
  bool in_time = false;
  while (std::chrono::steady_clock::now() - restarted < 5s) {
    const auto state = exchange.read();
    if (!state.positions.empty() && protected_everywhere(state)) {
      in_time = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(wait_for(again), 0) << tb::test::read_file(log);
  // What the restart found, step by step: an intent never sent, an entry the exchange
  // filled after the crash (its trade and both protective orders restored), a stop that
  // reached the exchange (only the target placed), both in place.
  EXPECT_NE(tb::test::read_file(log).find(point.reconciled), std::string::npos)
      << point.reconciled << "\n" << tb::test::read_file(log);
  const auto state = exchange.read();
  EXPECT_TRUE(in_time || state.positions.empty()) << tb::test::read_file(log);
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
