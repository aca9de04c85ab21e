#include <algorithm>
#include <cmath>

#include <spdlog/fmt/fmt.h>

#include "services/monitoring_service.hpp"
#include "services/utc_time.hpp"

// The MonitoringService's reports: stats(), status() and status_text().

namespace tb::host {
namespace {

using json = nlohmann::json;

// The sum of the family's series; 0 when it is absent.
double total_of(const std::vector<family_snapshot>& families, std::string_view name) {
  double sum = 0;
  for (const auto& family : families) {
    if (family.name != name) continue;
    for (const auto& series : family.series) sum += series.value;
  }
  return sum;
}

// The family's values by one label's value (series without that label are left out).
std::map<std::string, double> by_label(const std::vector<family_snapshot>& families,
                                       std::string_view name, std::string_view label) {
  std::map<std::string, double> out;
  for (const auto& family : families) {
    if (family.name != name) continue;
    for (const auto& series : family.series) {
      for (const auto& [key, value] : series.labels) {
        if (key == label) out[value] += series.value;
      }
    }
  }
  return out;
}

// Counts print as integers ("12", not "12.0").
json number(double value) {
  if (std::isfinite(value) && value >= 0 && value < 9e15 && value == std::floor(value)) {
    return static_cast<std::uint64_t>(value);
  }
  return value;
}

json alerts_json(const std::vector<active_alert>& active) {
  json out = json::array();
  for (const auto& a : active) {
    out.push_back({{"key", a.key},
                   {"severity", to_string(a.severity)},
                   {"title", a.title},
                   {"detail", a.detail},
                   {"since_ms", a.since_ms}});
  }
  return out;
}

// Nearest-rank percentiles, in milliseconds; null when there is no sample.
json stage_summary(std::vector<std::int64_t> ns) {
  if (ns.empty()) return nullptr;
  std::sort(ns.begin(), ns.end());
  const auto at = [&ns](double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ns.size())));
    return static_cast<double>(ns[std::max<std::size_t>(rank, 1) - 1]) / 1e6;
  };
  return {{"p50_ms", at(0.50)}, {"p95_ms", at(0.95)},
          {"max_ms", static_cast<double>(ns.back()) / 1e6}};
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string price_text(const json& v) {
  return v.is_null() ? "none" : fmt::format("{:g}", v.get<double>());
}

}  // namespace

nlohmann::json position_json(const position_view& p) {
  return {{"symbol", p.symbol},
          {"side", p.side},
          {"quantity", p.quantity},
          {"entry_price", p.entry_price},
          {"stop_price", p.stop_price ? json(*p.stop_price) : json(nullptr)},
          {"take_profit", p.take_profit ? json(*p.take_profit) : json(nullptr)},
          {"unrealized_pnl", p.unrealized_pnl},
          {"opened_ms", p.opened_ms}};
}


nlohmann::json monitoring_service::stats() const {
  const std::vector<family_snapshot> f = metrics_.snapshot();
  const breaker_states breakers = read_breakers();
  const std::vector<active_alert> active = alerts_.active();
  const double failed = handles_.scans_failed.value();

  json breakers_json = json::object();
  for (const auto& [name, state] : breakers) breakers_json[name] = to_string(state);

  std::lock_guard<std::mutex> guard(mutex_);
  json stages = json::object();
  for (const scan_stage s : scan_stages) {
    std::vector<std::int64_t> ns;
    for (const auto& scan : recent_scans_) ns.push_back(stage_ns(scan, s));
    stages[std::string(to_string(s))] = stage_summary(std::move(ns));
  }

  json strategies = json::object();
  const auto signals = by_label(f, "tb_strategy_signals_total", "strategy");
  const auto invalid = by_label(f, "tb_strategy_invalid_signals_total", "strategy");
  const auto errors = by_label(f, "tb_strategy_scan_errors_total", "strategy");
  std::set<std::string> names;
  for (const auto* m : {&signals, &invalid, &errors}) {
    for (const auto& [name, value] : *m) names.insert(name);
  }
  for (const auto& [name, record] : strategies_) names.insert(name);
  const auto value_in = [](const std::map<std::string, double>& m, const std::string& key) {
    const auto it = m.find(key);
    return number(it == m.end() ? 0.0 : it->second);
  };
  for (const auto& name : names) {
    const auto record = strategies_.find(name);
    strategies[name] = {
        {"signals", value_in(signals, name)},
        {"invalid", value_in(invalid, name)},
        {"errors", value_in(errors, name)},
        {"faults_in_a_row", record == strategies_.end() ? 0u : record->second.faults_in_a_row}};
  }

  const auto requests = by_label(f, "tb_data_requests_total", "result");
  return {
      {"scans",
       {{"count", number(handles_.scans_ok.value() + failed)},
        {"failures", number(failed)},
        {"missed", number(handles_.scans_missed.value())},
        {"window", recent_scans_.size()},
        {"stages", std::move(stages)}}},
      {"data",
       {{"requests", number(total_of(f, "tb_data_requests_total"))},
        {"requests_failed", value_in(requests, "failed")},
        {"weight_used", number(total_of(f, "tb_data_request_weight_total"))},
        {"cache_hits", number(total_of(f, "tb_data_cache_hits_total"))},
        {"candles_pushed", number(total_of(f, "tb_data_candles_pushed_total"))},
        {"gaps", number(total_of(f, "tb_data_gaps_total"))},
        {"stream_disconnects", number(total_of(f, "tb_data_stream_disconnects_total"))},
        {"failed_symbols", number(total_of(f, "tb_data_failed_symbols"))},
        {"stale_symbols", number(total_of(f, "tb_data_stale_symbols"))}}},
      {"strategies", std::move(strategies)},
      {"execution",
       {{"signals_found", number(handles_.signals_found.value())},
        {"signals_taken", number(handles_.signals_taken.value())},
        {"ranked", number(total_of(f, "tb_rank_signals_total"))},
        {"open_positions", positions_.size()},
        {"positions_without_stop", number(handles_.positions_without_stop.value())}}},
      {"errors",
       {{"per_minute", handles_.errors_per_minute.value()},
        {"window_minutes", error_window.count()}}},
      {"breakers", std::move(breakers_json)},
      {"alerts", {{"active", alerts_json(active)}}},
  };
}

nlohmann::json monitoring_service::status() const {
  const std::vector<component_health> components = health_.snapshot();
  const health_state overall = health_.overall();
  const std::vector<active_alert> active = alerts_.active();
  const std::int64_t now_ms = clock_.wall_ms();

  json plugins = json::array();
  for (const auto& p : identity_.plugins) {
    plugins.push_back({{"name", p.name}, {"version", p.version}, {"kind", p.kind}});
  }
  json health_components = json::array();
  for (const auto& c : components) {
    health_components.push_back({{"component", c.component},
                                 {"state", to_string(c.state)},
                                 {"detail", c.detail},
                                 {"changed_ms", c.changed_ms}});
  }

  std::lock_guard<std::mutex> guard(mutex_);
  json last_scan = nullptr;
  if (last_scan_) {
    last_scan = {{"finished_ms", last_scan_->finished_ms},
                 {"duration_ms", static_cast<double>(last_scan_->total_ns) / 1e6},
                 {"symbols", last_scan_->symbols},
                 {"signals_found", last_scan_->signals_found},
                 {"signals_taken", last_scan_->signals_taken},
                 {"ok", last_scan_->ok},
                 {"problem", last_scan_->problem}};
  }
  json positions = json::array();
  double unrealized = 0;
  for (const auto& p : positions_) {
    positions.push_back(position_json(p));
    unrealized += p.unrealized_pnl;
  }
  json market_data = nullptr;
  if (newest_close_ms_) {
    market_data = {{"newest_close_ms", *newest_close_ms_}, {"age_ms", now_ms - *newest_close_ms_}};
  }
  return {
      {"time_ms", now_ms},
      {"started_ms", identity_.started_ms},
      {"uptime_ms", now_ms - identity_.started_ms},
      {"mode", identity_.mode},
      {"version", identity_.version},
      {"plugins", std::move(plugins)},
      {"paused", paused_},
      {"last_scan", std::move(last_scan)},
      {"equity", optional_number(equity_)},
      {"equity_peak", equity_peak_ > 0 ? json(equity_peak_) : json(nullptr)},
      {"drawdown_percent",
       equity_ ? json(drawdown_percent(*equity_, equity_peak_)) : json(nullptr)},
      {"today_pnl", account_seen_ ? json(today_pnl_) : json(nullptr)},
      {"unrealized_pnl", account_seen_ ? json(unrealized) : json(nullptr)},
      {"positions", std::move(positions)},
      {"market_data", std::move(market_data)},
      {"health", {{"overall", to_string(overall)}, {"components", std::move(health_components)}}},
      {"alerts", alerts_json(active)},
  };
}

std::string monitoring_service::status_text() const {
  const json s = status();
  std::string out = fmt::format("TradingBot {} ({}), up {}, {}\n", s["version"].get<std::string>(),
                                s["mode"].get<std::string>(),
                                duration_text(s["uptime_ms"].get<std::int64_t>()),
                                s["paused"].get<bool>() ? "PAUSED (no new entries)" : "running");

  out += "Health: " + s["health"]["overall"].get<std::string>();
  for (const auto& c : s["health"]["components"]) {
    if (c["state"] == "healthy") continue;
    out += fmt::format("; {} {}: {}", c["component"].get<std::string>(),
                       c["state"].get<std::string>(), c["detail"].get<std::string>());
  }
  out += '\n';

  const json& scan = s["last_scan"];
  if (scan.is_null()) {
    out += "Last scan: none yet\n";
  } else if (!scan["ok"].get<bool>()) {
    out += fmt::format("Last scan: {}, FAILED after {}: {}\n",
                       utc_text(scan["finished_ms"].get<std::int64_t>()),
                       duration_text(static_cast<std::int64_t>(scan["duration_ms"].get<double>())),
                       scan["problem"].get<std::string>());
  } else {
    out += fmt::format("Last scan: {}, {}, {} symbols, {} signals, {} taken\n",
                       utc_text(scan["finished_ms"].get<std::int64_t>()),
                       duration_text(static_cast<std::int64_t>(scan["duration_ms"].get<double>())),
                       scan["symbols"].get<std::size_t>(), scan["signals_found"].get<std::size_t>(),
                       scan["signals_taken"].get<std::size_t>());
  }

  if (s["equity"].is_null()) {
    out += "Equity: not read yet\n";
  } else {
    out += fmt::format("Equity {:.2f}, peak {:.2f}, drawdown {:.2f}%, today {:+.2f}\n",
                       s["equity"].get<double>(), s["equity_peak"].get<double>(),
                       s["drawdown_percent"].get<double>(),
                       s["today_pnl"].is_null() ? 0.0 : s["today_pnl"].get<double>());
  }

  out += fmt::format("Positions ({}):\n", s["positions"].size());
  for (const auto& p : s["positions"]) {
    out += fmt::format("  {} {} {:g} @ {:g}, stop {}, target {}, uPnL {:+.2f}\n",
                       p["symbol"].get<std::string>(), p["side"].get<std::string>(),
                       p["quantity"].get<double>(), p["entry_price"].get<double>(),
                       price_text(p["stop_price"]), price_text(p["take_profit"]),
                       p["unrealized_pnl"].get<double>());
  }

  out += fmt::format("Alerts ({}):\n", s["alerts"].size());
  for (const auto& a : s["alerts"]) {
    out += fmt::format("  [{}] {}: {}\n", a["severity"].get<std::string>(),
                       a["title"].get<std::string>(), a["detail"].get<std::string>());
  }

  std::string plugins;
  for (const auto& p : s["plugins"]) {
    plugins += fmt::format("{}{} {}", plugins.empty() ? "" : ", ", p["name"].get<std::string>(),
                           p["version"].get<std::string>());
  }
  out += "Plugins: " + (plugins.empty() ? std::string("none") : plugins);
  return out;
}

}  // namespace tb::host
