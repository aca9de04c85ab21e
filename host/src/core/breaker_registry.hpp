#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/alert_manager.hpp"
#include "core/circuit_breaker.hpp"
#include "core/clock.hpp"
#include "core/metrics_registry.hpp"

namespace tb::host {

// Circuit breakers by name ("binance.orders"), created on first use with that name's
// configuration or the default one.
//
// Every transition of every breaker:
//   - increments tb_breaker_transitions_total{breaker, to} and sets tb_breaker_state{breaker}
//     (0 closed, 1 open, 2 half-open) when a metrics registry is given;
//   - raises the alert "breaker:<name>" (warning) on opening and resolves it on closing,
//     when an alert manager is given;
//   - goes to every observer added with subscribe(), outside the breakers' locks and in
//     order per breaker.
//
// Thread-safety: every member may be called from any thread, concurrently. References from
// get() stay valid for the registry's lifetime.
class breaker_registry {
 public:
  using observer = std::function<void(const breaker_transition&)>;

  // Throws std::invalid_argument naming the breaker for any invalid configuration.
  // `clk`, `metrics` and `alerts` (both may be null) must outlive the registry.
  breaker_registry(const clock& clk, breaker_config default_config = {},
                   std::map<std::string, breaker_config, std::less<>> per_name = {},
                   metrics_registry* metrics = nullptr, alert_manager* alerts = nullptr);
  breaker_registry(const breaker_registry&) = delete;
  breaker_registry& operator=(const breaker_registry&) = delete;

  // Creates the breaker on first use. Keep the reference to skip the name lookup.
  circuit_breaker& get(std::string_view name);
  circuit_breaker* find(std::string_view name) const noexcept;
  std::vector<std::string> names() const;

  std::uint64_t subscribe(observer fn);
  // Once it returns on another thread, that observer is not called again.
  void unsubscribe(std::uint64_t id);

 private:
  struct breaker_metrics {
    counter to_closed;
    counter to_open;
    counter to_half_open;
    gauge state;
  };

  breaker_metrics register_metrics(const std::string& name);
  void on_transition(const breaker_metrics& m, const breaker_transition& t);

  const clock& clock_;
  const breaker_config default_config_;
  const std::map<std::string, breaker_config, std::less<>> per_name_;
  metrics_registry* metrics_;
  alert_manager* alerts_;

  mutable std::shared_mutex mutex_;
  std::map<std::string, std::unique_ptr<circuit_breaker>, std::less<>> breakers_;

  // Recursive so that an observer may subscribe or unsubscribe while being called.
  std::recursive_mutex observers_mutex_;
  std::vector<std::pair<std::uint64_t, std::shared_ptr<observer>>> observers_;
  std::uint64_t next_observer_id_ = 1;  // guarded by observers_mutex_
};

}  // namespace tb::host
