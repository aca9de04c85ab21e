#include "core/alert_manager.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/prometheus_text.hpp"

namespace tb::host {

const char* to_string(alert_severity severity) noexcept {
  switch (severity) {
    case alert_severity::info: return "info";
    case alert_severity::warning: return "warning";
    case alert_severity::critical: return "critical";
  }
  return "unknown";
}

namespace {

std::string labels_text(const metric_labels& labels) {
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += labels[i].first + "=\"" + labels[i].second + '"';
  }
  return out + '}';
}

bool has_all(const metric_labels& series, const metric_labels& wanted) {
  return std::all_of(wanted.begin(), wanted.end(), [&](const auto& w) {
    return std::find(series.begin(), series.end(), w) != series.end();
  });
}

bool holds(const alert_rule& rule, double value) {
  return rule.condition == alert_condition::above ? value > rule.threshold
                                                  : value < rule.threshold;
}

}  // namespace

alert_manager::alert_manager(const clock& clk, const metrics_registry* metrics)
    : clock_(clk), metrics_(metrics) {}

bool alert_manager::raise(std::string_view key, alert_severity severity,
                          std::string_view title, std::string_view detail) {
  bool raised = false;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    raised = raise_locked(std::string(key), severity, std::string(title), std::string(detail));
  }
  outbox_.drain([this](const alert_event& e) { deliver(e); });
  return raised;
}

bool alert_manager::resolve(std::string_view key) {
  bool resolved = false;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    resolved = resolve_locked(key);
  }
  outbox_.drain([this](const alert_event& e) { deliver(e); });
  return resolved;
}

bool alert_manager::raise_locked(std::string key, alert_severity severity, std::string title,
                                 std::string detail) {
  if (active_.find(key) != active_.end()) return false;
  const std::int64_t now = clock_.wall_ms();
  active_.emplace(key, active_alert{key, severity, title, detail, now});
  outbox_.push(alert_event{std::move(key), severity, std::move(title), std::move(detail),
                           false, now});
  return true;
}

bool alert_manager::resolve_locked(std::string_view key) {
  const auto it = active_.find(key);
  if (it == active_.end()) return false;
  active_alert gone = std::move(it->second);
  active_.erase(it);
  outbox_.push(alert_event{std::move(gone.key), gone.severity, std::move(gone.title),
                           std::move(gone.detail), true, clock_.wall_ms()});
  return true;
}

void alert_manager::add_rule(alert_rule rule) {
  const std::string where = "alert rule '" + rule.name + "': ";
  if (metrics_ == nullptr) {
    throw std::invalid_argument(where + "the alert manager has no metrics registry to watch");
  }
  if (rule.name.empty()) throw std::invalid_argument("alert rule: the name is empty");
  if (!is_valid_metric_name(rule.metric)) {
    throw std::invalid_argument(where + "'" + rule.metric + "' is not a valid metric name");
  }
  if (std::isnan(rule.threshold)) throw std::invalid_argument(where + "threshold is NaN");
  if (rule.for_duration.count() < 0) {
    throw std::invalid_argument(where + "the 'for' duration is negative");
  }
  std::sort(rule.labels.begin(), rule.labels.end());
  if (rule.title.empty()) rule.title = rule.name;
  std::lock_guard<std::mutex> guard(mutex_);
  for (const auto& r : rules_) {
    if (r.name == rule.name) throw std::invalid_argument(where + "a rule by that name exists");
  }
  rules_.push_back(std::move(rule));
}

void alert_manager::evaluate() {
  if (metrics_ == nullptr) return;
  const std::vector<family_snapshot> families = metrics_->snapshot();
  {
    std::lock_guard<std::mutex> guard(mutex_);
    const std::int64_t now_ns = clock_.monotonic_ns();
    for (const auto& rule : rules_) {
      const auto fam = std::find_if(families.begin(), families.end(),
                                    [&](const family_snapshot& f) { return f.name == rule.metric; });
      if (fam != families.end() && fam->type != metric_type::histogram) {
        evaluate_rule_locked(rule, *fam, now_ns);
      }
    }
  }
  outbox_.drain([this](const alert_event& e) { deliver(e); });
}

void alert_manager::evaluate_rule_locked(const alert_rule& rule, const family_snapshot& family,
                                         std::int64_t now_ns) {
  for (const auto& series : family.series) {
    if (!has_all(series.labels, rule.labels)) continue;
    const std::string key = "rule:" + rule.name + labels_text(series.labels);
    rule_series_state& state = rule_states_[key];
    if (!holds(rule, series.value)) {
      state.pending = false;
      resolve_locked(key);
      continue;
    }
    if (!state.pending) {
      state.pending = true;
      state.since_ns = now_ns;
    }
    const auto for_ns = std::chrono::nanoseconds(rule.for_duration).count();
    if (now_ns - state.since_ns < for_ns) continue;
    const std::string detail =
        family.name + labels_text(series.labels) + " = " + format_prometheus_value(series.value) +
        (rule.condition == alert_condition::above ? " is above " : " is below ") +
        format_prometheus_value(rule.threshold) + " for at least " +
        std::to_string(rule.for_duration.count()) + " ms";
    raise_locked(key, rule.severity, rule.title, detail);
  }
}

std::uint64_t alert_manager::subscribe(subscriber fn) {
  std::lock_guard<std::recursive_mutex> guard(subscribers_mutex_);
  const std::uint64_t id = next_subscriber_id_++;
  subscribers_.emplace_back(id, std::make_shared<subscriber>(std::move(fn)));
  return id;
}

void alert_manager::unsubscribe(std::uint64_t id) {
  std::lock_guard<std::recursive_mutex> guard(subscribers_mutex_);
  std::erase_if(subscribers_, [id](const auto& s) { return s.first == id; });
}

void alert_manager::deliver(const alert_event& event) {
  std::lock_guard<std::recursive_mutex> guard(subscribers_mutex_);
  // A copy: a subscriber may (un)subscribe while we iterate.
  const auto targets = subscribers_;
  for (const auto& [id, fn] : targets) {
    try {
      (*fn)(event);
    } catch (const std::exception& e) {
      spdlog::error("alert_manager: subscriber {} threw on alert '{}': {}", id, event.key,
                    e.what());
    } catch (...) {
      spdlog::error("alert_manager: subscriber {} threw on alert '{}'", id, event.key);
    }
  }
}

std::vector<active_alert> alert_manager::active() const {
  std::lock_guard<std::mutex> guard(mutex_);
  std::vector<active_alert> out;
  out.reserve(active_.size());
  for (const auto& [key, alert] : active_) out.push_back(alert);
  return out;
}

}  // namespace tb::host
