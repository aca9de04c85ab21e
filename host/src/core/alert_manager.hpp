#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/metrics_registry.hpp"
#include "core/serial_delivery.hpp"

namespace tb::host {

// Values equal TB_SEVERITY_* in tb_abi.h.
enum class alert_severity : std::int32_t { info = 0, warning = 1, critical = 2 };
const char* to_string(alert_severity severity) noexcept;

// What subscribers (notifier plugins) receive: a new alert, or the resolution of one.
struct alert_event {
  std::string key;  // stable id, for de-duplication downstream
  alert_severity severity = alert_severity::warning;
  std::string title;
  std::string detail;
  bool resolved = false;
  std::int64_t time_ms = 0;  // wall clock
};

struct active_alert {
  std::string key;
  alert_severity severity = alert_severity::warning;
  std::string title;
  std::string detail;
  std::int64_t since_ms = 0;  // wall clock
};

enum class alert_condition { above, below };  // strictly greater / strictly less

// Fires when every matching series' value has met the condition for `for_duration`
// (0: on the first evaluation that sees it), resolves on the first evaluation where it no
// longer does. Rules watch counters and gauges; histogram families are not matched.
struct alert_rule {
  std::string name;           // unique; becomes part of the alert key
  std::string metric;         // family name, e.g. "tb_rate_limit_tokens_available"
  metric_labels labels;       // a series matches when it has all of these (others allowed)
  alert_condition condition = alert_condition::above;
  double threshold = 0.0;
  std::chrono::milliseconds for_duration{0};
  alert_severity severity = alert_severity::warning;
  std::string title;          // empty: the rule's name
};

// Active alerts, de-duplicated by key, from two sources: raise()/resolve() called directly
// (breakers, plugins) and rules evaluated against the metrics registry.
//
// Rule alert keys are "rule:<name>" followed by the series' labels, e.g.
// `rule:low_tokens{bucket="binance.ip_weight"}`, so each matching series alerts on its own.
//
// Events go to subscribers outside internal locks, in the order the changes happened, one
// at a time (see serial_delivery: a subscriber may raise alerts itself). A subscriber that
// throws is logged and skipped; the others still get the event. Once unsubscribe() returns
// on another thread, that subscriber is not called again.
//
// Thread-safety: every member may be called from any thread, concurrently.
class alert_manager {
 public:
  using subscriber = std::function<void(const alert_event&)>;

  // `clk` and `metrics` (may be null: no rules then) must outlive the manager.
  explicit alert_manager(const clock& clk, const metrics_registry* metrics = nullptr);
  alert_manager(const alert_manager&) = delete;
  alert_manager& operator=(const alert_manager&) = delete;

  // True when the key was not active and an event went out; raising an active key again
  // changes nothing and emits nothing.
  bool raise(std::string_view key, alert_severity severity, std::string_view title,
             std::string_view detail);
  // True when the key was active; emits a resolved event.
  bool resolve(std::string_view key);

  // Throws std::invalid_argument for an empty or duplicate name, an invalid metric name, a
  // NaN threshold, a negative duration, or when the manager has no metrics registry.
  void add_rule(alert_rule rule);
  // Evaluates every rule once against the current metric values and the clock's monotonic
  // time. Call it periodically (the app does, every few seconds).
  void evaluate();

  std::uint64_t subscribe(subscriber fn);
  void unsubscribe(std::uint64_t id);

  std::vector<active_alert> active() const;  // sorted by key

 private:
  struct rule_series_state {
    bool pending = false;
    std::int64_t since_ns = 0;
  };

  bool raise_locked(std::string key, alert_severity severity, std::string title,
                    std::string detail);
  bool resolve_locked(std::string_view key);
  void evaluate_rule_locked(const alert_rule& rule, const family_snapshot& family,
                            std::int64_t now_ns);
  void deliver(const alert_event& event);

  const clock& clock_;
  const metrics_registry* metrics_;

  mutable std::mutex mutex_;
  std::map<std::string, active_alert, std::less<>> active_;       // guarded by mutex_
  std::vector<alert_rule> rules_;                                  // guarded by mutex_
  std::map<std::string, rule_series_state> rule_states_;           // guarded by mutex_
  serial_delivery<alert_event> outbox_;

  // Recursive so that a subscriber may subscribe or unsubscribe while being called.
  std::recursive_mutex subscribers_mutex_;
  std::vector<std::pair<std::uint64_t, std::shared_ptr<subscriber>>> subscribers_;
  std::uint64_t next_subscriber_id_ = 1;  // guarded by subscribers_mutex_
};

}  // namespace tb::host
