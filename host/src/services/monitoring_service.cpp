#include "services/monitoring_service.hpp"

#include <algorithm>
#include <stdexcept>

#include <spdlog/fmt/fmt.h>

// Recording and checking; the reports (stats, status) are in monitoring_report.cpp.

namespace tb::host {
namespace {

std::int64_t ns_to_ms(std::int64_t ns) { return ns / 1'000'000; }

std::string symbols_text(const std::vector<std::string>& symbols) {
  std::string out;
  for (const auto& s : symbols) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::int64_t stage_ns(const scan_timings& scan, scan_stage stage) noexcept {
  switch (stage) {
    case scan_stage::fetch: return scan.fetch_ns;
    case scan_stage::analyze: return scan.analyze_ns;
    case scan_stage::rank: return scan.rank_ns;
    case scan_stage::execute: return scan.execute_ns;
    case scan_stage::total: return scan.total_ns;
  }
  return 0;
}

monitoring_service::monitoring_service(metrics_registry& metrics, health_registry& health,
                                       alert_manager& alerts, breaker_registry& breakers,
                                       const clock& clk, const monitoring_settings& settings,
                                       monitoring_identity identity,
                                       std::chrono::milliseconds scan_period)
    : metrics_(metrics),
      health_(health),
      alerts_(alerts),
      breakers_(breakers),
      clock_(clk),
      identity_(std::move(identity)),
      scan_period_(scan_period),
      handles_(metrics),
      settings_(settings),
      errors_(error_window) {
  if (scan_period_.count() <= 0) {
    throw std::invalid_argument("monitoring_service: the scan period must be positive, not " +
                                std::to_string(scan_period_.count()) + " ms");
  }
  // The base of the first error rate: errors counted before this service started do not count.
  errors_.add(clock_.monotonic_ns(), count_errors(metrics_.snapshot()));
  handles_.paused.set(0);
}

void monitoring_service::update_settings(const monitoring_settings& settings) {
  std::lock_guard<std::mutex> guard(mutex_);
  settings_ = settings;
}

void monitoring_service::record_metric(std::string_view name, double value, metric_labels labels) {
  // The registry hands back the series it already has for the same name and labels.
  metrics_.register_gauge(name, "Set through the monitoring service", std::move(labels)).set(value);
}

void monitoring_service::update_health(std::string_view component, health_state state,
                                       std::string_view detail) {
  health_.update(component, state, detail);
}

std::chrono::milliseconds monitoring_service::slow_limit_locked() const {
  return slow_scan_limit(settings_, scan_period_);
}

void monitoring_service::record_scan(const scan_timings& scan) {
  (scan.ok ? handles_.scans_ok : handles_.scans_failed).add();
  handles_.signals_found.add(static_cast<double>(scan.signals_found));
  handles_.signals_taken.add(static_cast<double>(scan.signals_taken));
  if (scan.ok) {
    for (const scan_stage s : scan_stages) {
      const std::int64_t ns = std::max<std::int64_t>(stage_ns(scan, s), 0);
      handles_.stage(s).observe(static_cast<double>(ns) / 1e9);
    }
  }
  std::lock_guard<std::mutex> guard(mutex_);
  last_scan_ = scan;
  if (scan.ok) {
    recent_scans_.push_back(scan);
    if (recent_scans_.size() > scan_history) recent_scans_.pop_front();
  }
  const std::string took = duration_text(ns_to_ms(scan.total_ns));
  if (!scan.ok) {
    health_.update("scan", health_state::unhealthy,
                   "the last scan failed after " + took + ": " +
                       (scan.problem.empty() ? "no detail" : scan.problem));
  } else if (const auto slow = slow_scan_alert(scan.total_ns, slow_limit_locked())) {
    health_.update("scan", health_state::degraded, slow->detail);
  } else {
    health_.update("scan", health_state::healthy,
                   fmt::format("the last scan took {}: {} symbols, {} signals, {} taken", took,
                               scan.symbols, scan.signals_found, scan.signals_taken));
  }
}

void monitoring_service::record_missed_scans(std::uint64_t count) {
  handles_.scans_missed.add(static_cast<double>(count));
}

void monitoring_service::record_strategy_outcome(std::string_view strategy, bool ok,
                                                 std::string_view detail) {
  std::lock_guard<std::mutex> guard(mutex_);
  auto& record = strategies_.try_emplace(std::string(strategy)).first->second;
  if (ok) {
    record.faults_in_a_row = 0;
    record.last_problem.clear();
  } else {
    ++record.faults_in_a_row;
    record.last_problem = std::string(detail);
  }
  update_strategy_health_locked(std::string(strategy), record);
}

void monitoring_service::update_strategy_health_locked(const std::string& strategy,
                                                       const strategy_record& r) {
  const std::string component = "strategy." + strategy;
  if (r.faults_in_a_row == 0) {
    health_.update(component, health_state::healthy, "");
    return;
  }
  const bool faulting =
      settings_.strategy_faults > 0 && r.faults_in_a_row >= settings_.strategy_faults;
  health_.update(component, faulting ? health_state::unhealthy : health_state::degraded,
                 fmt::format("{} failed scan{} in a row: {}", r.faults_in_a_row,
                             r.faults_in_a_row == 1 ? "" : "s",
                             r.last_problem.empty() ? "no detail" : r.last_problem));
}

void monitoring_service::observe_account(const account_observation& account) {
  std::lock_guard<std::mutex> guard(mutex_);
  const std::int64_t now_ns = clock_.monotonic_ns();
  if (account.equity) equity_ = *account.equity;
  if (account.equity_peak) equity_peak_ = std::max(equity_peak_, *account.equity_peak);
  if (equity_) equity_peak_ = std::max(equity_peak_, *equity_);
  today_pnl_ = account.today_pnl;
  positions_ = account.positions;
  account_seen_ = true;

  std::map<std::string, std::int64_t, std::less<>> stopless;
  double unrealized = 0;
  for (const auto& p : positions_) {
    unrealized += p.unrealized_pnl;
    if (p.stop_price) continue;
    const auto before = stopless_since_ns_.find(p.symbol);
    stopless.emplace(p.symbol, before == stopless_since_ns_.end() ? now_ns : before->second);
  }
  stopless_since_ns_ = std::move(stopless);

  if (equity_) {
    handles_.equity.set(*equity_);
    handles_.drawdown_percent.set(drawdown_percent(*equity_, equity_peak_));
  }
  handles_.equity_peak.set(equity_peak_);
  handles_.today_pnl.set(today_pnl_);
  handles_.unrealized_pnl.set(unrealized);
  handles_.open_positions.set(static_cast<double>(positions_.size()));
  handles_.positions_without_stop.set(static_cast<double>(std::count_if(
      positions_.begin(), positions_.end(), [](const position_view& p) { return !p.stop_price; })));
  update_positions_health_locked(now_ns);
}

void monitoring_service::update_positions_health_locked(std::int64_t now_ns) {
  if (!account_seen_) return;
  std::vector<std::string> unprotected;
  bool overdue = false;
  for (const auto& p : positions_) {
    const auto since = stopless_since_ns_.find(p.symbol);
    if (p.stop_price || since == stopless_since_ns_.end()) continue;
    const std::int64_t for_ns = now_ns - since->second;
    overdue = overdue || stopless_alert(p, for_ns, settings_.stopless_after).has_value();
    unprotected.push_back(p.symbol + " for " + duration_text(ns_to_ms(for_ns)));
  }
  if (unprotected.empty()) {
    health_.update("positions", health_state::healthy,
                   fmt::format("{} open, each with a stop", positions_.size()));
    return;
  }
  health_.update("positions", overdue ? health_state::unhealthy : health_state::degraded,
                 "no stop: " + symbols_text(unprotected));
}

void monitoring_service::observe_market_data(std::int64_t newest_close_ms) {
  std::lock_guard<std::mutex> guard(mutex_);
  newest_close_ms_ = std::max(newest_close_ms_.value_or(newest_close_ms), newest_close_ms);
  update_market_data_health_locked(clock_.wall_ms());
}

void monitoring_service::update_market_data_health_locked(std::int64_t now_ms) {
  if (!newest_close_ms_) return;
  const std::int64_t age_ms = now_ms - *newest_close_ms_;
  handles_.market_data_age_seconds.set(static_cast<double>(age_ms) / 1000.0);
  if (const auto stale =
          stale_data_alert(*newest_close_ms_, now_ms, stale_data_limit(settings_, scan_period_))) {
    health_.update("market_data", health_state::degraded, stale->detail);
  } else {
    health_.update("market_data", health_state::healthy,
                   "the newest closed candle seen is " + duration_text(age_ms) + " old");
  }
}

void monitoring_service::set_paused(bool paused) {
  std::lock_guard<std::mutex> guard(mutex_);
  paused_ = paused;
  handles_.paused.set(paused ? 1 : 0);
}

monitoring_service::breaker_states monitoring_service::read_breakers() const {
  // Outside mutex_: reading a breaker's state may move it to half-open, and its observers
  // (alerts, metrics) run on this thread.
  breaker_states out;
  for (auto& name : breakers_.names()) {
    if (circuit_breaker* b = breakers_.find(name)) out.emplace_back(std::move(name), b->state());
  }
  return out;
}

void monitoring_service::check_alerts() {
  std::lock_guard<std::mutex> one_check(check_mutex_);
  const std::vector<family_snapshot> families = metrics_.snapshot();
  const breaker_states breakers = read_breakers();
  std::vector<monitor_alert> wanted;
  std::vector<std::string> gone;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    const std::int64_t now_ns = clock_.monotonic_ns();
    const std::int64_t now_ms = clock_.wall_ms();
    errors_.add(now_ns, count_errors(families));
    wanted = wanted_alerts_locked(now_ns, now_ms, breakers);
    update_market_data_health_locked(now_ms);
    update_positions_health_locked(now_ns);
    std::set<std::string, std::less<>> next;
    for (const auto& a : wanted) next.insert(a.key);
    for (const auto& key : raised_) {
      if (next.find(key) == next.end()) gone.push_back(key);
    }
    raised_ = std::move(next);
  }
  // Outside mutex_: the manager calls its subscribers on this thread.
  for (const auto& key : gone) alerts_.resolve(key);
  for (const auto& a : wanted) alerts_.raise(a.key, a.severity, a.title, a.detail);
  alerts_.evaluate();
}

std::vector<monitor_alert> monitoring_service::wanted_alerts_locked(
    std::int64_t now_ns, std::int64_t now_ms, const breaker_states& breakers) {
  std::vector<monitor_alert> out;
  const auto add = [&out](std::optional<monitor_alert> a) {
    if (a) out.push_back(std::move(*a));
  };
  if (equity_) add(drawdown_alert(*equity_, equity_peak_, settings_.max_drawdown_percent));

  const error_rate_window::rate rate = errors_.current();
  handles_.errors_per_minute.set(rate.per_minute);
  add(error_rate_alert(rate, settings_.max_errors_per_minute));

  if (last_scan_) add(slow_scan_alert(last_scan_->total_ns, slow_limit_locked()));

  for (const auto& [name, state] : breakers) {
    if (state == breaker_state::closed) {
      breaker_open_since_ns_.erase(name);
      continue;
    }
    const auto since = breaker_open_since_ns_.try_emplace(name, now_ns).first->second;
    add(breaker_open_alert(name, now_ns - since, settings_.breaker_open_for));
  }

  if (newest_close_ms_) {
    add(stale_data_alert(*newest_close_ms_, now_ms, stale_data_limit(settings_, scan_period_)));
  }

  for (const auto& p : positions_) {
    const auto since = stopless_since_ns_.find(p.symbol);
    if (p.stop_price || since == stopless_since_ns_.end()) continue;
    add(stopless_alert(p, now_ns - since->second, settings_.stopless_after));
  }

  for (const auto& [name, record] : strategies_) {
    add(strategy_fault_alert(name, record.faults_in_a_row, record.last_problem,
                             settings_.strategy_faults));
  }
  return out;
}

}  // namespace tb::host
