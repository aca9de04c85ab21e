// `tradingbot run` as a paper-trading service against the fake Binance (a process) and the
// fake Discord (in this test's process), both on 127.0.0.1: the bot's real trades arrive as
// Discord messages, and /status, /positions and /pause are answered from its MonitoringService
// and ExecutionService through tb.bot/1, agreeing with what the admin API says.
#include <signal.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <boost/beast/http.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <string>

#include "bot_process.hpp"
#include "fake_common/test_client.hpp"
#include "fake_process.hpp"
#include "http_test_client.hpp"
#include "process.hpp"
#include "scoped_env.hpp"
#include "server/fake_server.hpp"

namespace {

namespace http = boost::beast::http;
using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string api_token = "discord-test-admin-token-0123";
const std::string bot_token = "fake-bot-token";  // the fake's default
const std::string channel = "100000000000000001";
const std::string alerts_channel = "100000000000000002";
const std::string guild = "300000000000000001";
const std::string owner = "111111111111111111";
const std::string stranger = "222222222222222222";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string config(const tb::binance::testing::fake_process& binance, std::uint16_t discord_port) {
  return "mode: paper\nstate_dir: state\nplugins:\n  load:\n"
         "    - name: exchange_binance\n      settings: {rest_url: \"" + binance.rest_url() +
         "\", ws_url: \"" + binance.ws_url() + "\"}\n"
         "    - name: good_strategy\n"
         "    - name: notify_discord\n      kind: notifier\n      settings:\n"
         "        api_url: \"http://127.0.0.1:" + std::to_string(discord_port) + "/api/v10\"\n"
         "        token: ${DISCORD_BOT_TOKEN}\n"
         "        channel_id: \"" + channel + "\"\n"
         "        alerts_channel_id: \"" + alerts_channel + "\"\n"
         "        guild_id: \"" + guild + "\"\n"
         "        allowed_user_ids: [\"" + owner + "\"]\n"
         "        identify_spacing_ms: 0\n"
         "data:\n  intervals: [1h]\n  lookback: 50\n"
         "service:\n  scan_every: 10s\n"
         "api:\n  enabled: true\n  port: 0\n  token: ${TB_API_TOKEN}\n";
}

json admin(int port, http::verb verb, const std::string& target) {
  tb::test::http_test_client client(static_cast<std::uint16_t>(port));
  const auto reply = client.request(verb, target, api_token);
  EXPECT_EQ(reply.result_int(), 200u) << target << ": " << reply.body();
  return json::parse(reply.body());
}

class discord_service : public ::testing::Test {
 protected:
  void SetUp() override {
    tb::fake_discord::server_options o;
    o.heartbeat_interval_ms = 1000;
    discord_ = std::make_unique<tb::fake_discord::fake_server>(o);
    control_ = std::make_unique<tb::fake_common::http_client>(
        static_cast<std::uint16_t>(discord_->port()),
        tb::fake_common::http_client::defaults{"application/json", {}});
  }

  json control(const std::string& method, const std::string& target, const json& body = nullptr) {
    const auto reply = control_->request(method, "/_control" + target, body.is_null() ? "" : body.dump());
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return reply.json();
  }

  std::vector<json> messages(const std::string& on) {
    return control("GET", "/messages?channel_id=" + on).get<std::vector<json>>();
  }

  // Injects /`command` from `user` and returns the interaction once its answer is final.
  json invoke(const std::string& command, const std::string& user) {
    const json injected = control("POST", "/interactions",
                                  {{"command", command}, {"user_id", user}, {"username", "u" + user},
                                   {"guild_id", guild}, {"channel_id", channel}});
    json found;
    EXPECT_TRUE(tb::test::eventually([&] {
      for (const auto& i : control("GET", "/interactions")) {
        if (i["id"] == injected["id"] && !i["original"].is_null() && !i["loading"].get<bool>()) {
          found = i;
          return true;
        }
      }
      return false;
    }, 30s)) << "no answer to /" << command;
    return found;
  }

  std::unique_ptr<tb::fake_discord::fake_server> discord_;
  std::unique_ptr<tb::fake_common::http_client> control_;
};

TEST_F(discord_service, trades_reach_discord_and_slash_commands_answer_from_the_running_bot) {
  tb::binance::testing::fake_process binance({"--symbols", "3", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto yaml = dir.write("bot.yaml", config(binance, static_cast<std::uint16_t>(discord_->port())));
  const auto log = dir.path() / "bot.out";
  pid_t pid = -1;
  {
    const tb::test::scoped_env discord_env("DISCORD_BOT_TOKEN", bot_token);
    const tb::test::scoped_env api_env("TB_API_TOKEN", api_token);
    pid = tb::test::start_bot(yaml, log, false);
  }
  const tb::test::bot_reaper reaper(pid);
  const int port = tb::test::api_port(log, 120s);
  ASSERT_GT(port, 0) << tb::test::read_file(log);

  // good_strategy signals on every series: three paper positions, each announced once.
  std::set<std::string> held;
  ASSERT_TRUE(tb::test::eventually([&] {
    held.clear();
    const json positions = admin(port, http::verb::get, "/api/positions");
    for (const auto& p : positions.at("positions")) held.insert(p.at("symbol"));
    return held.size() == 3 && messages(channel).size() >= 3;
  }, 120s)) << tb::test::read_file(log);
  std::set<std::string> announced;
  for (const auto& m : messages(channel)) {
    std::smatch symbol;
    const std::string title = m["embeds"][0]["title"];
    if (std::regex_search(title, symbol, std::regex("(\\w+USDT) (long|short) opened"))) announced.insert(symbol[1]);
  }
  EXPECT_EQ(announced, held);

  // The commands were registered in the guild when the gateway became ready.
  ASSERT_TRUE(tb::test::eventually([&] { return control("GET", "/commands").dump().find("\"status\"") != std::string::npos; }, 60s));

  const json admin_status = admin(port, http::verb::get, "/api/status");
  const json status = invoke("status", stranger);
  EXPECT_EQ(status["callback_type"], 4);
  const json embed = status["original"]["embeds"][0];
  EXPECT_EQ(embed["title"], "TradingBot " + admin_status.at("version").get<std::string>() + " (paper)") << embed;
  bool counted = false;
  for (const auto& f : embed["fields"]) counted |= f["name"] == "Open positions" && f["value"] == "3";
  EXPECT_TRUE(counted) << embed;

  const json positions = invoke("positions", stranger)["original"]["embeds"][0];
  EXPECT_EQ(positions["title"], "Open positions (3)") << positions;
  for (const auto& symbol : held) EXPECT_TRUE(has(positions["fields"].dump(), symbol)) << positions;

  // Only the owner may pause; the bot itself is paused, as its admin API shows.
  EXPECT_TRUE(has(invoke("pause", stranger)["original"].dump(), "not allowed"));
  EXPECT_EQ(admin(port, http::verb::get, "/api/status").at("paused"), false);
  EXPECT_TRUE(has(invoke("pause", owner)["original"].dump(), "Paused"));
  EXPECT_EQ(admin(port, http::verb::get, "/api/status").at("paused"), true);
  EXPECT_TRUE(has(invoke("status", stranger)["original"].dump(), "PAUSED")) << "the status follows";
  EXPECT_TRUE(has(invoke("resume", owner)["original"].dump(), "Resumed"));
  EXPECT_EQ(admin(port, http::verb::get, "/api/status").at("paused"), false);

  ::kill(pid, SIGTERM);
  const int code = tb::test::wait_for(pid);
  pid = -1;
  const std::string out = tb::test::read_file(log);
  EXPECT_EQ(code, 0) << out;
  EXPECT_TRUE(has(out, "refused /pause from discord user " + stranger)) << out;
  EXPECT_FALSE(has(out, bot_token)) << "the bot token reached the log";
  for (const auto& r : control("GET", "/requests")) EXPECT_NE(r["status"], 429) << r;
}

}  // namespace
