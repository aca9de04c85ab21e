#include "api/admin_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "core/metrics_registry.hpp"
#include "http_test_client.hpp"
#include "recording_backend.hpp"

namespace tb::host {
namespace {

namespace http = boost::beast::http;
using test::http_reply;
using test::http_test_client;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* token = "s3cret-admin-token-0123456789";

std::string header(const http_reply& reply, http::field field) { return std::string(reply[field]); }

nlohmann::json json_of(const http_reply& reply) { return nlohmann::json::parse(reply.body()); }

// `status` with a JSON body {"error": "...`part`..."}.
::testing::AssertionResult is_json_error(const http_reply& reply, unsigned status,
                                         std::string_view part) {
  const std::string type = header(reply, http::field::content_type);
  const auto body = nlohmann::json::parse(reply.body(), nullptr, false);
  const auto error = body.is_object() ? body.value("error", std::string()) : std::string();
  if (reply.result_int() == status && type == "application/json" &&
      error.find(part) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "wanted " << status << " with a JSON error holding '"
                                       << part << "', got " << reply.result_int() << " (" << type
                                       << "): " << reply.body();
}

// What start() threw, as an E; "started" when it did not throw.
template <typename E>
std::string start_error(admin_server& server) {
  try {
    server.start();
  } catch (const E& e) {
    return e.what();
  }
  return "started";
}

// A server on 127.0.0.1 and a port the OS picks, over a recording backend, logging into a
// string at every level.
class AdminServer : public ::testing::Test {
 protected:
  AdminServer() {
    log_ = std::make_shared<spdlog::logger>(
        "admin_api", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_));
    log_->set_pattern("%l %v");
    log_->set_level(spdlog::level::trace);
  }

  void start(admin_server_config config = {}) {
    config.port = 0;
    if (config.token.empty()) config.token = token;
    server_ = std::make_unique<admin_server>(config, backend_, log_, &metrics_);
    server_->start();
  }

  http_test_client client() { return http_test_client(server_->port()); }

  // The log so far; stops the server first so that nothing is being written meanwhile.
  std::string log_after_stop() {
    server_->stop();
    return log_text_.str();
  }

  double requests_counted(const std::string& route, const std::string& code) {
    for (const auto& family : metrics_.snapshot()) {
      if (family.name != "tb_api_requests_total") continue;
      for (const auto& s : family.series) {
        if (s.labels == metric_labels{{"code", code}, {"route", route}}) return s.value;
      }
    }
    return 0;
  }

  test::recording_backend backend_;
  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> log_;
  metrics_registry metrics_;
  std::unique_ptr<admin_server> server_;
};

TEST_F(AdminServer, HealthzAnswersWithoutTokenOrBackend) {
  start();
  auto c = client();
  const auto reply = c.request(http::verb::get, "/healthz");
  EXPECT_EQ(reply.result_int(), 200u);
  EXPECT_EQ(header(reply, http::field::content_type), "application/json");
  EXPECT_EQ(json_of(reply), (nlohmann::json{{"status", "ok"}}));
  EXPECT_THAT(backend_.calls(), IsEmpty());
}

TEST_F(AdminServer, ReadyzSaysReadyOrWhyNotWithoutToken) {
  start();
  auto c = client();
  auto reply = c.request(http::verb::get, "/readyz");
  EXPECT_EQ(reply.result_int(), 200u);
  EXPECT_EQ(json_of(reply), (nlohmann::json{{"ready", true}}));

  backend_.set_ready(false, "first scan not done");
  reply = c.request(http::verb::get, "/readyz");
  EXPECT_EQ(reply.result_int(), 503u);
  EXPECT_EQ(header(reply, http::field::content_type), "application/json");
  EXPECT_EQ(json_of(reply), (nlohmann::json{{"ready", false}, {"reason", "first scan not done"}}));
}

struct route_case {
  http::verb method;
  std::string target;
};

const std::vector<route_case> protected_routes = {
    {http::verb::get, "/metrics"},     {http::verb::get, "/api/status"},
    {http::verb::get, "/api/stats"},   {http::verb::get, "/api/positions"},
    {http::verb::get, "/api/trades"},  {http::verb::get, "/api/signals"},
    {http::verb::post, "/api/pause"},  {http::verb::post, "/api/resume"},
    {http::verb::post, "/api/reload"},
};

TEST_F(AdminServer, EveryOtherRouteNeedsTheToken) {
  start();
  auto c = client();
  for (const auto& r : protected_routes) {
    SCOPED_TRACE(r.target);
    const auto reply = c.request(r.method, r.target);
    EXPECT_TRUE(is_json_error(reply, 401, "no Authorization"));
    EXPECT_EQ(header(reply, http::field::www_authenticate), "Bearer");
  }
  EXPECT_THAT(backend_.calls(), IsEmpty());
}

TEST_F(AdminServer, WrongTokenIsRefusedAndNeverLogged) {
  start();
  auto c = client();
  const std::string wrong = "guessed-token-abcdef";
  const std::string full(token);
  // A wrong token, the right one with a character more or less, and another scheme.
  for (const std::string& t : {wrong, full + "x", full.substr(0, full.size() - 1)}) {
    const auto reply = c.request(http::verb::get, "/api/status", t);
    EXPECT_TRUE(is_json_error(reply, 401, "wrong bearer token"));
    EXPECT_EQ(header(reply, http::field::www_authenticate), "Bearer");
  }
  http::request<http::string_body> basic(http::verb::post, "/api/pause", 11);
  basic.set(http::field::authorization, "Basic " + wrong);
  basic.prepare_payload();
  EXPECT_EQ(c.send(basic).result_int(), 401u);
  EXPECT_THAT(backend_.calls(), IsEmpty());

  const std::string log = log_after_stop();
  EXPECT_THAT(log, HasSubstr("warning admin API: refused GET /api/status from 127.0.0.1:"));
  EXPECT_THAT(log, HasSubstr("wrong bearer token"));
  EXPECT_THAT(log, HasSubstr("refused POST /api/pause from 127.0.0.1:"));
  EXPECT_THAT(log, HasSubstr("not a Bearer token"));
  EXPECT_THAT(log, Not(HasSubstr(wrong)));
  EXPECT_THAT(log, Not(HasSubstr(full.substr(0, full.size() - 1))));
}

TEST_F(AdminServer, MissingTokenIsLoggedAsMissing) {
  start();
  EXPECT_EQ(client().request(http::verb::get, "/api/signals").result_int(), 401u);
  EXPECT_THAT(log_after_stop(), HasSubstr("refused GET /api/signals from 127.0.0.1:"));
  EXPECT_THAT(log_text_.str(), HasSubstr("no Authorization header"));
}

TEST_F(AdminServer, BearerSchemeIsCaseInsensitive) {
  start();
  auto c = client();
  http::request<http::string_body> req(http::verb::get, "/api/status", 11);
  req.set(http::field::authorization, std::string("bEaReR ") + token);
  req.prepare_payload();
  EXPECT_EQ(c.send(req).result_int(), 200u);
}

TEST_F(AdminServer, EveryRouteAnswersWithItsBackendAndContentType) {
  start();
  backend_.set_metrics_text("# HELP up Up.\n# TYPE up gauge\nup 1\n");
  struct expectation {
    route_case route;
    const char* call;
    std::string content_type;
    std::string body;
  };
  const std::string json = "application/json";
  const std::vector<expectation> cases = {
      {{http::verb::get, "/metrics"},
       "metrics_text",
       "text/plain; version=0.0.4; charset=utf-8",
       "# HELP up Up.\n# TYPE up gauge\nup 1\n"},
      {{http::verb::get, "/api/status"}, "status", json, R"({"mode":"paper","paused":false})"},
      {{http::verb::get, "/api/stats"}, "stats", json, R"({"scans":12})"},
      {{http::verb::get, "/api/positions"},
       "positions",
       json,
       R"([{"side":"long","symbol":"BTCUSDT"}])"},
      {{http::verb::get, "/api/trades"}, "trades", json, R"([{"pnl":"1.5","symbol":"ETHUSDT"}])"},
      {{http::verb::get, "/api/signals"},
       "signals",
       json,
       R"([{"confidence":0.8,"symbol":"SOLUSDT"}])"},
      {{http::verb::post, "/api/pause"}, "pause", json, R"({"paused":true})"},
      {{http::verb::post, "/api/resume"}, "resume", json, R"({"paused":false})"},
      {{http::verb::post, "/api/reload"}, "reload", json, R"({"changed":["strategy"]})"},
  };
  auto c = client();  // one keep-alive connection for all of them
  std::vector<std::string> expected_calls;
  for (const auto& e : cases) {
    SCOPED_TRACE(e.route.target);
    const auto reply = c.request(e.route.method, e.route.target, token);
    EXPECT_EQ(reply.result_int(), 200u);
    EXPECT_EQ(header(reply, http::field::content_type), e.content_type);
    EXPECT_EQ(header(reply, http::field::cache_control), "no-store");
    EXPECT_EQ(reply.body(), e.body);
    EXPECT_TRUE(reply.keep_alive());
    expected_calls.emplace_back(e.call);
  }
  EXPECT_EQ(backend_.calls(), expected_calls);
}

TEST_F(AdminServer, PauseResumeReloadCallThroughInOrder) {
  start();
  auto c = client();
  EXPECT_EQ(json_of(c.request(http::verb::post, "/api/pause", token)),
            (nlohmann::json{{"paused", true}}));
  EXPECT_EQ(json_of(c.request(http::verb::post, "/api/pause", token)),
            (nlohmann::json{{"paused", true}}));
  EXPECT_EQ(json_of(c.request(http::verb::post, "/api/resume", token)),
            (nlohmann::json{{"paused", false}}));
  EXPECT_EQ(json_of(c.request(http::verb::post, "/api/reload", token)),
            (nlohmann::json{{"changed", {"strategy"}}}));
  EXPECT_THAT(backend_.calls(), ElementsAre("pause", "pause", "resume", "reload"));
}

// A reload waits for the bot's scan in flight, up to minutes: meanwhile the other routes,
// health first, keep answering, and so does a second reload's caller once released.
TEST_F(AdminServer, SlowReloadsDoNotHoldUpOtherRequests) {
  start();
  backend_.hold_reloads();
  auto reload = [this] {
    return json_of(client().request(http::verb::post, "/api/reload", token));
  };
  auto first = std::async(std::launch::async, reload);
  auto second = std::async(std::launch::async, reload);
  ASSERT_TRUE(backend_.wait_for_reloads_waiting(2));

  auto c = client();
  EXPECT_EQ(c.request(http::verb::get, "/healthz").result_int(), 200u);
  EXPECT_EQ(c.request(http::verb::get, "/readyz").result_int(), 200u);
  EXPECT_EQ(json_of(c.request(http::verb::get, "/api/status", token)).at("mode"), "paper");
  EXPECT_EQ(first.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);

  backend_.release_reloads();
  EXPECT_EQ(first.get(), (nlohmann::json{{"changed", {"strategy"}}}));
  EXPECT_EQ(second.get(), (nlohmann::json{{"changed", {"strategy"}}}));
}

// stop() lets a held reload finish and answer before it returns.
TEST_F(AdminServer, StopWaitsForABackendCallInFlight) {
  start();
  backend_.hold_reloads();
  auto reload = std::async(std::launch::async, [this] {
    return client().request(http::verb::post, "/api/reload", token).result_int();
  });
  ASSERT_TRUE(backend_.wait_for_reloads_waiting(1));
  auto stopped = std::async(std::launch::async, [this] { server_->stop(); });
  EXPECT_EQ(stopped.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  backend_.release_reloads();
  stopped.get();
  // The stop closed the connection before the answer came back: the client sees the
  // connection end, not a half-written reply, and the process has no handler left behind.
  EXPECT_THROW(reload.get(), std::runtime_error);
}

TEST_F(AdminServer, TradesQueryReachesTheBackend) {
  start();
  auto c = client();
  struct expectation {
    const char* target;
    std::size_t limit;
    std::optional<std::int64_t> since_ms;
  };
  const std::vector<expectation> cases = {
      {"/api/trades", 100, std::nullopt},
      {"/api/trades?limit=5&since=1700000000000", 5, 1'700'000'000'000},
      {"/api/trades?since=0&limit=1000", 1000, 0},
      {"/api/trades?limit=1", 1, std::nullopt},
      {"/api/trades?limit=%35%30", 50, std::nullopt},
      {"/api/trades?&limit=7&", 7, std::nullopt},
  };
  for (const auto& e : cases) {
    EXPECT_EQ(c.request(http::verb::get, e.target, token).result_int(), 200u) << e.target;
  }
  const auto calls = backend_.trades_calls();
  ASSERT_EQ(calls.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].target);
    EXPECT_EQ(calls[i].limit, cases[i].limit);
    EXPECT_EQ(calls[i].since_ms, cases[i].since_ms);
  }
}

TEST_F(AdminServer, BadTradesQueryIs400NamingTheParameter) {
  start();
  auto c = client();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"limit=0", "'limit'"},
      {"limit=1001", "'limit'"},
      {"limit=abc", "'limit'"},
      {"limit=", "'limit'"},
      {"limit", "'limit'"},
      {"limit=-1", "'limit'"},
      {"limit=%2B5", "'limit'"},
      {"limit=5x", "'limit'"},
      {"limit=5.0", "'limit'"},
      {"limit=99999999999999999999999", "'limit'"},
      {"since=-1", "'since'"},
      {"since=abc", "'since'"},
      {"since=1.5", "'since'"},
      {"since=99999999999999999999999", "'since'"},
      {"limit=5&limit=6", "'limit' is given more than once"},
      {"limit=5&foo=1", "unknown query parameter 'foo' on /api/trades"},
      {"limit=%zz", "'%zz'"},
  };
  for (const auto& [query, named] : cases) {
    SCOPED_TRACE(query);
    const auto reply = c.request(http::verb::get, "/api/trades?" + query, token);
    EXPECT_TRUE(is_json_error(reply, 400, named));
  }
  EXPECT_THAT(backend_.calls(), IsEmpty());
}

TEST_F(AdminServer, UnknownQueryParameterOnAnyRouteIs400) {
  start();
  auto c = client();
  EXPECT_TRUE(is_json_error(c.request(http::verb::get, "/api/status?verbose=1", token), 400,
                            "unknown query parameter 'verbose' on /api/status (it takes none)"));
  EXPECT_TRUE(is_json_error(c.request(http::verb::post, "/api/pause?now", token), 400, "'now'"));
  EXPECT_EQ(c.request(http::verb::get, "/healthz?probe=1").result_int(), 400u);
  EXPECT_THAT(backend_.calls(), IsEmpty());
}

TEST_F(AdminServer, UnknownPathIs404) {
  start();
  auto c = client();
  for (const char* target : {"/", "/api", "/api/status/", "/api/nothing?x=1", "/API/STATUS"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(is_json_error(c.request(http::verb::get, target, token), 404, "no route for"));
  }
  EXPECT_EQ(c.request(http::verb::get, "/nothing").result_int(), 404u);  // no token either
}

TEST_F(AdminServer, WrongMethodIs405WithAllow) {
  start();
  auto c = client();
  auto reply = c.request(http::verb::post, "/api/status", token);
  EXPECT_TRUE(is_json_error(reply, 405, "use GET, HEAD"));
  EXPECT_EQ(header(reply, http::field::allow), "GET, HEAD");

  reply = c.request(http::verb::get, "/api/pause", token);
  EXPECT_EQ(reply.result_int(), 405u);
  EXPECT_EQ(header(reply, http::field::allow), "POST");

  reply = c.request(http::verb::delete_, "/healthz");
  EXPECT_EQ(reply.result_int(), 405u);
  EXPECT_EQ(header(reply, http::field::allow), "GET, HEAD");
  EXPECT_THAT(backend_.calls(), IsEmpty());
}

TEST_F(AdminServer, HeadIsGetWithoutTheBody) {
  start();
  auto c = client();
  const auto get = c.request(http::verb::get, "/api/status", token);
  const auto head = c.request(http::verb::head, "/api/status", token);
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_EQ(header(head, http::field::content_type), "application/json");
  EXPECT_EQ(header(head, http::field::content_length), std::to_string(get.body().size()));
  EXPECT_THAT(head.body(), IsEmpty());
  // The connection is still in step: the next reply is read whole.
  EXPECT_EQ(json_of(c.request(http::verb::get, "/healthz")), (nlohmann::json{{"status", "ok"}}));

  EXPECT_EQ(c.request(http::verb::head, "/healthz").result_int(), 200u);
  EXPECT_EQ(c.request(http::verb::head, "/api/status").result_int(), 401u);
  const auto refused = c.request(http::verb::head, "/api/pause", token);
  EXPECT_EQ(refused.result_int(), 405u);
  EXPECT_EQ(header(refused, http::field::allow), "POST");
  EXPECT_THAT(backend_.calls(), ElementsAre("status", "status"));
}

TEST_F(AdminServer, BodyUpToTheLimitIsAcceptedAndBeyondIs413) {
  start();
  {
    auto c = client();
    const auto reply = c.request(http::verb::post, "/api/pause", token,
                                 std::string(admin_server::body_limit, 'x'));
    EXPECT_EQ(reply.result_int(), 200u);
  }
  {
    auto c = client();
    const auto reply = c.request(http::verb::post, "/api/pause", token,
                                 std::string(admin_server::body_limit + 1, 'x'));
    EXPECT_TRUE(is_json_error(reply, 413, "request body larger than 65536 bytes"));
    EXPECT_FALSE(reply.keep_alive());
    EXPECT_TRUE(c.wait_closed());
  }
  {
    // More than both sockets' buffers hold: the server answers at the header and must still
    // read (and drop) what the client goes on sending, or the reset of closing a socket with
    // unread bytes breaks the client's write and loses the reply.
    auto c = client();
    const auto reply =
        c.request(http::verb::post, "/api/resume", token, std::string(12 << 20, 'z'));
    EXPECT_EQ(reply.result_int(), 413u);
    EXPECT_TRUE(c.wait_closed());
  }
  {
    // Chunked, so the size shows only while the body is read.
    auto c = client();
    http::request<http::string_body> req(http::verb::post, "/api/reload", 11);
    req.set(http::field::authorization, std::string("Bearer ") + token);
    req.body() = std::string(3 * admin_server::body_limit, 'y');
    req.chunked(true);
    const auto reply = c.send(req);
    EXPECT_EQ(reply.result_int(), 413u);
    EXPECT_TRUE(c.wait_closed());
  }
  EXPECT_THAT(backend_.calls(), ElementsAre("pause"));
  EXPECT_EQ(requests_counted("/api/pause", "413"), 1);
  EXPECT_EQ(requests_counted("/api/resume", "413"), 1);
  EXPECT_EQ(requests_counted("/api/reload", "413"), 1);
}

TEST_F(AdminServer, MalformedRequestIs400AndOversizedHeaderIs431) {
  start();
  {
    auto c = client();
    c.write_raw("NOT HTTP AT ALL\r\n\r\n");
    EXPECT_TRUE(is_json_error(c.read_reply(), 400, "malformed HTTP request"));
    EXPECT_TRUE(c.wait_closed());
  }
  {
    auto c = client();
    http::request<http::string_body> req(http::verb::get, "/healthz", 11);
    req.set("X-Padding", std::string(16 * 1024, 'p'));
    const auto reply = c.send(req);
    EXPECT_EQ(reply.result_int(), 431u);
    EXPECT_TRUE(c.wait_closed());
  }
  EXPECT_EQ(requests_counted("other", "400"), 1);
  EXPECT_EQ(requests_counted("/healthz", "431"), 1);  // the request line was read
}

TEST_F(AdminServer, ThrowingBackendIs500WithItsMessage) {
  start();
  backend_.throw_from_now_on("journal is locked by another process");
  auto c = client();
  for (const auto& r : protected_routes) {
    if (r.target == "/metrics") continue;  // metrics_text does not throw in this backend
    SCOPED_TRACE(r.target);
    const auto reply = c.request(r.method, r.target, token);
    EXPECT_EQ(reply.result_int(), 500u);
    EXPECT_EQ(header(reply, http::field::content_type), "application/json");
    EXPECT_EQ(json_of(reply), (nlohmann::json{{"error", "journal is locked by another process"}}));
  }
  EXPECT_THAT(log_after_stop(), HasSubstr("error admin API: GET /api/status from 127.0.0.1:"));
  EXPECT_THAT(log_text_.str(), HasSubstr("failed: journal is locked by another process"));
}

TEST_F(AdminServer, InvalidUtf8FromTheBackendIsReplacedNotA500) {
  start();
  backend_.answer_with({{"symbol", "BAD\xff"}});
  const auto reply = client().request(http::verb::get, "/api/status", token);
  EXPECT_EQ(reply.result_int(), 200u);
  EXPECT_EQ(json_of(reply).at("symbol").get<std::string>(), "BAD\xEF\xBF\xBD");
}

TEST_F(AdminServer, RequestsAreCountedByRoutePatternNotRawPath) {
  start();
  auto c = client();
  c.request(http::verb::get, "/api/trades?limit=5", token);
  c.request(http::verb::get, "/api/trades?limit=6", token);
  c.request(http::verb::get, "/api/trades?limit=0", token);
  c.request(http::verb::get, "/api/status");
  c.request(http::verb::get, "/random/path/1");
  c.request(http::verb::get, "/random/path/2");
  EXPECT_EQ(requests_counted("/api/trades", "200"), 2);
  EXPECT_EQ(requests_counted("/api/trades", "400"), 1);
  EXPECT_EQ(requests_counted("/api/status", "401"), 1);
  EXPECT_EQ(requests_counted("other", "404"), 2);
  const std::string text = metrics_.to_prometheus();
  EXPECT_THAT(text, Not(HasSubstr("limit=5")));
  EXPECT_THAT(text, Not(HasSubstr("/random")));
}

TEST_F(AdminServer, StopReturnsWhileKeepAliveClientsAreConnected) {
  start();
  auto served = client();
  EXPECT_EQ(served.request(http::verb::get, "/healthz").result_int(), 200u);
  auto idle = client();  // connected, never sent anything
  auto partial = client();
  partial.write_raw("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n");         // header unfinished
  EXPECT_EQ(client().request(http::verb::get, "/healthz").result_int(), 200u);  // all accepted

  auto stopped = std::async(std::launch::async, [this] { server_->stop(); });
  ASSERT_EQ(stopped.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_TRUE(served.wait_closed());
  EXPECT_TRUE(idle.wait_closed());
  EXPECT_TRUE(partial.wait_closed());
  EXPECT_THROW(http_test_client{server_->port()}, std::runtime_error);  // nobody listens
  server_->stop();                                                      // idempotent
}

TEST_F(AdminServer, StopBeforeStartAndTwiceIsHarmless) {
  admin_server server({}, backend_, nullptr);
  server.stop();
  server.stop();
  EXPECT_EQ(server.port(), 0);
}

TEST_F(AdminServer, IdleConnectionEndsAfterTheReadTimeout) {
  admin_server_config config;
  config.read_timeout = std::chrono::milliseconds(200);
  start(config);
  auto c = client();
  EXPECT_EQ(c.request(http::verb::get, "/healthz").result_int(), 200u);
  EXPECT_TRUE(c.wait_closed());
}

TEST_F(AdminServer, ConnectionsBeyondTheLimitAreClosed) {
  admin_server_config config;
  config.max_connections = 2;
  start(config);
  auto first = client();
  std::optional<http_test_client> second(std::in_place, server_->port());
  EXPECT_EQ(first.request(http::verb::get, "/healthz").result_int(), 200u);
  EXPECT_EQ(second->request(http::verb::get, "/healthz").result_int(), 200u);
  auto third = client();  // the kernel accepts it; the server closes it
  EXPECT_TRUE(third.wait_closed());
  EXPECT_EQ(first.request(http::verb::get, "/healthz").result_int(), 200u);

  // Once one ends, a new connection is served again: the server sees the end a little
  // later, so new connections are tried until one is served or 30 s pass.
  second.reset();
  bool served = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!served && std::chrono::steady_clock::now() < deadline) {
    try {
      served = client().request(http::verb::get, "/healthz").result_int() == 200;
    } catch (const std::runtime_error&) {
      // closed by the server: still at the limit
    }
  }
  EXPECT_TRUE(served);
  EXPECT_THAT(log_after_stop(), HasSubstr("2 connections open, the most allowed"));
}

TEST_F(AdminServer, SecondServerOnTheSamePortFailsWithTheReason) {
  start();
  admin_server_config config;
  config.port = server_->port();
  config.token = token;
  admin_server second(config, backend_, log_);
  EXPECT_EQ(start_error<std::runtime_error>(second),
            "admin API: cannot listen on 127.0.0.1:" + std::to_string(config.port) +
                ": Address already in use");
  EXPECT_EQ(client().request(http::verb::get, "/healthz").result_int(), 200u);  // first unharmed
}

TEST_F(AdminServer, StartRefusesAnEmptyTokenAndABadAddress) {
  admin_server no_token({}, backend_, log_);
  EXPECT_THAT(start_error<std::invalid_argument>(no_token), HasSubstr("the bearer token is empty"));
  admin_server_config config;
  config.bind = "localhost";
  config.token = token;
  admin_server bad_address(config, backend_, log_);
  EXPECT_EQ(start_error<std::runtime_error>(bad_address),
            "admin API: cannot listen on localhost:8787: 'localhost' is not an IP address");
}

TEST_F(AdminServer, StartTwiceIsALogicError) {
  start();
  EXPECT_THROW(server_->start(), std::logic_error);
}

}  // namespace
}  // namespace tb::host
