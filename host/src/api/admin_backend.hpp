#pragma once
// What the admin HTTP API serves, as the running bot provides it. The server (admin_server)
// owns the HTTP side (routing, the bearer token, JSON errors); an implementation of this
// interface answers from the MonitoringService, the ExecutionService and the journal.
//
// Thread-safety: the server calls these from its worker threads, several at a time and
// concurrently with the bot's scans, so an implementation must be safe to call from any
// thread, concurrently. A member that throws std::exception becomes a 500 reply with the
// exception's message.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::host {

class admin_backend {
 public:
  virtual ~admin_backend() = default;

  // GET /readyz: true once start-up is over (plugins started, reconciled, the first scan
  // done) and until the stop begins; `why` says what is missing when not ready.
  virtual bool ready(std::string& why) = 0;
  // GET /metrics: every metric in the Prometheus text exposition format 0.0.4.
  virtual std::string metrics_text() = 0;
  // GET /api/status: the one-screen status (uptime, mode, plugins and versions, last scan,
  // positions, today's PnL, health of each component, paused or not).
  virtual nlohmann::json status() = 0;
  // GET /api/stats: statistics per service.
  virtual nlohmann::json stats() = 0;
  // GET /api/positions: the open positions with their protective orders.
  virtual nlohmann::json positions() = 0;
  // GET /api/trades?limit=N&since=MS: the newest closed trades first, at most `limit`, those
  // closed at or after `since_ms` when given.
  virtual nlohmann::json trades(std::size_t limit, std::optional<std::int64_t> since_ms) = 0;
  // GET /api/signals: the ranked signals of the latest scans, newest first.
  virtual nlohmann::json signals() = 0;
  // POST /api/pause and /api/resume: stop (start) taking new entries; protective orders and
  // position monitoring keep working either way. Idempotent; returns the new state.
  virtual nlohmann::json pause() = 0;
  virtual nlohmann::json resume() = 0;
  // POST /api/reload: reload the configuration and the strategies, as SIGHUP does; returns
  // what changed, what was refused and why.
  virtual nlohmann::json reload() = 0;
};

}  // namespace tb::host
