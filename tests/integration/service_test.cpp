// `tradingbot run` as a long-running service against the fake Binance on 127.0.0.1: systemd
// readiness over a real NOTIFY_SOCKET, the admin API over real HTTP (its /metrics checked by
// Prometheus' own promtool), pause, a reload by API and by SIGHUP, and an orderly SIGTERM stop.
#include <signal.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bot_process.hpp"
#include "fake_process.hpp"
#include "http_test_client.hpp"
#include "notify_socket.hpp"
#include "scoped_env.hpp"
#include "process.hpp"

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;

const std::string token = "service-test-admin-token-0123";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Appends every datagram `socket` receives to `all`, until one contains `state` (true) or
// `timeout` passes.
bool wait_for_notification(tb::test::notify_socket& socket, std::string& all,
                           const std::string& state, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!has(all, state) && std::chrono::steady_clock::now() < deadline) {
    if (const auto datagram = socket.receive()) all += *datagram + "\n";
  }
  return has(all, state);
}

// One request on a fresh connection; the token when `with_token`.
tb::test::http_reply request(int port, http::verb verb, const std::string& target,
                             bool with_token = true) {
  tb::test::http_test_client client(static_cast<std::uint16_t>(port));
  return client.request(verb, target, with_token ? std::optional<std::string_view>(token) : std::nullopt);
}

nlohmann::json json_of(const tb::test::http_reply& reply) { return nlohmann::json::parse(reply.body()); }

std::string config(const tb::binance::testing::fake_process& fake, const std::string& extra = "") {
  return "mode: paper\nstate_dir: state\nplugins:\n  load:\n"
         "    - name: exchange_binance\n      settings: {rest_url: \"" + fake.rest_url() +
         "\", ws_url: \"" + fake.ws_url() + "\"}\n"
         "    - name: good_strategy\n"
         "data:\n  intervals: [1h]\n  lookback: 50\n"
         "service:\n  scan_every: 10s\n"
         "api:\n  enabled: true\n  port: 0\n  token: ${TB_API_TOKEN}\n"
         "monitoring:\n  check_every: 1s\n" + extra;
}

TEST(service, runs_until_sigterm_with_readiness_the_admin_api_pause_and_reloads) {
  tb::binance::testing::fake_process fake({"--symbols", "3", "--seed", "7"});
  tb::test::temp_dir dir;
  const auto yaml = dir.write("bot.yaml", config(fake));
  tb::test::notify_socket notify(dir.path() / "notify.sock");
  std::string notified;
  const auto log = dir.path() / "bot.out";
  pid_t pid = -1;
  {
    const tb::test::scoped_env socket_env("NOTIFY_SOCKET", (dir.path() / "notify.sock").string());
    const tb::test::scoped_env token_env("TB_API_TOKEN", token);
    pid = tb::test::start_bot(yaml, log, false);
  }
  const tb::test::bot_reaper reaper(pid);
  ASSERT_TRUE(wait_for_notification(notify, notified, "READY=1", 120s)) << notified << tb::test::read_file(log);
  const int port = tb::test::api_port(log, 10s);
  ASSERT_GT(port, 0) << tb::test::read_file(log);

  EXPECT_EQ(request(port, http::verb::get, "/healthz", false).result_int(), 200u);
  EXPECT_EQ(json_of(request(port, http::verb::get, "/readyz", false)).at("ready"), true);
  EXPECT_EQ(request(port, http::verb::get, "/api/status", false).result_int(), 401u);

  const auto status = request(port, http::verb::get, "/api/status");
  ASSERT_EQ(status.result_int(), 200u) << status.body();
  EXPECT_EQ(json_of(status).at("mode"), "paper") << status.body();
  EXPECT_EQ(json_of(status).at("paused"), false) << status.body();

  // good_strategy signals on every series; three positions with their stops are opened.
  const auto positions = request(port, http::verb::get, "/api/positions");
  ASSERT_EQ(positions.result_int(), 200u) << positions.body();
  const nlohmann::json held = json_of(positions).at("positions");
  ASSERT_EQ(held.size(), 3u) << positions.body();
  for (const auto& p : held) EXPECT_FALSE(p.at("stop_price").is_null()) << p;
  EXPECT_FALSE(json_of(request(port, http::verb::get, "/api/signals")).at("scans").empty());

  // The live exposition passes Prometheus' own checker.
  const auto metrics = request(port, http::verb::get, "/metrics");
  ASSERT_EQ(metrics.result_int(), 200u);
  EXPECT_TRUE(has(metrics.body(), "tb_scan_stage_seconds_bucket")) << metrics.body().substr(0, 2000);
  const auto metrics_file = dir.write("metrics.prom", metrics.body());
  const auto check = tb::test::run_command("promtool check metrics < " + tb::test::shell_quoted(metrics_file));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_FALSE(has(check.output, "error")) << check.output;

  EXPECT_EQ(json_of(request(port, http::verb::post, "/api/pause")).at("paused"), true);
  EXPECT_EQ(json_of(request(port, http::verb::get, "/api/status")).at("paused"), true);

  // A reload applies what can change live and names what needs a restart.
  dir.write("bot.yaml", config(fake, "  max_drawdown_percent: 5\nrisk:\n  max_leverage: 3\n"));
  const auto reloaded = request(port, http::verb::post, "/api/reload");
  ASSERT_EQ(reloaded.result_int(), 200u) << reloaded.body();
  EXPECT_EQ(json_of(reloaded).at("config").at("applied"), nlohmann::json({"monitoring"})) << reloaded.body();
  EXPECT_EQ(json_of(reloaded).at("config").at("need_restart"), nlohmann::json({"risk"})) << reloaded.body();
  EXPECT_TRUE(tb::test::wait_for_log(log, "reload: risk changed in", 10s));

  ::kill(pid, SIGHUP);
  EXPECT_TRUE(tb::test::wait_for_log(log, "SIGHUP received", 30s)) << tb::test::read_file(log);
  EXPECT_TRUE(wait_for_notification(notify, notified, "RELOADING=1", 60s)) << notified;

  ::kill(pid, SIGTERM);
  const int code = tb::test::wait_for(pid);
  pid = -1;
  EXPECT_EQ(code, 0) << tb::test::read_file(log);
  EXPECT_TRUE(wait_for_notification(notify, notified, "STOPPING=1", 5s)) << notified;
  const std::string out = tb::test::read_file(log);
  EXPECT_TRUE(has(out, "SIGTERM received: stopping")) << out;
  EXPECT_TRUE(has(out, "stopped cleanly")) << out;
  EXPECT_FALSE(has(out, token)) << "the token reached the log";
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "state" / "metrics.json"));
}

}  // namespace
