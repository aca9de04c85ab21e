#include "gateway/gateway_hub.hpp"

#include <algorithm>
#include <cstdio>

#include "gateway/gateway_payloads.hpp"

namespace tb::fake_discord {

using nlohmann::json;

namespace {
constexpr auto identify_window = std::chrono::seconds(5);
constexpr auto session_start_period = std::chrono::hours(24);

std::int64_t ms_until(gateway_hub::clock::time_point t) {
  return std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(t - gateway_hub::clock::now()).count());
}
}  // namespace

gateway_hub::gateway_hub(const server_options& options)
    : options_(options),
      rng_(std::random_device{}()),
      session_start_remaining_(options.session_start_total),
      session_start_reset_(clock::now() + session_start_period) {}

std::uint64_t gateway_hub::open(std::weak_ptr<gateway_link> link, const std::string& target) {
  std::lock_guard lock(mutex_);
  const auto id = next_conn_++;
  connections_[id] = {std::move(link), target, {}};
  ++opened_;
  paths_.push_back(target);
  return id;
}

void gateway_hub::detach(connection& c, bool destroy_session) {
  if (c.session_id.empty()) return;
  const auto it = sessions_.find(c.session_id);
  if (it != sessions_.end()) {
    if (destroy_session) {
      sessions_.erase(it);
    } else {
      it->second.conn = 0;
      it->second.detached_at = clock::now();
    }
  }
  c.session_id.clear();
}

void gateway_hub::closed(std::uint64_t conn, std::optional<int> client_code, bool dropped) {
  std::lock_guard lock(mutex_);
  const auto it = connections_.find(conn);
  if (it == connections_.end()) return;
  if (client_code) ++client_closes_[*client_code];
  if (dropped) ++drops_;
  // Only a client close with 1000 or 1001 ends the session; anything else keeps it resumable.
  const bool destroy = client_code && (*client_code == 1000 || *client_code == 1001);
  detach(it->second, destroy);
  connections_.erase(it);
}

void gateway_hub::server_closing(std::uint64_t conn, int code) {
  std::lock_guard lock(mutex_);
  ++server_closes_[code];
  const auto it = connections_.find(conn);
  if (it != connections_.end()) detach(it->second, server_close_ends_session(code));
}

bool gateway_hub::authenticated(std::uint64_t conn) const {
  std::lock_guard lock(mutex_);
  const auto it = connections_.find(conn);
  return it != connections_.end() && !it->second.session_id.empty();
}

void gateway_hub::heartbeat_received() {
  std::lock_guard lock(mutex_);
  ++heartbeats_;
}

bool gateway_hub::zombie() const {
  std::lock_guard lock(mutex_);
  return zombie_;
}

void gateway_hub::ack_sent() {
  std::lock_guard lock(mutex_);
  ++acks_;
}

std::string gateway_hub::new_session_id() {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng_()),
                static_cast<unsigned long long>(rng_()));
  return buf;
}

std::string gateway_hub::append_dispatch(session& s, const std::string& event, const json& data) {
  const auto seq = ++s.seq;
  auto text = json{{"op", gateway_op::dispatch}, {"d", data}, {"s", seq}, {"t", event}}.dump();
  s.replay.emplace_back(seq, text);
  while (s.replay.size() > options_.replay_buffer) s.replay.pop_front();
  return text;
}

void gateway_hub::expire_sessions() {
  const auto now = clock::now();
  const auto window = std::chrono::milliseconds(options_.resume_window_ms);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.conn == 0 && now - it->second.detached_at > window) it = sessions_.erase(it);
    else ++it;
  }
  if (now >= session_start_reset_) {
    session_start_remaining_ = options_.session_start_total;
    session_start_reset_ = now + session_start_period;
  }
}

identify_result gateway_hub::identify(std::uint64_t conn, std::uint64_t intents) {
  std::lock_guard lock(mutex_);
  expire_sessions();
  identify_result r;
  auto c = connections_.find(conn);
  if (c == connections_.end()) return r;
  if (!c->second.session_id.empty()) {
    r.outcome = identify_result::kind::already_authenticated;
    return r;
  }
  const auto now = clock::now();
  while (!recent_identifies_.empty() && now - recent_identifies_.front() >= identify_window) recent_identifies_.pop_front();
  if (session_start_remaining_ <= 0 || static_cast<std::int64_t>(recent_identifies_.size()) >= options_.max_concurrency) {
    ++invalid_sessions_sent_;
    r.outcome = identify_result::kind::invalid_session;
    r.payloads.push_back(invalid_session_payload(false));
    return r;
  }
  recent_identifies_.push_back(now);
  --session_start_remaining_;
  ++identifies_;
  session s;
  s.id = new_session_id();
  s.conn = conn;
  s.created = next_session_order_++;
  r.payloads.push_back(append_dispatch(s, "READY", ready_data(options_, port_, s.id)));
  if ((intents & guilds_intent) != 0)
    for (const auto& g : options_.guilds) r.payloads.push_back(append_dispatch(s, "GUILD_CREATE", guild_create_data(options_, g)));
  c->second.session_id = s.id;
  const auto id = s.id;
  sessions_[id] = std::move(s);
  return r;
}

resume_result gateway_hub::resume(std::uint64_t conn, const std::string& session_id, std::int64_t seq,
                                  bool on_resume_path, const std::string& target) {
  std::lock_guard lock(mutex_);
  expire_sessions();
  resume_result r;
  auto c = connections_.find(conn);
  if (c == connections_.end()) return r;
  if (!c->second.session_id.empty()) {
    r.outcome = resume_result::kind::already_authenticated;
    return r;
  }
  ++resumes_;
  if (on_resume_path) ++resumes_on_resume_url_;
  json log{{"session_id", session_id}, {"seq", seq}, {"path", target}, {"on_resume_url", on_resume_path}};
  const auto invalid = [&](const char* why) {
    ++invalid_sessions_sent_;
    log["outcome"] = why;
    resume_log_.push_back(log);
    r.outcome = resume_result::kind::invalid_session;
    r.payloads.push_back(invalid_session_payload(false));
    return r;
  };
  auto s = sessions_.find(session_id);
  if (refuse_resume_count_ > 0) {
    --refuse_resume_count_;
    if (s != sessions_.end()) sessions_.erase(s);
    return invalid("refused");
  }
  if (s == sessions_.end()) return invalid("unknown_session");
  if (seq > s->second.seq) {
    sessions_.erase(s);
    log["outcome"] = "invalid_seq";
    resume_log_.push_back(log);
    r.outcome = resume_result::kind::invalid_seq;
    return r;
  }
  auto& sess = s->second;
  if (seq < sess.seq && (sess.replay.empty() || sess.replay.front().first > seq + 1)) {
    sessions_.erase(s);
    return invalid("replay_gone");
  }
  // A session can live on one connection only: the old one is closed (resumably).
  if (sess.conn != 0 && sess.conn != conn) {
    if (const auto old = connections_.find(sess.conn); old != connections_.end()) {
      old->second.session_id.clear();
      if (const auto link = old->second.link.lock()) link->close_with(close_code::unknown_error);
    }
  }
  for (const auto& [s_num, text] : sess.replay)
    if (s_num > seq) r.payloads.push_back(text);
  sess.conn = conn;
  c->second.session_id = sess.id;
  r.payloads.push_back(append_dispatch(sess, "RESUMED", {{"_trace", {"fake-discord"}}}));
  ++resumed_ok_;
  log["outcome"] = "resumed";
  log["replayed"] = static_cast<std::int64_t>(r.payloads.size()) - 1;
  resume_log_.push_back(log);
  return r;
}

std::optional<std::int64_t> gateway_hub::dispatch_current(const std::string& event, const json& data) {
  std::lock_guard lock(mutex_);
  expire_sessions();
  session* newest = nullptr;
  for (auto& [id, s] : sessions_)
    if (newest == nullptr || s.created > newest->created) newest = &s;
  if (newest == nullptr) return std::nullopt;
  auto text = append_dispatch(*newest, event, data);
  if (newest->conn != 0)
    if (const auto c = connections_.find(newest->conn); c != connections_.end())
      if (const auto link = c->second.link.lock()) link->send_text(std::move(text));
  return newest->seq;
}

int gateway_hub::drop_all() {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (auto& [id, c] : connections_)
    if (const auto link = c.link.lock()) {
      link->drop();
      ++n;
    }
  return n;
}

int gateway_hub::reconnect_all() {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (auto& [id, c] : connections_)
    if (const auto link = c.link.lock()) {
      link->send_text(reconnect_payload());
      ++n;
    }
  return n;
}

int gateway_hub::invalid_session_all(bool resumable) {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (auto& [id, c] : connections_)
    if (const auto link = c.link.lock()) {
      link->send_text(invalid_session_payload(resumable));
      ++invalid_sessions_sent_;
      detach(c, !resumable);  // the socket must identify or resume again
      ++n;
    }
  return n;
}

int gateway_hub::close_all(int code) {
  std::vector<std::shared_ptr<gateway_link>> links;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, c] : connections_)
      if (auto link = c.link.lock()) links.push_back(std::move(link));
  }
  // close_with reports back through server_closing, which takes the lock.
  for (const auto& link : links) link->close_with(code);
  return static_cast<int>(links.size());
}

void gateway_hub::set_zombie(bool on) {
  std::lock_guard lock(mutex_);
  zombie_ = on;
}

void gateway_hub::refuse_resumes(std::int64_t count) {
  std::lock_guard lock(mutex_);
  refuse_resume_count_ = count;
}

json gateway_hub::session_start_limit() const {
  std::lock_guard lock(mutex_);
  return {{"total", options_.session_start_total},
          {"remaining", std::max<std::int64_t>(0, session_start_remaining_)},
          {"reset_after", ms_until(session_start_reset_)},
          {"max_concurrency", options_.max_concurrency}};
}

json gateway_hub::stats() const {
  const auto limit = session_start_limit();
  std::lock_guard lock(mutex_);
  json closes = json::object();
  for (const auto& [code, n] : server_closes_) closes[std::to_string(code)] = n;
  json client_closes = json::object();
  for (const auto& [code, n] : client_closes_) client_closes[std::to_string(code)] = n;
  auto sessions = json::array();
  const auto now = clock::now();
  for (const auto& [id, s] : sessions_) {
    const bool expired = s.conn == 0 && now - s.detached_at > std::chrono::milliseconds(options_.resume_window_ms);
    if (!expired) sessions.push_back({{"session_id", id}, {"seq", s.seq}, {"connected", s.conn != 0}});
  }
  std::int64_t connected = 0;
  for (const auto& [id, c] : connections_) connected += c.link.expired() ? 0 : 1;
  return {{"connections_opened", opened_},
          {"connected", connected},
          {"identifies", identifies_},
          {"resumes", resumes_},
          {"resumes_on_resume_url", resumes_on_resume_url_},
          {"resumed_ok", resumed_ok_},
          {"invalid_sessions_sent", invalid_sessions_sent_},
          {"heartbeats", heartbeats_},
          {"acks", acks_},
          {"drops", drops_},
          {"closes_by_code", closes},
          {"client_closes_by_code", client_closes},
          {"zombie", zombie_},
          {"session_start_limit", limit},
          {"paths", paths_},
          {"resume_log", resume_log_},
          {"sessions", sessions}};
}

}  // namespace tb::fake_discord
