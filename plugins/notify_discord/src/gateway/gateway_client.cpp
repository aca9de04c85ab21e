#include "gateway/gateway_client.hpp"

#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "gateway/gateway_session.hpp"
#include "gateway/gateway_socket.hpp"
#include "plugin_net/base_url.hpp"
#include "plugin_net/endpoint.hpp"

namespace tb::discord {
namespace {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

millis now_ms() {
  return std::chrono::duration_cast<millis>(steady::now().time_since_epoch());
}

constexpr const char* log_prefix = "notify_discord: gateway: ";

}  // namespace

struct gateway_client::impl {
  impl(sdk::host h, gateway_options o, gateway_events e)
      : host(h), options(std::move(o)), events(std::move(e)),
        rng(std::random_device{}()),
        session(static_cast<const session_config&>(options), [this] {
          return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
        }) {}

  // ---- Everything below runs on the gateway thread.
  void apply(actions list) {
    for (auto& item : list) std::visit([this](auto& a) { carry_out(a); }, item);
    publish();
    arm_timer();
  }

  void carry_out(action::send& a) {
    if (current && a.text.size() <= max_payload_bytes) current->send(std::move(a.text));
  }

  void carry_out(action::close& a) {
    if (!current) return;
    current->close(a.code, options.close_timeout);
    current.reset();
    connected = false;
  }

  void carry_out(action::open& a) {
    if (current) {
      current->abort();
      current.reset();
    }
    const std::string url = gateway_connect_url(a.url);
    if (auto problem = net::base_url_problem(a.url, {"ws", "wss"}); !problem.empty()) {
      // Reported like a failed connection, so the session backs off and decides again.
      const std::string why = "the gateway URL " + a.url + " is unusable: " + std::string(problem);
      asio::post(ioc, [this, why] { apply(session.on_closed(std::nullopt, why, now_ms())); });
      return;
    }
    const net::endpoint where = net::parse_endpoint(a.url);
    host.info(std::string(log_prefix) + "connecting to " + url +
              (a.resume ? " to resume" : " to identify"));
    if (!tls) {  // built once; plain ws:// sockets ignore it
      tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
      tls->set_default_verify_paths();
      tls->set_verify_mode(asio::ssl::verify_peer);
    }
    gateway_socket::callbacks callbacks;
    callbacks.on_open = [this] {
      connected = true;
      apply(session.on_open(now_ms()));
    };
    callbacks.on_text = [this](const std::string& text) { apply(session.on_text(text, now_ms())); };
    callbacks.on_closed = [this](std::optional<std::uint16_t> code, const std::string& why) {
      current.reset();
      connected = false;
      apply(session.on_closed(code, why, now_ms()));
    };
    current = make_gateway_socket(ioc, *tls, where.tls, std::move(callbacks));
    current->open(where, (where.prefix.empty() ? "/" : where.prefix) + "?v=10&encoding=json");
  }

  void carry_out(action::fetch_gateway_bot&) {
    asio::post(ioc, [this] { fetch(); });
  }

  void carry_out(action::ready& a) {
    host.info(std::string(log_prefix) + "READY: session established");
    host.resolve_alert("gateway_identify_limit");
    if (!events.on_ready) return;
    try {
      events.on_ready(a.d);
    } catch (const std::exception& e) {
      host.error(std::string(log_prefix) + "on_ready threw: " + e.what());
    }
  }

  void carry_out(action::dispatch& a) {
    if (!events.on_dispatch) return;
    try {
      events.on_dispatch(a.name, a.d);
    } catch (const std::exception& e) {
      host.error(std::string(log_prefix) + "on_dispatch(" + a.name + ") threw: " + e.what());
    }
  }

  void carry_out(action::reconnect& a) {
    const std::string line = std::string(log_prefix) + a.detail + "; reconnecting in " +
                             std::to_string(a.delay.count()) + " ms to " +
                             (a.resume ? "resume" : "identify") + " (" + a.reason + ")";
    // The gateway asks for these from time to time; the rest mean something went wrong.
    if (a.reason == "reconnect_requested" || a.reason == "invalid_session") {
      host.info(line);
    } else {
      host.warn(line);
    }
  }

  void carry_out(action::alert& a) {
    host.warn(std::string(log_prefix) + a.text);
    host.raise_alert(a.key, sdk::severity::warning, "Discord gateway cannot identify",
                     a.text);
  }

  void carry_out(action::fatal& a) {
    host.error(std::string(log_prefix) + "stopped: " + a.reason);
    host.raise_alert("gateway_fatal", sdk::severity::critical, "Discord gateway stopped",
                     a.reason);
    if (!events.on_fatal) return;
    try {
      events.on_fatal(a.reason);
    } catch (const std::exception& e) {
      host.error(std::string(log_prefix) + "on_fatal threw: " + e.what());
    }
  }

  void fetch() {
    if (stopping) return;
    if (!options.fetch_gateway_bot) {
      apply(session.on_gateway_bot_failed("no fetch_gateway_bot was configured", now_ms()));
      return;
    }
    nlohmann::json body;
    try {
      body = options.fetch_gateway_bot();
    } catch (const gateway_token_refused& e) {
      if (!stopping) apply(session.on_gateway_bot_refused(e.what()));
      return;
    } catch (const std::exception& e) {
      if (!stopping) apply(session.on_gateway_bot_failed(e.what(), now_ms()));
      return;
    }
    if (!stopping) apply(session.on_gateway_bot(body, now_ms()));
  }

  void arm_timer() {
    const auto next = session.next_deadline();
    if (!next || stopping) {
      timer.cancel();
      return;
    }
    timer.expires_at(steady::time_point(std::chrono::duration_cast<steady::duration>(*next)));
    timer.async_wait([this](boost::system::error_code ec) {
      if (ec || stopping) return;
      apply(session.tick(now_ms()));
    });
  }

  void publish() {
    const session_stats& s = session.stats();
    const bool ready = session.is_ready();
    {
      std::lock_guard lock(mutex);
      snapshot.connected = connected;
      snapshot.ready = ready;
      snapshot.connects = s.connects;
      snapshot.identifies = s.identifies;
      snapshot.resumes = s.resumes;
      snapshot.resumed_ok = s.resumed_ok;
      snapshot.zombies_detected = s.zombies_detected;
      snapshot.heartbeats_sent = s.heartbeats_sent;
      snapshot.heartbeat_acks = s.heartbeat_acks;
      snapshot.dispatches_delivered = s.dispatches_delivered;
      snapshot.replays_dropped = s.replays_dropped;
      snapshot.reconnects_by_reason = s.reconnects_by_reason;
      snapshot.last_heartbeat_ack_latency_ms = s.last_heartbeat_ack_latency_ms.value_or(-1);
      snapshot.fatal_reason = s.fatal_reason;
    }
    if (stopping) return;
    std::optional<sdk::health_state> state;
    std::string detail;
    if (ready) {
      state = sdk::health_state::healthy;
      detail = "connected to the Discord gateway";
    } else if (session.current_phase() == gateway_session::phase::fatal) {
      state = sdk::health_state::unhealthy;
      detail = s.fatal_reason;
    } else if (session.current_phase() != gateway_session::phase::idle) {
      state = sdk::health_state::degraded;
      detail = "connecting to the Discord gateway";
    }
    if (state && (state != health || detail != health_detail)) {
      health = state;
      health_detail = detail;
      host.update_health(*state, health_detail, "gateway");
    }
  }

  void shut_down() {
    stopping = true;
    for (auto& item : session.stop()) {
      if (auto* close = std::get_if<action::close>(&item)) carry_out(*close);
    }
    if (current) {
      current->abort();
      current.reset();
    }
    connected = false;
    timer.cancel();
    publish();
    work.reset();
  }

  sdk::host host;
  gateway_options options;
  gateway_events events;
  std::mt19937_64 rng;
  gateway_session session;
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  asio::steady_timer timer{ioc};
  std::unique_ptr<asio::ssl::context> tls;
  std::shared_ptr<gateway_socket> current;
  bool connected = false;
  bool stopping = false;
  std::optional<sdk::health_state> health;
  std::string health_detail;

  mutable std::mutex mutex;  // snapshot
  gateway_stats snapshot;

  std::mutex lifecycle;
  bool started = false;
  bool stopped = false;
  std::thread thread;
};

gateway_client::gateway_client(sdk::host host, gateway_options options, gateway_events events)
    : impl_(std::make_shared<impl>(host, std::move(options), std::move(events))) {}

gateway_client::~gateway_client() { stop(); }

void gateway_client::start() {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->started || impl_->stopped) return;
  impl_->started = true;
  impl* self = impl_.get();
  self->work.emplace(self->ioc.get_executor());
  asio::post(self->ioc, [self] { self->apply(self->session.start(now_ms())); });
  self->thread = std::thread([self] {
    try {
      self->ioc.run();
    } catch (const std::exception& e) {  // nothing may escape a plugin-owned thread
      self->host.error(std::string(log_prefix) + "thread ended: " + e.what());
    }
  });
}

void gateway_client::stop() {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->stopped) return;
  impl_->stopped = true;
  if (!impl_->started) return;
  impl* self = impl_.get();
  asio::post(self->ioc, [self] { self->shut_down(); });
  if (self->thread.joinable()) self->thread.join();
}

gateway_stats gateway_client::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->snapshot;
}

bool gateway_client::send(const nlohmann::json& payload) {
  if (payload.dump().size() > max_payload_bytes) return false;
  std::lock_guard lock(impl_->lifecycle);
  if (!impl_->started || impl_->stopped) return false;
  impl* self = impl_.get();
  asio::post(self->ioc, [self, payload] {
    if (self->stopping) return;
    self->session.queue_send(payload);
    self->apply(self->session.tick(now_ms()));
  });
  return true;
}

}  // namespace tb::discord
