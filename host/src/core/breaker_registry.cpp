#include "core/breaker_registry.hpp"

#include <spdlog/spdlog.h>

namespace tb::host {

breaker_registry::breaker_registry(const clock& clk, breaker_config default_config,
                                   std::map<std::string, breaker_config, std::less<>> per_name,
                                   metrics_registry* metrics, alert_manager* alerts)
    : clock_(clk),
      default_config_(default_config),
      per_name_(std::move(per_name)),
      metrics_(metrics),
      alerts_(alerts) {
  circuit_breaker::validate(default_config_, "(default)");
  for (const auto& [name, config] : per_name_) circuit_breaker::validate(config, name);
}

breaker_registry::breaker_metrics breaker_registry::register_metrics(const std::string& name) {
  breaker_metrics m;
  if (metrics_ == nullptr) return m;
  const auto transitions = [&](breaker_state to) {
    return metrics_->register_counter("tb_breaker_transitions_total",
                                      "Circuit breaker transitions, by target state",
                                      {{"breaker", name}, {"to", to_string(to)}});
  };
  m.to_closed = transitions(breaker_state::closed);
  m.to_open = transitions(breaker_state::open);
  m.to_half_open = transitions(breaker_state::half_open);
  m.state = metrics_->register_gauge("tb_breaker_state",
                                     "Circuit breaker state: 0 closed, 1 open, 2 half-open",
                                     {{"breaker", name}});
  return m;
}

circuit_breaker& breaker_registry::get(std::string_view name) {
  if (circuit_breaker* existing = find(name)) return *existing;
  std::unique_lock<std::shared_mutex> guard(mutex_);
  if (const auto it = breakers_.find(name); it != breakers_.end()) return *it->second;
  const std::string key(name);
  const auto cfg = per_name_.find(name);
  const breaker_config& config = cfg == per_name_.end() ? default_config_ : cfg->second;
  const breaker_metrics m = register_metrics(key);
  auto breaker = std::make_unique<circuit_breaker>(
      key, config, clock_, [this, m](const breaker_transition& t) { on_transition(m, t); });
  circuit_breaker& ref = *breaker;
  breakers_.emplace(key, std::move(breaker));
  return ref;
}

circuit_breaker* breaker_registry::find(std::string_view name) const noexcept {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  const auto it = breakers_.find(name);
  return it == breakers_.end() ? nullptr : it->second.get();
}

std::vector<std::string> breaker_registry::names() const {
  std::shared_lock<std::shared_mutex> guard(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, breaker] : breakers_) out.push_back(name);
  return out;
}

std::uint64_t breaker_registry::subscribe(observer fn) {
  std::lock_guard<std::recursive_mutex> guard(observers_mutex_);
  const std::uint64_t id = next_observer_id_++;
  observers_.emplace_back(id, std::make_shared<observer>(std::move(fn)));
  return id;
}

void breaker_registry::unsubscribe(std::uint64_t id) {
  std::lock_guard<std::recursive_mutex> guard(observers_mutex_);
  std::erase_if(observers_, [id](const auto& o) { return o.first == id; });
}

void breaker_registry::on_transition(const breaker_metrics& m, const breaker_transition& t) {
  switch (t.to) {
    case breaker_state::closed: m.to_closed.add(); break;
    case breaker_state::open: m.to_open.add(); break;
    case breaker_state::half_open: m.to_half_open.add(); break;
  }
  m.state.set(static_cast<double>(t.to));
  if (alerts_ != nullptr) {
    const std::string key = "breaker:" + t.breaker;
    if (t.to == breaker_state::open) {
      alerts_->raise(key, alert_severity::warning,
                     "Circuit breaker '" + t.breaker + "' is open",
                     t.reason + "; calls are refused until probes succeed");
    } else if (t.to == breaker_state::closed) {
      alerts_->resolve(key);
    }
  }
  std::lock_guard<std::recursive_mutex> guard(observers_mutex_);
  const auto targets = observers_;  // an observer may (un)subscribe while we iterate
  for (const auto& [id, fn] : targets) {
    try {
      (*fn)(t);
    } catch (const std::exception& e) {
      spdlog::error("breaker_registry: observer {} threw on '{}': {}", id, t.breaker, e.what());
    }
  }
}

}  // namespace tb::host
