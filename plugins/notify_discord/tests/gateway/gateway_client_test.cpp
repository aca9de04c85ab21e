// gateway_client against the in-process fake Discord over 127.0.0.1: connect, heartbeats,
// zombie, drop, op 7, op 9, refused resume, fatal close codes, stop, and a chaos run. Waits poll
// with generous deadlines; nothing asserts on speed.
#include "gateway/gateway_client.hpp"

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "plugin_net/endpoint.hpp"
#include "plugin_net/http_client.hpp"
#include "server/fake_server.hpp"
#include "test_host.hpp"

namespace tb::discord {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* bot_token = "fake-bot-token";

class GatewayClient : public ::testing::Test {
 protected:
  // Fast heartbeats, no identify throttling by the fake, no send cap trouble at 5 beats/s.
  static fake_discord::server_options fast_fake() {
    fake_discord::server_options o;
    o.heartbeat_interval_ms = 200;
    o.heartbeat_slack = 5.0;  // our zombie closes come first; the fake is a last resort
    o.max_concurrency = 1000;
    o.gateway_send_limit = 100'000;
    o.resume_window_ms = 60'000;
    return o;
  }

  void start_fake(const fake_discord::server_options& options = fast_fake()) {
    server_ = std::make_unique<fake_discord::fake_server>(options);
    http_ = std::make_unique<net::http_client>(
        net::parse_endpoint("http://127.0.0.1:" + std::to_string(server_->port())), 4,
        "DiscordBot (https://example.invalid/tradingbot, 1.0)");
  }

  void TearDown() override {
    if (client_) client_->stop();
    client_.reset();
    if (server_) server_->stop();
  }

  net::http_response call(const char* method, const std::string& target,
                          const std::string& body = {}, bool bot_auth = false) {
    net::http_request request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.content_type = "application/json";
    if (bot_auth) request.headers.emplace_back("Authorization", std::string("Bot ") + bot_token);
    return http_->send(request, std::chrono::steady_clock::now() + 10s, false);
  }

  json control(const char* method, const std::string& path, const std::string& body = {}) {
    const auto response = call(method, "/_control" + path, body);
    if (response.status != 200) {
      ADD_FAILURE() << method << " /_control" << path << ": " << response.status << " "
                    << response.body;
      return json::object();
    }
    return json::parse(response.body);
  }
  json fake_stats() { return control("GET", "/gateway"); }

  gateway_options options(const std::string& token = bot_token) {
    gateway_options o;
    o.token = token;
    o.fetch_gateway_bot = [this] {
      const auto response = call("GET", "/api/v10/gateway/bot", {}, true);
      if (response.status != 200) {
        throw std::runtime_error("GET /gateway/bot: " + std::to_string(response.status) + " " + response.body);
      }
      return json::parse(response.body);
    };
    o.backoff = {20ms, 400ms};
    o.identify_spacing = 50ms;
    o.identify_jitter = 50ms;
    o.invalid_session_min = 50ms;
    o.invalid_session_max = 150ms;
    o.hello_timeout = 5s;
    o.ready_timeout = 5s;
    o.close_timeout = 1s;
    return o;
  }

  void start_client(gateway_options o) {
    if (std::getenv("GATEWAY_TEST_ECHO") != nullptr) services_.echo_logs(true);
    gateway_events events;
    events.on_ready = [this](const json& ready) {
      std::lock_guard lock(mutex_);
      readies_.push_back(ready);
    };
    events.on_dispatch = [this](const std::string& name, const json& d) {
      std::lock_guard lock(mutex_);
      if (name == "INTERACTION_CREATE") interactions_[d.value("id", std::string())]++;
      dispatch_names_.push_back(name);
    };
    events.on_fatal = [this](const std::string& reason) {
      std::lock_guard lock(mutex_);
      fatals_.push_back(reason);
    };
    client_ = std::make_unique<gateway_client>(services_.host(), std::move(o), std::move(events));
    client_->start();
  }

  template <class Predicate>
  bool wait_for(Predicate done, std::chrono::milliseconds timeout = 30s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return done();
  }

  bool wait_ready() {
    return wait_for([&] { return client_->stats().ready; });
  }

  std::string application_id() {
    std::lock_guard lock(mutex_);
    return readies_.empty() ? std::string() : readies_.front()["application"]["id"].get<std::string>();
  }

  void register_status_command() {
    const json commands = json::array({{{"name", "status"}, {"description", "Bot status"}, {"type", 1}}});
    const auto response = call("PUT", "/api/v10/applications/" + application_id() + "/commands",
                               commands.dump(), true);
    ASSERT_EQ(response.status, 200U) << response.body;
  }

  // Injects a /status interaction; its id, or empty when the fake has no session for it (409).
  std::string inject() {
    const json body{{"command", "status"},
                    {"user_id", "1"},
                    {"guild_id", "300000000000000001"},
                    {"channel_id", "100000000000000001"}};
    const auto response = call("POST", "/_control/interactions", body.dump());
    if (response.status == 409) return {};
    EXPECT_EQ(response.status, 200U) << response.body;
    if (response.status != 200) return {};
    return json::parse(response.body).at("id").get<std::string>();
  }

  std::size_t delivered(const std::string& id) {
    std::lock_guard lock(mutex_);
    const auto it = interactions_.find(id);
    return it == interactions_.end() ? 0 : it->second;
  }

  bool all_delivered(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
      if (delivered(id) == 0) return false;
    }
    return true;
  }

  void expect_each_once(const std::vector<std::string>& ids) {
    std::lock_guard lock(mutex_);
    for (const auto& id : ids) EXPECT_EQ(interactions_[id], 1U) << "interaction " << id;
    for (const auto& [id, n] : interactions_) EXPECT_EQ(n, 1U) << "interaction " << id;
  }

  std::uint64_t reconnects(const std::string& reason) {
    const auto stats = client_->stats();
    const auto it = stats.reconnects_by_reason.find(reason);
    return it == stats.reconnects_by_reason.end() ? 0 : it->second;
  }

  std::vector<std::string> fatals() {
    std::lock_guard lock(mutex_);
    return fatals_;
  }

  static std::int64_t count(const json& stats, const char* map, int code) {
    return stats[map].value(std::to_string(code), std::int64_t{0});
  }

  testing::test_host services_;
  std::unique_ptr<fake_discord::fake_server> server_;
  std::unique_ptr<net::http_client> http_;
  std::unique_ptr<gateway_client> client_;

  std::mutex mutex_;
  std::vector<json> readies_;
  std::map<std::string, std::size_t> interactions_;
  std::vector<std::string> dispatch_names_;
  std::vector<std::string> fatals_;
};

TEST_F(GatewayClient, ConnectsIdentifiesAndGetsReady) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  const auto stats = client_->stats();
  EXPECT_TRUE(stats.connected);
  EXPECT_EQ(stats.identifies, 1U);
  EXPECT_EQ(stats.connects, 1U);
  EXPECT_FALSE(application_id().empty());
  ASSERT_TRUE(services_.wait_until(
      [&] {
        auto health = services_.health("gateway");
        return health && health->state == sdk::health_state::healthy;
      },
      10s));
  EXPECT_EQ(fake_stats()["identifies"], 1);
  EXPECT_FALSE(services_.logged(bot_token));
}

TEST_F(GatewayClient, HeartbeatsAreAcknowledged) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  ASSERT_TRUE(wait_for([&] { return client_->stats().heartbeat_acks >= 5; }));
  const auto stats = client_->stats();
  EXPECT_GE(stats.last_heartbeat_ack_latency_ms, 0);
  EXPECT_EQ(stats.zombies_detected, 0U);
  EXPECT_EQ(stats.connects, 1U);
  EXPECT_GE(fake_stats()["acks"].get<int>(), 5);
}

TEST_F(GatewayClient, ZombieConnectionIsClosedWithoutEndingTheSessionAndResumed) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/zombie?on=true");
  ASSERT_TRUE(wait_for([&] { return client_->stats().zombies_detected >= 1; }));
  control("POST", "/gateway/zombie?on=false");
  ASSERT_TRUE(wait_for([&] { return client_->stats().resumed_ok >= 1 && client_->stats().ready; }));
  const auto fake = fake_stats();
  EXPECT_GE(count(fake, "client_closes_by_code", 4200), 1);
  EXPECT_EQ(count(fake, "client_closes_by_code", 1000), 0);
  EXPECT_EQ(count(fake, "client_closes_by_code", 1001), 0);
  EXPECT_GE(fake["resumes_on_resume_url"].get<int>(), 1);
  EXPECT_EQ(client_->stats().identifies, 1U);
  EXPECT_GE(services_.count_logs("zombie", sdk::log_level::warn), 1U);
}

TEST_F(GatewayClient, DroppedConnectionResumesAndReplaysWithoutDuplicates) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  register_status_command();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(inject());
  ASSERT_TRUE(wait_for([&] { return all_delivered(ids); }));
  control("POST", "/gateway/drop");
  for (int i = 0; i < 3; ++i) {
    const auto id = inject();  // buffered for the replay while we are away
    ASSERT_FALSE(id.empty());
    ids.push_back(id);
  }
  ASSERT_TRUE(wait_for([&] { return client_->stats().resumed_ok >= 1 && all_delivered(ids); }));
  expect_each_once(ids);
  EXPECT_EQ(client_->stats().identifies, 1U);
  EXPECT_GE(reconnects("connection_lost"), 1U);
}

TEST_F(GatewayClient, ReconnectOpcodeResumes) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/reconnect");
  ASSERT_TRUE(wait_for([&] { return client_->stats().resumed_ok >= 1 && client_->stats().ready; }));
  EXPECT_GE(reconnects("reconnect_requested"), 1U);
  EXPECT_EQ(client_->stats().identifies, 1U);
  EXPECT_GE(count(fake_stats(), "client_closes_by_code", 4200), 1);
}

TEST_F(GatewayClient, ResumableInvalidSessionResumes) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/invalid_session?resumable=true");
  ASSERT_TRUE(wait_for([&] { return client_->stats().resumed_ok >= 1 && client_->stats().ready; }));
  EXPECT_EQ(client_->stats().identifies, 1U);
}

TEST_F(GatewayClient, InvalidSessionIdentifiesAgain) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/invalid_session?resumable=false");
  ASSERT_TRUE(wait_for([&] { return client_->stats().identifies >= 2 && client_->stats().ready; }));
  EXPECT_EQ(client_->stats().resumed_ok, 0U);
}

TEST_F(GatewayClient, RefusedResumeFallsBackToIdentify) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/refuse_resume?count=1");
  control("POST", "/gateway/drop");
  ASSERT_TRUE(wait_for([&] { return client_->stats().identifies >= 2 && client_->stats().ready; }));
  EXPECT_GE(client_->stats().resumes, 1U);
}

TEST_F(GatewayClient, ResumableCloseCodeResumesAndSessionCloseCodeIdentifies) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  control("POST", "/gateway/close?code=4000");
  ASSERT_TRUE(wait_for([&] { return client_->stats().resumed_ok >= 1 && client_->stats().ready; }));
  EXPECT_EQ(client_->stats().identifies, 1U);
  control("POST", "/gateway/close?code=4009");
  ASSERT_TRUE(wait_for([&] { return client_->stats().identifies >= 2 && client_->stats().ready; }));
  EXPECT_GE(reconnects("close_4009"), 1U);
}

TEST_F(GatewayClient, WrongTokenIsFatalWithAClearReasonAndNoReconnectStorm) {
  start_fake();
  start_client(options("not-the-token"));
  ASSERT_TRUE(wait_for([&] { return !fatals().empty(); }));
  EXPECT_NE(fatals().front().find("token was refused"), std::string::npos) << fatals().front();
  EXPECT_EQ(fatals().size(), 1U);
  const auto stats = client_->stats();
  EXPECT_FALSE(stats.ready);
  EXPECT_NE(stats.fatal_reason.find("4004"), std::string::npos);
  EXPECT_TRUE(services_.alert_active("gateway_fatal"));
  ASSERT_TRUE(services_.wait_until(
      [&] {
        auto health = services_.health("gateway");
        return health && health->state == sdk::health_state::unhealthy;
      },
      10s));
  // A storm would show within a few backoff rounds (20-400 ms each).
  EXPECT_FALSE(wait_for([&] { return fake_stats()["connections_opened"].get<int>() > 1; }, 1500ms));
  EXPECT_EQ(fake_stats()["connections_opened"], 1);
  EXPECT_FALSE(services_.logged("not-the-token"));
}

TEST_F(GatewayClient, DisallowedPrivilegedIntentIsFatal) {
  start_fake();
  auto o = options();
  o.intents = 1U << 1;  // GUILD_MEMBERS, not enabled in the fake's "portal"
  start_client(o);
  ASSERT_TRUE(wait_for([&] { return !fatals().empty(); }));
  EXPECT_NE(fatals().front().find("privileged intents are not enabled"), std::string::npos);
  EXPECT_FALSE(wait_for([&] { return fake_stats()["connections_opened"].get<int>() > 1; }, 1500ms));
}

TEST_F(GatewayClient, StopClosesWith1000AndIsIdempotent) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  client_->stop();
  client_->stop();
  EXPECT_TRUE(wait_for([&] { return count(fake_stats(), "client_closes_by_code", 1000) == 1; }));
  EXPECT_FALSE(client_->stats().connected);
}

TEST_F(GatewayClient, StopBeforeStartAndWhileReconnecting) {
  start_fake();
  {
    gateway_client idle(services_.host(), options(), {});
    idle.stop();
  }
  auto o = options();
  o.fetch_gateway_bot = [] () -> json { throw std::runtime_error("REST is down"); };
  start_client(o);
  ASSERT_TRUE(wait_for([&] { return reconnects("gateway_bot_failed") >= 2; }));
  client_->stop();
  EXPECT_FALSE(client_->stats().ready);
}

// Drops, zombies, op 7, op 9 and refused resumes at random while interactions arrive. An
// interaction is injected only while the fake holds a session for us, and session-ending faults
// (op 9 false, a refused resume) wait until every earlier interaction arrived: Discord loses the
// events of a session it invalidates, so that is the only loss the test may not blame on us.
TEST_F(GatewayClient, ChaosEveryInteractionIsDeliveredExactlyOnce) {
  start_fake();
  start_client(options());
  ASSERT_TRUE(wait_ready());
  register_status_command();

  const auto seed = std::random_device{}();
  std::printf("chaos seed %u\n", seed);
  std::mt19937 rng(seed);
  std::vector<std::string> ids;
  const auto until = std::chrono::steady_clock::now() + 20s;
  bool zombie = false;
  while (std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 3; ++i) {
      const auto id = inject();
      if (!id.empty()) ids.push_back(id);
    }
    if (zombie) {
      control("POST", "/gateway/zombie?on=false");
      zombie = false;
    }
    switch (rng() % 7) {
      case 0:
        control("POST", "/gateway/drop");
        break;
      case 1:
        control("POST", "/gateway/zombie?on=true");
        zombie = true;
        break;
      case 2:
        control("POST", "/gateway/reconnect");
        break;
      case 3:
        control("POST", "/gateway/invalid_session?resumable=true");
        break;
      case 4:
        ASSERT_TRUE(wait_for([&] { return all_delivered(ids); }));
        control("POST", "/gateway/invalid_session?resumable=false");
        break;
      case 5:
        ASSERT_TRUE(wait_for([&] { return all_delivered(ids); }));
        control("POST", "/gateway/refuse_resume?count=1");
        control("POST", "/gateway/drop");
        break;
      default:
        control("POST", "/gateway/close?code=4000");
        break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 600));
  }
  if (zombie) control("POST", "/gateway/zombie?on=false");
  ASSERT_TRUE(wait_for([&] { return client_->stats().ready && all_delivered(ids); }, 60s))
      << "seed " << seed;
  // Quiet for a moment: nothing arrives twice late.
  wait_for([] { return false; }, 500ms);
  expect_each_once(ids);
  EXPECT_GT(ids.size(), 30U);
  const auto stats = client_->stats();
  EXPECT_TRUE(stats.fatal_reason.empty());
  EXPECT_GE(stats.resumed_ok, 1U);
  std::printf("chaos: %zu interactions, %llu connects, %llu identifies, %llu resumes ok, %llu "
              "zombies, %llu replays dropped\n",
              ids.size(), static_cast<unsigned long long>(stats.connects),
              static_cast<unsigned long long>(stats.identifies),
              static_cast<unsigned long long>(stats.resumed_ok),
              static_cast<unsigned long long>(stats.zombies_detected),
              static_cast<unsigned long long>(stats.replays_dropped));
}

}  // namespace
}  // namespace tb::discord
