// The Discord gateway protocol as a pure state machine: no sockets, no clock, no randomness of
// its own. The transport (gateway_client) feeds it what happened (a connection opened, a text
// frame, the time, a close) and carries out the actions it returns (send, close, open a
// connection, fetch /gateway/bot, deliver an event). Everything time-dependent is driven by
// tick(now) at next_deadline(), so tests run it on an invented clock.
//
// Policy (docs/reference discord.md §5, modelled on @discordjs/ws):
// - heartbeat: first after interval × jitter, then every interval, `d` = the highest seq seen;
//   a server op 1 is answered at once; a heartbeat due while the previous one is unacknowledged
//   means a zombie: close with 4200 (never 1000/1001) and resume on resume_gateway_url.
// - op 7: close 4200 and resume. op 9 true: resume on the same socket; op 9 false: clear the
//   session, wait 1–5 s, identify again.
// - close codes: 4004, 4010-4014 are fatal; 4003, 4005, 4007, 4009 and 1000 need a new session;
//   4008 backs off harder, then resumes; anything else (or a drop without a close frame)
//   resumes. A resume the server never answers three times over falls back to identify.
// - no HELLO within hello_timeout, no READY/RESUMED within ready_timeout: reconnect.
// - reconnect delays follow net::backoff_delay, growing with consecutive failures and reset by
//   READY/RESUMED. Identifies are spaced by identify_spacing plus jitter, and never sent while
//   /gateway/bot reports session_start_limit.remaining == 0 (wait reset_after, alert).
// - each dispatch is delivered once: a replayed one with s <= the highest seq seen is dropped.
// - queued (non-critical) sends are capped per window; heartbeat, identify and resume bypass.
//   Nothing over 4096 bytes is ever sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "gateway/gateway_protocol.hpp"
#include "plugin_net/backoff.hpp"

namespace tb::discord {

using millis = std::chrono::milliseconds;


struct session_config {
  std::string token;  // without "Bot "
  std::uint32_t intents = 0;
  identify_properties properties;
  net::backoff_policy backoff{millis(1000), millis(60'000)};
  millis identify_spacing{5000};
  millis identify_jitter{1500};  // up to this much on top of the spacing
  millis connect_timeout{30'000};  // TCP + TLS + websocket handshake
  millis hello_timeout{60'000};
  millis ready_timeout{15'000};
  millis invalid_session_min{1000};  // op 9 false: wait uniformly in [min, max]
  millis invalid_session_max{5000};
  millis gateway_bot_retry_cap{60'000};
  std::size_t send_limit = 115;  // queued sends per send_window per connection
  millis send_window{60'000};
  unsigned max_resume_attempts = 3;  // unanswered resumes before a fresh identify
};

namespace action {
struct send {  // a text frame on the open connection
  std::string text;
};
struct close {  // close the open connection with `code`; it is detached from the session
  std::uint16_t code;
  std::string reason;
};
struct open {  // open a connection to gateway_connect_url(url): the gateway or the resume URL
  std::string url;
  bool resume;
};
struct fetch_gateway_bot {};  // GET /gateway/bot, then on_gateway_bot / on_gateway_bot_failed
struct ready {
  nlohmann::json d;
};
struct dispatch {
  std::string name;
  nlohmann::json d;
};
struct reconnect {  // for logs and stats: the open connection ended, next attempt after delay
  std::string reason;  // a short key ("zombie", "close_4000", ...), as in the stats
  std::string detail;  // for the log line
  millis delay;
  bool resume;
};
struct alert {  // not fatal, but a human should know (identify budget exhausted)
  std::string key;
  std::string text;
};
struct fatal {
  std::string reason;
};
}  // namespace action

using gateway_action =
    std::variant<action::send, action::close, action::open, action::fetch_gateway_bot,
                 action::ready, action::dispatch, action::reconnect, action::alert,
                 action::fatal>;
using actions = std::vector<gateway_action>;

struct session_stats {
  std::uint64_t connects = 0;  // connections opened
  std::uint64_t identifies = 0;
  std::uint64_t resumes = 0;     // RESUME sent
  std::uint64_t resumed_ok = 0;  // RESUMED received
  std::uint64_t zombies_detected = 0;
  std::uint64_t heartbeats_sent = 0;
  std::uint64_t heartbeat_acks = 0;
  std::uint64_t dispatches_delivered = 0;
  std::uint64_t replays_dropped = 0;  // dispatches with s <= the highest seq seen
  std::map<std::string, std::uint64_t> reconnects_by_reason;
  std::optional<std::int64_t> last_heartbeat_ack_latency_ms;
  std::string fatal_reason;  // empty unless fatal
};

class gateway_session {
 public:
  enum class phase {
    idle,            // before start()
    waiting,         // before the next connection attempt (backoff, identify spacing)
    fetching,        // waiting for /gateway/bot
    blocked,         // session_start_limit.remaining was 0: waiting for reset_after
    connecting,      // open emitted, waiting for on_open
    awaiting_hello,  // connection open
    identify_slot,   // HELLO received, waiting for the identify spacing
    authenticating,  // IDENTIFY or RESUME sent, waiting for READY or RESUMED
    ready,
    fatal,
    stopped,
  };

  // `random01` returns uniform values in [0, 1): heartbeat jitter, identify jitter, the
  // op 9 wait and the backoff draw.
  gateway_session(session_config config, std::function<double()> random01);

  actions start(millis now);
  // A deliberate shutdown: closes with 1000 (the session ends) and stops for good.
  actions stop();

  // The connection asked for by the last action::open completed its handshake.
  actions on_open(millis now);
  actions on_text(const std::string& text, millis now);
  // The open connection ended: the server's close code, or none (a drop, or the attempt to
  // connect failed). `why` is for logs.
  actions on_closed(std::optional<std::uint16_t> code, const std::string& why, millis now);
  actions on_gateway_bot(const nlohmann::json& body, millis now);
  actions on_gateway_bot_failed(const std::string& why, millis now);
  // GET /gateway/bot refused the token (401): fatal, like close code 4004.
  actions on_gateway_bot_refused(const std::string& why);
  // The time of the next tick the session needs, if any.
  std::optional<millis> next_deadline() const;
  actions tick(millis now);

  // A non-critical payload (op 3 presence, ...): sent once ready, under the send cap.
  // Refused (false) when over 4096 bytes.
  bool queue_send(const nlohmann::json& payload);

  phase current_phase() const noexcept { return phase_; }
  bool is_ready() const noexcept { return phase_ == phase::ready; }
  bool has_session() const noexcept { return !session_id_.empty(); }
  const std::string& session_id() const noexcept { return session_id_; }
  const std::string& resume_url() const noexcept { return resume_url_; }
  std::int64_t last_seq() const noexcept { return last_seq_; }
  std::optional<millis> heartbeat_interval() const noexcept { return heartbeat_interval_; }
  const session_stats& stats() const noexcept { return stats_; }

 private:
  void handle_hello(const nlohmann::json& d, millis now, actions& out);
  void handle_dispatch(const nlohmann::json& frame, millis now, actions& out);
  void handle_invalid_session(bool resumable, millis now, actions& out);
  void send_heartbeat(millis now, actions& out);
  void send_identify(millis now, actions& out);
  void send_resume(millis now, actions& out);
  void drain_queue(millis now, actions& out);
  void emit_send(const nlohmann::json& payload, actions& out);
  // Ends the open connection (closing it with `code` when set) and plans the next one.
  void reconnect(std::optional<std::uint16_t> code, const std::string& reason,
                 const std::string& detail, bool resume, millis now, actions& out,
                 std::optional<millis> delay = std::nullopt);
  void begin_attempt(millis now, actions& out);
  void go_fatal(const std::string& reason, actions& out);
  void clear_session();
  void reset_connection();
  bool connected() const noexcept;
  millis jitter(millis max);

  session_config config_;
  std::function<double()> random01_;
  phase phase_ = phase::idle;

  // Session (survives reconnects).
  std::string session_id_;
  std::string resume_url_;
  std::int64_t last_seq_ = 0;
  // From /gateway/bot.
  std::string gateway_url_;
  std::optional<std::int64_t> identify_remaining_;

  // The plan for the next connection.
  bool plan_resume_ = false;
  millis attempt_at_{0};
  millis identify_not_before_{0};
  unsigned failures_ = 0;  // consecutive, reset by READY/RESUMED
  unsigned gateway_bot_failures_ = 0;
  unsigned resume_attempts_ = 0;

  // Per connection.
  millis phase_deadline_{0};  // connecting/awaiting_hello/identify_slot/authenticating/...
  std::optional<millis> heartbeat_interval_;
  millis next_heartbeat_at_{0};
  bool awaiting_ack_ = false;
  millis heartbeat_sent_at_{0};
  bool authenticating_resume_ = false;
  std::deque<std::string> queue_;
  millis window_start_{0};
  std::size_t window_count_ = 0;

  session_stats stats_;
};

}  // namespace tb::discord
