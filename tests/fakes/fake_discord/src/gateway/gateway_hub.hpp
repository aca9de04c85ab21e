#pragma once
// Gateway sessions and the connections carrying them: identify and resume bookkeeping,
// sequence numbers and replay buffers, the session start limit, test controls and counters.
// Thread-safe; connections talk to it from their own strands and it reaches them back only
// through gateway_link (which posts), so no lock is held while connection code runs.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/server_options.hpp"

namespace tb::fake_discord {

// The hub's handle on one websocket connection; every call only queues work on its strand.
class gateway_link {
 public:
  virtual ~gateway_link() = default;
  virtual void send_text(std::string text) = 0;
  virtual void close_with(int code) = 0;
  virtual void drop() = 0;  // TCP close with no close frame
};

struct identify_result {
  enum class kind { ready, already_authenticated, invalid_session } outcome = kind::ready;
  std::vector<std::string> payloads;  // READY (and GUILD_CREATEs), or op 9
};

struct resume_result {
  enum class kind { resumed, invalid_session, invalid_seq, already_authenticated } outcome = kind::resumed;
  std::vector<std::string> payloads;  // replayed dispatches then RESUMED, or op 9
};

class gateway_hub {
 public:
  using clock = std::chrono::steady_clock;

  explicit gateway_hub(const server_options& options);
  void set_port(std::uint16_t port) { port_ = port; }

  // Connection lifecycle.
  std::uint64_t open(std::weak_ptr<gateway_link> link, const std::string& target);
  // `client_code`: the close code the client sent, when it started the close.
  void closed(std::uint64_t conn, std::optional<int> client_code, bool dropped);
  void server_closing(std::uint64_t conn, int code);
  bool authenticated(std::uint64_t conn) const;

  void heartbeat_received();
  bool zombie() const;
  void ack_sent();

  identify_result identify(std::uint64_t conn, std::uint64_t intents);
  resume_result resume(std::uint64_t conn, const std::string& session_id, std::int64_t seq, bool on_resume_path,
                       const std::string& target);

  // A dispatch on the newest live or resumable session (buffered when it is disconnected);
  // the sequence number, or empty when there is no such session.
  std::optional<std::int64_t> dispatch_current(const std::string& event, const nlohmann::json& data);

  // Test controls; each answers how many connections it touched.
  int drop_all();
  int reconnect_all();
  int invalid_session_all(bool resumable);
  int close_all(int code);
  void set_zombie(bool on);
  void refuse_resumes(std::int64_t count);

  nlohmann::json stats() const;
  nlohmann::json session_start_limit() const;

 private:
  struct session {
    std::string id;
    std::uint64_t conn = 0;  // 0: disconnected
    std::int64_t seq = 0;
    std::deque<std::pair<std::int64_t, std::string>> replay;
    clock::time_point detached_at{};
    std::uint64_t created = 0;  // creation order
  };
  struct connection {
    std::weak_ptr<gateway_link> link;
    std::string target;
    std::string session_id;  // empty: not identified or resumed
  };

  void expire_sessions();
  void detach(connection& c, bool destroy_session);
  std::string append_dispatch(session& s, const std::string& event, const nlohmann::json& data);
  std::string new_session_id();

  const server_options options_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::mt19937_64 rng_;
  std::map<std::uint64_t, connection> connections_;
  std::map<std::string, session> sessions_;
  std::deque<clock::time_point> recent_identifies_;
  std::uint64_t next_conn_ = 1;
  std::uint64_t next_session_order_ = 1;
  bool zombie_ = false;
  std::int64_t refuse_resume_count_ = 0;
  std::int64_t session_start_remaining_;
  clock::time_point session_start_reset_;

  // Counters for /_control/gateway.
  std::int64_t opened_ = 0;
  std::int64_t identifies_ = 0;
  std::int64_t resumes_ = 0;
  std::int64_t resumes_on_resume_url_ = 0;
  std::int64_t resumed_ok_ = 0;
  std::int64_t invalid_sessions_sent_ = 0;
  std::int64_t heartbeats_ = 0;
  std::int64_t acks_ = 0;
  std::int64_t drops_ = 0;
  std::map<int, std::int64_t> server_closes_;
  std::map<int, std::int64_t> client_closes_;
  std::vector<std::string> paths_;
  nlohmann::json resume_log_ = nlohmann::json::array();
};

}  // namespace tb::fake_discord
