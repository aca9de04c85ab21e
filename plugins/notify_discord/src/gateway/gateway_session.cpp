#include "gateway/gateway_session.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tb::discord {

gateway_session::gateway_session(session_config config, std::function<double()> random01)
    : config_(std::move(config)), random01_(std::move(random01)) {}

millis gateway_session::jitter(millis max) {
  const double u = std::clamp(random01_(), 0.0, 1.0);
  return millis(static_cast<std::int64_t>(std::floor(static_cast<double>(max.count()) * u)));
}

bool gateway_session::connected() const noexcept {
  return phase_ == phase::connecting || phase_ == phase::awaiting_hello ||
         phase_ == phase::identify_slot || phase_ == phase::authenticating ||
         phase_ == phase::ready;
}

void gateway_session::clear_session() {
  session_id_.clear();
  resume_url_.clear();
  last_seq_ = 0;
  resume_attempts_ = 0;
}

void gateway_session::reset_connection() {
  heartbeat_interval_.reset();
  awaiting_ack_ = false;
  authenticating_resume_ = false;
  window_count_ = 0;
  window_start_ = millis(0);
}

actions gateway_session::start(millis now) {
  actions out;
  if (phase_ != phase::idle) return out;
  plan_resume_ = false;
  attempt_at_ = now;
  begin_attempt(now, out);
  return out;
}

actions gateway_session::stop() {
  actions out;
  if (connected()) out.emplace_back(action::close{close_normal, "shutting down"});
  reset_connection();
  clear_session();
  queue_.clear();
  if (phase_ != phase::fatal) phase_ = phase::stopped;
  return out;
}

void gateway_session::begin_attempt(millis now, actions& out) {
  if (plan_resume_ && has_session()) {
    out.emplace_back(action::open{resume_url_, true});
    phase_ = phase::connecting;
    phase_deadline_ = now + config_.connect_timeout;
    return;
  }
  plan_resume_ = false;
  phase_ = phase::fetching;
  out.emplace_back(action::fetch_gateway_bot{});
}

actions gateway_session::on_gateway_bot(const nlohmann::json& body, millis now) {
  actions out;
  if (phase_ != phase::fetching) return out;
  const auto url = body.is_object() ? body.find("url") : body.end();
  if (url == body.end() || !url->is_string() || url->get<std::string>().empty()) {
    return on_gateway_bot_failed("/gateway/bot answered without a url", now);
  }
  gateway_url_ = url->get<std::string>();
  gateway_bot_failures_ = 0;
  identify_remaining_.reset();
  std::int64_t reset_after = 0;
  if (auto limit = body.find("session_start_limit");
      limit != body.end() && limit->is_object()) {
    if (auto it = limit->find("remaining"); it != limit->end() && it->is_number_integer()) {
      identify_remaining_ = it->get<std::int64_t>();
    }
    if (auto it = limit->find("reset_after"); it != limit->end() && it->is_number()) {
      reset_after = it->get<std::int64_t>();
    }
  }
  if (identify_remaining_ && *identify_remaining_ <= 0) {
    const millis wait(std::max<std::int64_t>(reset_after, 1000));
    phase_ = phase::blocked;
    phase_deadline_ = now + wait;
    out.emplace_back(action::alert{
        "gateway_identify_limit",
        "the Discord session start limit is used up (session_start_limit.remaining is 0); "
        "not identifying for " + std::to_string(wait.count() / 1000) +
            " s until it resets. Another process may be identifying with this bot token."});
    return out;
  }
  out.emplace_back(action::open{gateway_url_, false});
  phase_ = phase::connecting;
  phase_deadline_ = now + config_.connect_timeout;
  return out;
}

actions gateway_session::on_gateway_bot_failed(const std::string& why, millis now) {
  actions out;
  if (phase_ != phase::fetching) return out;
  const net::backoff_policy policy{config_.backoff.base, config_.gateway_bot_retry_cap};
  const millis delay = net::backoff_delay(policy, gateway_bot_failures_++,
                                          static_cast<std::uint64_t>(jitter(millis(1 << 30)).count()));
  attempt_at_ = now + delay;
  phase_ = phase::waiting;
  stats_.reconnects_by_reason["gateway_bot_failed"]++;
  out.emplace_back(action::reconnect{"gateway_bot_failed", "GET /gateway/bot failed: " + why,
                                     delay, false});
  return out;
}

actions gateway_session::on_gateway_bot_refused(const std::string& why) {
  actions out;
  if (phase_ != phase::fetching) return out;
  go_fatal(why, out);
  return out;
}

actions gateway_session::on_open(millis now) {
  actions out;
  if (phase_ != phase::connecting) return out;
  reset_connection();
  stats_.connects++;
  phase_ = phase::awaiting_hello;
  phase_deadline_ = now + config_.hello_timeout;
  return out;
}

actions gateway_session::on_text(const std::string& text, millis now) {
  actions out;
  if (!connected() || phase_ == phase::connecting) return out;
  nlohmann::json frame = nlohmann::json::parse(text, nullptr, false);
  if (!frame.is_object()) return out;  // not ours to judge; the server keeps talking
  const auto op_it = frame.find("op");
  if (op_it == frame.end() || !op_it->is_number_integer()) return out;
  static const nlohmann::json null_json;
  const auto d_it = frame.find("d");
  const nlohmann::json& d = d_it != frame.end() ? *d_it : null_json;
  switch (op_it->get<int>()) {
    case op_hello:
      handle_hello(d, now, out);
      break;
    case op_heartbeat_ack:
      if (awaiting_ack_) {
        stats_.last_heartbeat_ack_latency_ms = (now - heartbeat_sent_at_).count();
      }
      awaiting_ack_ = false;
      stats_.heartbeat_acks++;
      break;
    case op_heartbeat:
      send_heartbeat(now, out);
      break;
    case op_dispatch:
      handle_dispatch(frame, now, out);
      break;
    case op_reconnect:
      reconnect(close_resume, "reconnect_requested", "the gateway asked us to reconnect (op 7)",
                true, now, out);
      break;
    case op_invalid_session:
      handle_invalid_session(d.is_boolean() && d.get<bool>(), now, out);
      break;
    default:
      break;
  }
  return out;
}

void gateway_session::handle_hello(const nlohmann::json& d, millis now, actions& out) {
  if (phase_ != phase::awaiting_hello) return;
  const auto interval = d.is_object() ? d.find("heartbeat_interval") : d.end();
  if (interval == d.end() || !interval->is_number() || interval->get<double>() <= 0) {
    reconnect(close_resume, "bad_hello", "HELLO without a heartbeat_interval", plan_resume_, now,
              out);
    return;
  }
  heartbeat_interval_ = millis(static_cast<std::int64_t>(interval->get<double>()));
  next_heartbeat_at_ = now + jitter(*heartbeat_interval_);
  awaiting_ack_ = false;
  if (plan_resume_ && has_session()) {
    send_resume(now, out);
  } else if (now < identify_not_before_) {
    phase_ = phase::identify_slot;
    phase_deadline_ = identify_not_before_;
  } else {
    send_identify(now, out);
  }
}

void gateway_session::send_identify(millis now, actions& out) {
  clear_session();
  const nlohmann::json payload = identify_payload(config_.token, config_.intents, config_.properties);
  if (payload.dump().size() > max_payload_bytes) {
    go_fatal("the IDENTIFY payload would exceed 4096 bytes: the configured token is too long",
             out);
    return;
  }
  emit_send(payload, out);
  stats_.identifies++;
  identify_not_before_ = now + config_.identify_spacing + jitter(config_.identify_jitter);
  if (identify_remaining_ && *identify_remaining_ > 0) --*identify_remaining_;
  phase_ = phase::authenticating;
  authenticating_resume_ = false;
  phase_deadline_ = now + config_.ready_timeout;
}

void gateway_session::send_resume(millis now, actions& out) {
  const nlohmann::json payload = resume_payload(config_.token, session_id_, last_seq_);
  emit_send(payload, out);
  stats_.resumes++;
  resume_attempts_++;
  phase_ = phase::authenticating;
  authenticating_resume_ = true;
  phase_deadline_ = now + config_.ready_timeout;
}

void gateway_session::send_heartbeat(millis now, actions& out) {
  emit_send(heartbeat_payload(last_seq_ > 0 ? std::optional<std::int64_t>(last_seq_) : std::nullopt),
            out);
  stats_.heartbeats_sent++;
  awaiting_ack_ = true;
  heartbeat_sent_at_ = now;
}

void gateway_session::emit_send(const nlohmann::json& payload, actions& out) {
  std::string text = payload.dump();
  if (text.size() > max_payload_bytes) return;
  out.emplace_back(action::send{std::move(text)});
}

void gateway_session::handle_dispatch(const nlohmann::json& frame, millis now, actions& out) {
  const auto s_it = frame.find("s");
  const std::optional<std::int64_t> seq =
      s_it != frame.end() && s_it->is_number_integer()
          ? std::optional<std::int64_t>(s_it->get<std::int64_t>())
          : std::nullopt;
  const auto t_it = frame.find("t");
  const std::string name = t_it != frame.end() && t_it->is_string() ? t_it->get<std::string>() : "";
  static const nlohmann::json empty_object = nlohmann::json::object();
  const auto d_it = frame.find("d");
  const nlohmann::json& d = d_it != frame.end() ? *d_it : empty_object;

  if (name == "READY") {
    session_id_ = d.value("session_id", std::string());
    resume_url_ = d.value("resume_gateway_url", gateway_url_);
    last_seq_ = seq.value_or(0);
    phase_ = phase::ready;
    failures_ = 0;
    resume_attempts_ = 0;
    out.emplace_back(action::ready{d});
    drain_queue(now, out);
    return;
  }
  if (name == "RESUMED") {
    if (seq && *seq > last_seq_) last_seq_ = *seq;
    phase_ = phase::ready;
    failures_ = 0;
    resume_attempts_ = 0;
    stats_.resumed_ok++;
    drain_queue(now, out);
    return;
  }
  if (seq) {
    if (*seq <= last_seq_) {
      stats_.replays_dropped++;
      return;
    }
    last_seq_ = *seq;
  }
  stats_.dispatches_delivered++;
  out.emplace_back(action::dispatch{name, d});
}

void gateway_session::handle_invalid_session(bool resumable, millis now, actions& out) {
  if (resumable && has_session() && resume_attempts_ < config_.max_resume_attempts) {
    send_resume(now, out);  // on the same socket, as @discordjs/ws does
    return;
  }
  clear_session();
  const millis span = std::max(millis(0), config_.invalid_session_max - config_.invalid_session_min);
  reconnect(close_normal, "invalid_session",
            "the gateway invalidated the session (op 9); identifying again", false, now, out,
            config_.invalid_session_min + jitter(span));
}

void gateway_session::reconnect(std::optional<std::uint16_t> code, const std::string& reason,
                                const std::string& detail, bool resume, millis now,
                                actions& out, std::optional<millis> delay) {
  if (code) out.emplace_back(action::close{*code, reason});
  reset_connection();
  if (resume && resume_attempts_ >= config_.max_resume_attempts) clear_session();
  plan_resume_ = resume && has_session();
  const millis wait =
      delay ? *delay
            : net::backoff_delay(config_.backoff, failures_,
                                 static_cast<std::uint64_t>(jitter(millis(1 << 30)).count()));
  failures_++;
  attempt_at_ = now + wait;
  if (!plan_resume_ && identify_not_before_ > attempt_at_) attempt_at_ = identify_not_before_;
  phase_ = phase::waiting;
  stats_.reconnects_by_reason[reason]++;
  out.emplace_back(action::reconnect{reason, detail, attempt_at_ - now, plan_resume_});
}

actions gateway_session::on_closed(std::optional<std::uint16_t> code, const std::string& why,
                                   millis now) {
  actions out;
  if (!connected()) return out;
  if (phase_ == phase::connecting) {
    reconnect(std::nullopt, "connect_failed", why, plan_resume_, now, out);
    return out;
  }
  if (!code) {
    reconnect(std::nullopt, "connection_lost", why, true, now, out);
    return out;
  }
  const std::string reason = "close_" + std::to_string(*code);
  if (std::string fatal = fatal_close_reason(*code); !fatal.empty()) {
    go_fatal(fatal, out);
    return out;
  }
  if (close_needs_new_session(*code)) {
    clear_session();
    reconnect(std::nullopt, reason, "the gateway closed with " + std::to_string(*code) +
                                        "; starting a new session", false, now, out);
    return out;
  }
  if (*code == 4008) failures_ += 2;  // we were rate limited: wait longer than usual
  reconnect(std::nullopt, reason, "the gateway closed with " + std::to_string(*code) + " (" + why + ")",
            true, now, out);
  return out;
}

void gateway_session::go_fatal(const std::string& reason, actions& out) {
  reset_connection();
  clear_session();
  queue_.clear();
  phase_ = phase::fatal;
  stats_.fatal_reason = reason;
  out.emplace_back(action::fatal{reason});
}

std::optional<millis> gateway_session::next_deadline() const {
  std::optional<millis> next;
  auto consider = [&](millis t) {
    if (!next || t < *next) next = t;
  };
  switch (phase_) {
    case phase::waiting:
      consider(attempt_at_);
      break;
    case phase::blocked:
    case phase::connecting:
    case phase::awaiting_hello:
    case phase::identify_slot:
    case phase::authenticating:
      consider(phase_deadline_);
      break;
    case phase::ready:
      if (!queue_.empty() && window_count_ >= config_.send_limit) {
        consider(window_start_ + config_.send_window);
      }
      break;
    default:
      break;
  }
  if (heartbeat_interval_ && connected()) consider(next_heartbeat_at_);
  return next;
}

actions gateway_session::tick(millis now) {
  actions out;
  if (heartbeat_interval_ && connected() && now >= next_heartbeat_at_) {
    if (awaiting_ack_) {
      stats_.zombies_detected++;
      reconnect(close_resume, "zombie",
                "no heartbeat ACK within " + std::to_string(heartbeat_interval_->count()) +
                    " ms: zombie connection",
                true, now, out);
      return out;
    }
    send_heartbeat(now, out);
    next_heartbeat_at_ += *heartbeat_interval_;
    if (next_heartbeat_at_ <= now) next_heartbeat_at_ = now + *heartbeat_interval_;
  }
  switch (phase_) {
    case phase::waiting:
      if (now >= attempt_at_) begin_attempt(now, out);
      break;
    case phase::blocked:
      if (now >= phase_deadline_) {
        phase_ = phase::fetching;
        out.emplace_back(action::fetch_gateway_bot{});
      }
      break;
    case phase::connecting:
      if (now >= phase_deadline_) {
        reconnect(close_resume, "connect_timeout", "the connection did not open in time",
                  plan_resume_, now, out);
      }
      break;
    case phase::awaiting_hello:
      if (now >= phase_deadline_) {
        reconnect(close_resume, "hello_timeout", "no HELLO in time", plan_resume_, now, out);
      }
      break;
    case phase::identify_slot:
      if (now >= phase_deadline_) send_identify(now, out);
      break;
    case phase::authenticating:
      if (now >= phase_deadline_) {
        const bool resuming = authenticating_resume_;
        reconnect(close_resume, "ready_timeout",
                  resuming ? "no RESUMED in time" : "no READY in time", resuming, now, out);
      }
      break;
    case phase::ready:
      drain_queue(now, out);
      break;
    default:
      break;
  }
  return out;
}

bool gateway_session::queue_send(const nlohmann::json& payload) {
  std::string text = payload.dump();
  if (text.size() > max_payload_bytes) return false;
  if (phase_ == phase::fatal || phase_ == phase::stopped) return false;
  queue_.push_back(std::move(text));
  return true;
}

void gateway_session::drain_queue(millis now, actions& out) {
  if (phase_ != phase::ready || queue_.empty()) return;
  if (window_count_ == 0 || now >= window_start_ + config_.send_window) {
    window_start_ = now;
    window_count_ = 0;
  }
  while (!queue_.empty() && window_count_ < config_.send_limit) {
    out.emplace_back(action::send{std::move(queue_.front())});
    queue_.pop_front();
    window_count_++;
  }
}

}  // namespace tb::discord
