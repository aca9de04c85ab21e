// gateway_session on an invented clock with injected jitter: every protocol rule, no sockets.
#include "gateway/gateway_session.hpp"

#include <deque>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tb::discord {
namespace {

using nlohmann::json;

class session_harness {
 public:
  explicit session_harness(session_config config = default_config())
      : session_(std::move(config), [this] {
          if (randoms_.empty()) return fallback_;
          const double value = randoms_.front();
          randoms_.pop_front();
          return value;
        }) {}

  static session_config default_config() {
    session_config config;
    config.token = "secret-token";
    return config;
  }

  gateway_session& s() { return session_; }
  millis now() const { return now_; }
  void set_random(double value) { fallback_ = value; }
  void queue_random(double value) { randoms_.push_back(value); }

  actions record(actions list) {
    for (const auto& a : list) log_.push_back(a);
    return list;
  }
  // Runs every tick due up to now + `span`, in order.
  actions advance(millis span) {
    const millis until = now_ + span;
    actions all;
    while (auto next = session_.next_deadline()) {
      if (*next > until) break;
      now_ = std::max(now_, *next);
      for (auto& a : record(session_.tick(now_))) all.push_back(a);
    }
    now_ = until;
    return all;
  }
  // Ticks until the session opens a connection or fetches /gateway/bot (a connection attempt
  // begins), at most `span` ahead.
  actions next_attempt(millis span = millis(600'000)) {
    const millis until = now_ + span;
    actions all;
    while (auto next = session_.next_deadline()) {
      if (*next > until) break;
      now_ = std::max(now_, *next);
      for (auto& a : record(session_.tick(now_))) all.push_back(a);
      if (has<action::open>(all) || has<action::fetch_gateway_bot>(all)) return all;
    }
    now_ = until;
    return all;
  }
  actions text(const json& frame) { return record(session_.on_text(frame.dump(), now_)); }
  actions open() { return record(session_.on_open(now_)); }
  actions closed(std::optional<std::uint16_t> code) {
    return record(session_.on_closed(code, "test", now_));
  }
  actions gateway_bot(std::int64_t remaining = 999, std::int64_t reset_after = 14'400'000) {
    return record(session_.on_gateway_bot(
        json{{"url", "ws://gateway.test"},
             {"shards", 1},
             {"session_start_limit",
              {{"total", 1000}, {"remaining", remaining}, {"reset_after", reset_after},
               {"max_concurrency", 1}}}},
        now_));
  }
  actions hello(std::int64_t interval = 40'000) {
    return text(json{{"op", 10}, {"d", {{"heartbeat_interval", interval}}}});
  }
  actions dispatch(const std::string& name, std::int64_t seq, json d = json::object()) {
    return text(json{{"op", 0}, {"t", name}, {"s", seq}, {"d", std::move(d)}});
  }
  actions ready(std::int64_t seq = 1) {
    return dispatch("READY", seq,
                    json{{"session_id", "sess-1"},
                         {"resume_gateway_url", "ws://resume.test"},
                         {"application", {{"id", "42"}}}});
  }
  actions ack() { return text(json{{"op", 11}}); }

  // From start to READY on a fresh session; heartbeat jitter 0.5 with the given interval.
  void connect_ready(std::int64_t interval = 40'000) {
    auto started = record(session_.start(now_));
    ASSERT_TRUE(has<action::fetch_gateway_bot>(started));
    auto opened = gateway_bot();
    ASSERT_TRUE(has<action::open>(opened));
    open();
    hello(interval);
    ready();
    ASSERT_TRUE(session_.is_ready());
  }

  template <class T>
  static bool has(const actions& list) {
    for (const auto& a : list) {
      if (std::holds_alternative<T>(a)) return true;
    }
    return false;
  }
  template <class T>
  static std::vector<T> all_of(const actions& list) {
    std::vector<T> out;
    for (const auto& a : list) {
      if (const T* item = std::get_if<T>(&a)) out.push_back(*item);
    }
    return out;
  }
  template <class T>
  static T first(const actions& list) {
    for (const auto& a : list) {
      if (const T* item = std::get_if<T>(&a)) return *item;
    }
    ADD_FAILURE() << "no such action";
    return T{};
  }
  // The sent frames with op `op`.
  static std::vector<json> sent(const actions& list, int op) {
    std::vector<json> out;
    for (const auto& a : all_of<action::send>(list)) {
      json frame = json::parse(a.text);
      if (frame.at("op") == op) out.push_back(frame);
    }
    return out;
  }
  const actions& log() const { return log_; }

 private:
  std::deque<double> randoms_;
  double fallback_ = 0.5;
  gateway_session session_;
  millis now_{1'000'000};
  actions log_;
};

using H = session_harness;

TEST(GatewaySession, StartFetchesGatewayBotThenOpensTheGatewayUrl) {
  H h;
  auto started = h.record(h.s().start(h.now()));
  ASSERT_TRUE(H::has<action::fetch_gateway_bot>(started));
  auto opened = h.gateway_bot();
  const auto open = H::first<action::open>(opened);
  EXPECT_EQ(open.url, "ws://gateway.test");
  EXPECT_FALSE(open.resume);
  EXPECT_EQ(gateway_connect_url(open.url), "ws://gateway.test/?v=10&encoding=json");
  EXPECT_EQ(gateway_connect_url("ws://127.0.0.1:9/resume/"),
            "ws://127.0.0.1:9/resume?v=10&encoding=json");
  EXPECT_EQ(gateway_connect_url("wss://gateway.discord.gg/"),
            "wss://gateway.discord.gg/?v=10&encoding=json");
}

TEST(GatewaySession, IdentifyCarriesTokenWithoutPrefixIntentsAndProperties) {
  H h;
  h.record(h.s().start(h.now()));
  h.gateway_bot();
  h.open();
  auto sent = H::sent(h.hello(), 2);
  ASSERT_EQ(sent.size(), 1U);
  const json& d = sent[0].at("d");
  EXPECT_EQ(d.at("token"), "secret-token");
  EXPECT_EQ(d.at("intents"), 0);
  EXPECT_TRUE(d.at("properties").contains("os"));
  EXPECT_TRUE(d.at("properties").contains("browser"));
  EXPECT_TRUE(d.at("properties").contains("device"));
  EXPECT_EQ(h.s().stats().identifies, 1U);
}

TEST(GatewaySession, ConfiguredIntentsAreSent) {
  auto config = H::default_config();
  config.intents = 1;
  H h(config);
  h.record(h.s().start(h.now()));
  h.gateway_bot();
  h.open();
  EXPECT_EQ(H::sent(h.hello(), 2).at(0).at("d").at("intents"), 1);
}

TEST(GatewaySession, FirstHeartbeatAfterIntervalTimesJitterThenEveryInterval) {
  H h;
  h.record(h.s().start(h.now()));
  h.gateway_bot();
  h.open();
  h.queue_random(0.25);  // heartbeat jitter
  const millis hello_at = h.now();
  h.hello(40'000);
  EXPECT_EQ(h.s().next_deadline(), hello_at + millis(10'000));
  EXPECT_TRUE(H::sent(h.advance(millis(9'999)), 1).empty());
  auto first = H::sent(h.advance(millis(1)), 1);
  ASSERT_EQ(first.size(), 1U);
  EXPECT_TRUE(first[0].at("d").is_null());  // no dispatch seen yet
  h.ack();
  h.ready(1);
  h.dispatch("INTERACTION_CREATE", 7);
  EXPECT_TRUE(H::sent(h.advance(millis(39'999)), 1).empty());
  auto second = H::sent(h.advance(millis(1)), 1);
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].at("d"), 7);
  h.ack();
  EXPECT_EQ(H::sent(h.advance(millis(40'000)), 1).size(), 1U);
}

TEST(GatewaySession, ServerHeartbeatRequestIsAnsweredAtOnce) {
  H h;
  h.connect_ready();
  auto out = h.text(json{{"op", 1}, {"d", nullptr}});
  ASSERT_EQ(H::sent(out, 1).size(), 1U);
  EXPECT_EQ(H::sent(out, 1)[0].at("d"), 1);
}

TEST(GatewaySession, AckLatencyIsMeasured) {
  H h;
  h.connect_ready(40'000);
  h.advance(millis(20'000));  // first heartbeat at 20 s
  h.advance(millis(123));
  h.ack();
  EXPECT_EQ(h.s().stats().last_heartbeat_ack_latency_ms, 123);
  EXPECT_EQ(h.s().stats().heartbeat_acks, 1U);
}

TEST(GatewaySession, ReadyStoresSessionAndIsDeliveredOnce) {
  H h;
  h.connect_ready();
  EXPECT_EQ(h.s().session_id(), "sess-1");
  EXPECT_EQ(h.s().resume_url(), "ws://resume.test");
  EXPECT_EQ(h.s().last_seq(), 1);
  auto readies = H::all_of<action::ready>(h.log());
  ASSERT_EQ(readies.size(), 1U);
  EXPECT_EQ(readies[0].d.at("application").at("id"), "42");
  EXPECT_TRUE(H::all_of<action::dispatch>(h.log()).empty());
}

TEST(GatewaySession, MissingAckWhenTheNextHeartbeatIsDueIsAZombie) {
  H h;
  h.connect_ready(1000);
  h.advance(millis(500));  // first heartbeat, never acknowledged
  auto out = h.advance(millis(1000));
  const auto close = H::first<action::close>(out);
  EXPECT_EQ(close.code, 4200);
  EXPECT_NE(close.code, 1000);
  EXPECT_NE(close.code, 1001);
  EXPECT_EQ(h.s().stats().zombies_detected, 1U);
  EXPECT_TRUE(H::first<action::reconnect>(out).resume);
  EXPECT_EQ(h.s().stats().reconnects_by_reason.at("zombie"), 1U);
  // The resume goes to resume_gateway_url, without a /gateway/bot fetch.
  auto next = h.next_attempt();
  ASSERT_TRUE(H::has<action::open>(next));
  EXPECT_FALSE(H::has<action::fetch_gateway_bot>(next));
  EXPECT_EQ(H::first<action::open>(next).url, "ws://resume.test");
  EXPECT_TRUE(H::first<action::open>(next).resume);
}

TEST(GatewaySession, AckedHeartbeatsNeverZombie) {
  H h;
  h.connect_ready(1000);
  for (int i = 0; i < 50; ++i) {
    auto out = h.advance(millis(1000));
    EXPECT_FALSE(H::has<action::close>(out));
    h.ack();
  }
  EXPECT_EQ(h.s().stats().zombies_detected, 0U);
}

TEST(GatewaySession, ResumeSendsTokenSessionAndLastSeqAndRepliesAreDeduplicated) {
  H h;
  h.connect_ready();
  h.dispatch("INTERACTION_CREATE", 2, json{{"id", "a"}});
  h.dispatch("INTERACTION_CREATE", 3, json{{"id", "b"}});
  h.closed(std::nullopt);  // dropped, no close frame
  EXPECT_EQ(h.s().stats().reconnects_by_reason.at("connection_lost"), 1U);
  auto next = h.next_attempt();
  EXPECT_EQ(H::first<action::open>(next).url, "ws://resume.test");
  h.open();
  auto resume = H::sent(h.hello(), 6);
  ASSERT_EQ(resume.size(), 1U);
  EXPECT_EQ(resume[0].at("d").at("token"), "secret-token");
  EXPECT_EQ(resume[0].at("d").at("session_id"), "sess-1");
  EXPECT_EQ(resume[0].at("d").at("seq"), 3);
  EXPECT_TRUE(H::sent(h.log(), 2).size() == 1U);  // no second IDENTIFY
  // The server replays from its own view: 2 and 3 were seen, 4 was missed.
  h.dispatch("INTERACTION_CREATE", 2, json{{"id", "a"}});
  h.dispatch("INTERACTION_CREATE", 3, json{{"id", "b"}});
  h.dispatch("INTERACTION_CREATE", 4, json{{"id", "c"}});
  h.dispatch("RESUMED", 4);
  EXPECT_TRUE(h.s().is_ready());
  auto delivered = H::all_of<action::dispatch>(h.log());
  ASSERT_EQ(delivered.size(), 3U);
  EXPECT_EQ(delivered[0].d.at("id"), "a");
  EXPECT_EQ(delivered[1].d.at("id"), "b");
  EXPECT_EQ(delivered[2].d.at("id"), "c");
  EXPECT_EQ(h.s().stats().replays_dropped, 2U);
  EXPECT_EQ(h.s().stats().resumed_ok, 1U);
}

TEST(GatewaySession, ReconnectOpcodeClosesWith4200AndResumes) {
  H h;
  h.connect_ready();
  auto out = h.text(json{{"op", 7}, {"d", nullptr}});
  EXPECT_EQ(H::first<action::close>(out).code, 4200);
  EXPECT_TRUE(H::first<action::reconnect>(out).resume);
  auto next = h.next_attempt();
  EXPECT_TRUE(H::first<action::open>(next).resume);
}

TEST(GatewaySession, ReconnectOpcodeBeforeHelloAlsoResumes) {
  H h;
  h.connect_ready();
  h.closed(4000);
  h.next_attempt();
  h.open();
  auto out = h.text(json{{"op", 7}, {"d", nullptr}});
  EXPECT_TRUE(H::has<action::close>(out));
  EXPECT_TRUE(H::first<action::reconnect>(out).resume);
}

TEST(GatewaySession, InvalidSessionResumableResumesOnTheSameSocket) {
  H h;
  h.connect_ready();
  auto out = h.text(json{{"op", 9}, {"d", true}});
  EXPECT_FALSE(H::has<action::close>(out));
  auto resume = H::sent(out, 6);
  ASSERT_EQ(resume.size(), 1U);
  EXPECT_EQ(resume[0].at("d").at("session_id"), "sess-1");
  h.dispatch("RESUMED", 1);
  EXPECT_TRUE(h.s().is_ready());
}

TEST(GatewaySession, InvalidSessionNotResumableWaitsOneToFiveSecondsAndIdentifies) {
  for (double u : {0.0, 0.5, 0.999}) {
    H h;
    h.connect_ready();
    h.advance(millis(10'000));  // identify spacing has passed
    h.queue_random(u);
    auto out = h.text(json{{"op", 9}, {"d", false}});
    EXPECT_FALSE(h.s().has_session());
    const auto reconnect = H::first<action::reconnect>(out);
    EXPECT_FALSE(reconnect.resume);
    EXPECT_GE(reconnect.delay, millis(1000));
    EXPECT_LE(reconnect.delay, millis(5000));
    auto next = h.advance(reconnect.delay);
    EXPECT_TRUE(H::has<action::fetch_gateway_bot>(next));
    EXPECT_FALSE(H::first<action::open>(h.gateway_bot()).resume);
    h.open();
    EXPECT_EQ(H::sent(h.hello(), 2).size(), 1U);  // IDENTIFY, not RESUME
  }
}

class FatalCloseCode : public ::testing::TestWithParam<int> {};

TEST_P(FatalCloseCode, StopsWithAClearReasonAndNeverReconnects) {
  H h;
  h.connect_ready();
  auto out = h.closed(static_cast<std::uint16_t>(GetParam()));
  const auto fatal = H::first<action::fatal>(out);
  EXPECT_NE(fatal.reason.find(std::to_string(GetParam())), std::string::npos) << fatal.reason;
  EXPECT_EQ(h.s().current_phase(), gateway_session::phase::fatal);
  EXPECT_FALSE(h.s().next_deadline().has_value());
  auto later = h.advance(millis(24 * 3600 * 1000));
  EXPECT_TRUE(later.empty());
  EXPECT_EQ(h.s().stats().fatal_reason, fatal.reason);
}

INSTANTIATE_TEST_SUITE_P(GatewaySession, FatalCloseCode,
                         ::testing::Values(4004, 4010, 4011, 4012, 4013, 4014));

TEST(GatewaySession, FatalReasonsNameTheCause) {
  EXPECT_NE(fatal_close_reason(4004).find("token was refused"), std::string::npos);
  EXPECT_NE(fatal_close_reason(4014).find("privileged intents are not enabled"),
            std::string::npos);
  EXPECT_TRUE(fatal_close_reason(4000).empty());
  EXPECT_TRUE(fatal_close_reason(1000).empty());
}

class NewSessionCloseCode : public ::testing::TestWithParam<int> {};

TEST_P(NewSessionCloseCode, ClearsTheSessionAndIdentifies) {
  H h;
  h.connect_ready();
  auto out = h.closed(static_cast<std::uint16_t>(GetParam()));
  EXPECT_FALSE(h.s().has_session());
  EXPECT_FALSE(H::first<action::reconnect>(out).resume);
  auto next = h.next_attempt();
  EXPECT_TRUE(H::has<action::fetch_gateway_bot>(next));
}

INSTANTIATE_TEST_SUITE_P(GatewaySession, NewSessionCloseCode,
                         ::testing::Values(4003, 4005, 4007, 4009, 1000));

class ResumeCloseCode : public ::testing::TestWithParam<int> {};

TEST_P(ResumeCloseCode, KeepsTheSessionAndResumes) {
  H h;
  h.connect_ready();
  auto out = h.closed(static_cast<std::uint16_t>(GetParam()));
  EXPECT_TRUE(h.s().has_session());
  EXPECT_TRUE(H::first<action::reconnect>(out).resume);
  auto next = h.next_attempt();
  EXPECT_EQ(H::first<action::open>(next).url, "ws://resume.test");
}

INSTANTIATE_TEST_SUITE_P(GatewaySession, ResumeCloseCode,
                         ::testing::Values(4000, 4001, 4002, 4008, 1001, 1006, 4200));

TEST(GatewaySession, HelloTimeoutReconnects) {
  H h;
  h.connect_ready();
  h.closed(4000);
  h.next_attempt();
  h.open();
  auto out = h.advance(millis(60'000));
  EXPECT_TRUE(H::has<action::close>(out));
  EXPECT_EQ(H::first<action::reconnect>(out).reason, "hello_timeout");
  EXPECT_TRUE(H::first<action::reconnect>(out).resume);
}

TEST(GatewaySession, ReadyTimeoutAfterIdentifyReconnects) {
  H h;
  h.record(h.s().start(h.now()));
  h.gateway_bot();
  h.open();
  h.hello(1'000'000);
  auto out = h.advance(millis(15'000));
  EXPECT_TRUE(H::has<action::close>(out));
  EXPECT_EQ(H::first<action::reconnect>(out).reason, "ready_timeout");
  EXPECT_FALSE(H::first<action::reconnect>(out).resume);
}

TEST(GatewaySession, ResumedTimeoutReconnectsAndGivesUpOnTheSessionAfterThreeTries) {
  H h;
  h.connect_ready(1'000'000);
  h.closed(std::nullopt);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto next = h.next_attempt();
    ASSERT_TRUE(H::first<action::open>(next).resume) << attempt;
    h.open();
    ASSERT_EQ(H::sent(h.hello(1'000'000), 6).size(), 1U);
    auto out = h.advance(millis(15'000));
    ASSERT_EQ(H::first<action::reconnect>(out).reason, "ready_timeout");
  }
  EXPECT_FALSE(h.s().has_session());
  auto next = h.next_attempt();
  EXPECT_TRUE(H::has<action::fetch_gateway_bot>(next));
}

TEST(GatewaySession, ConnectFailureAndConnectTimeoutReconnect) {
  H h;
  h.record(h.s().start(h.now()));
  h.gateway_bot();
  auto failed = h.closed(std::nullopt);
  EXPECT_EQ(H::first<action::reconnect>(failed).reason, "connect_failed");
  h.next_attempt();
  h.gateway_bot();
  auto out = h.advance(millis(30'000));
  EXPECT_EQ(H::first<action::reconnect>(out).reason, "connect_timeout");
}

TEST(GatewaySession, BackoffGrowsWithConsecutiveFailuresAndResetsOnReady) {
  auto config = H::default_config();
  config.backoff = {millis(1000), millis(60'000)};
  H h(config);
  h.set_random(0.999);  // the top of each window
  h.connect_ready(1'000'000);
  std::vector<millis> delays;
  for (int i = 0; i < 8; ++i) {
    auto out = h.closed(std::nullopt);
    delays.push_back(H::first<action::reconnect>(out).delay);
    h.advance(delays.back());
    h.open();
  }
  for (std::size_t i = 1; i < delays.size(); ++i) EXPECT_GE(delays[i], delays[i - 1]);
  EXPECT_GT(delays[5], delays[0] * 8);
  EXPECT_LE(delays.back(), millis(60'000));
  h.hello(1'000'000);
  h.dispatch("RESUMED", 1);
  auto out = h.closed(std::nullopt);
  EXPECT_LE(H::first<action::reconnect>(out).delay, millis(1000));
}

TEST(GatewaySession, IdentifiesAreSpacedBySpacingPlusJitter) {
  auto config = H::default_config();
  config.identify_spacing = millis(5000);
  config.identify_jitter = millis(1000);
  config.backoff = {millis(10), millis(20)};
  H h(config);
  h.set_random(0.5);
  h.connect_ready(1'000'000);
  const millis first_identify = h.now();
  h.closed(4009);  // new session at once
  auto next = h.advance(millis(100));
  EXPECT_FALSE(H::has<action::fetch_gateway_bot>(next));  // still inside the spacing
  next = h.advance(millis(5'400));
  ASSERT_TRUE(H::has<action::fetch_gateway_bot>(next));
  h.gateway_bot();
  h.open();
  h.hello(1'000'000);
  auto identifies = H::sent(h.log(), 2);
  ASSERT_EQ(identifies.size(), 2U);
  EXPECT_GE(h.now() - first_identify, millis(5000));
}

TEST(GatewaySession, NoIdentifyWhileTheSessionStartLimitIsUsedUp) {
  H h;
  h.record(h.s().start(h.now()));
  auto out = h.gateway_bot(0, 3'600'000);
  EXPECT_FALSE(H::has<action::open>(out));
  const auto alert = H::first<action::alert>(out);
  EXPECT_EQ(alert.key, "gateway_identify_limit");
  EXPECT_NE(alert.text.find("remaining"), std::string::npos);
  EXPECT_EQ(h.s().current_phase(), gateway_session::phase::blocked);
  EXPECT_FALSE(H::has<action::fetch_gateway_bot>(h.advance(millis(3'599'999))));
  EXPECT_TRUE(H::has<action::fetch_gateway_bot>(h.advance(millis(1))));
  EXPECT_TRUE(H::has<action::open>(h.gateway_bot(1000)));
  EXPECT_EQ(h.s().stats().identifies, 0U);
}

TEST(GatewaySession, GatewayBotFailureRetriesWithBackoff) {
  H h;
  h.record(h.s().start(h.now()));
  auto out = h.record(h.s().on_gateway_bot_failed("503", h.now()));
  const auto reconnect = H::first<action::reconnect>(out);
  EXPECT_EQ(reconnect.reason, "gateway_bot_failed");
  EXPECT_TRUE(H::has<action::fetch_gateway_bot>(h.advance(reconnect.delay)));
  auto bad = h.record(h.s().on_gateway_bot(json{{"shards", 1}}, h.now()));
  EXPECT_TRUE(H::has<action::reconnect>(bad));
}

TEST(GatewaySession, ARefusedTokenAtGatewayBotIsFatalWithoutRetrying) {
  H h;
  h.record(h.s().start(h.now()));
  auto out = h.record(h.s().on_gateway_bot_refused("Discord refused the bot token (401)"));
  ASSERT_TRUE(H::has<action::fatal>(out));
  EXPECT_EQ(H::first<action::fatal>(out).reason, "Discord refused the bot token (401)");
  EXPECT_FALSE(H::has<action::reconnect>(out));
  EXPECT_FALSE(H::has<action::fetch_gateway_bot>(h.advance(millis(120'000))));
  EXPECT_EQ(h.s().stats().fatal_reason, "Discord refused the bot token (401)");
}

TEST(GatewaySession, QueuedSendsAreCappedAt115PerMinuteAndHeartbeatsBypass) {
  H h;
  h.connect_ready(1000);
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(h.s().queue_send(json{{"op", 3}, {"d", {{"status", "online"}, {"n", i}}}}));
  }
  auto first = h.record(h.s().tick(h.now()));
  EXPECT_EQ(H::sent(first, 3).size(), 115U);
  std::size_t presence = 0;
  std::size_t heartbeats = 0;
  for (int second = 0; second < 59; ++second) {
    auto out = h.advance(millis(1000));
    presence += H::sent(out, 3).size();
    heartbeats += H::sent(out, 1).size();
    h.ack();
  }
  EXPECT_EQ(presence, 0U);
  EXPECT_GE(heartbeats, 58U);
  auto later = h.advance(millis(1000));
  EXPECT_EQ(H::sent(later, 3).size(), 85U);
}

TEST(GatewaySession, PayloadsOver4096BytesAreNeverSent) {
  H h;
  h.connect_ready();
  EXPECT_FALSE(h.s().queue_send(json{{"op", 3}, {"d", std::string(5000, 'x')}}));
  auto config = H::default_config();
  config.token = std::string(5000, 't');
  H big(config);
  big.record(big.s().start(big.now()));
  big.gateway_bot();
  big.open();
  auto out = big.hello();
  EXPECT_TRUE(H::sent(out, 2).empty());
  EXPECT_TRUE(H::has<action::fatal>(out));
  for (const auto& a : H::all_of<action::send>(big.log())) EXPECT_LE(a.text.size(), 4096U);
}

TEST(GatewaySession, StopClosesWith1000AndGoesQuiet) {
  H h;
  h.connect_ready();
  auto out = h.record(h.s().stop());
  EXPECT_EQ(H::first<action::close>(out).code, 1000);
  EXPECT_FALSE(h.s().next_deadline().has_value());
  EXPECT_TRUE(h.closed(1000).empty());
}

TEST(GatewaySession, DispatchesArriveOnceEachInOrder) {
  H h;
  h.connect_ready();
  for (int s = 2; s <= 20; ++s) h.dispatch("INTERACTION_CREATE", s, json{{"n", s}});
  h.dispatch("INTERACTION_CREATE", 10, json{{"n", 10}});  // a stray replay
  auto delivered = H::all_of<action::dispatch>(h.log());
  ASSERT_EQ(delivered.size(), 19U);
  for (std::size_t i = 0; i < delivered.size(); ++i) {
    EXPECT_EQ(delivered[i].d.at("n"), static_cast<int>(i) + 2);
  }
}

TEST(GatewaySession, GarbageFramesAreIgnored) {
  H h;
  h.connect_ready();
  EXPECT_TRUE(h.record(h.s().on_text("not json", h.now())).empty());
  EXPECT_TRUE(h.text(json{{"no_op", 1}}).empty());
  EXPECT_TRUE(h.s().is_ready());
}

}  // namespace
}  // namespace tb::discord
