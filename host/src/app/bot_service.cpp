#include "app/bot_service.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/admin_server.hpp"
#include "app/admin_bot_commands.hpp"
#include "app/bot_admin_backend.hpp"
#include "app/command_settings.hpp"
#include "app/commands.hpp"
#include "app/market_scan.hpp"
#include "app/open_positions.hpp"
#include "app/plugin_watcher.hpp"
#include "app/scan_plan.hpp"
#include "app/scan_schedule.hpp"
#include "app/service_control.hpp"
#include "app/settings_changes.hpp"
#include "app/shutdown_signals.hpp"
#include "app/strategy_pass.hpp"
#include "app/strategy_reloader.hpp"
#include "app/systemd_notifier.hpp"
#include "services/interval.hpp"
#include "services/monitoring_service.hpp"

namespace tb::host {
namespace {

using steady = std::chrono::steady_clock;

constexpr std::chrono::seconds longest_wait{1};          // the loop wakes at least this often
constexpr std::chrono::seconds equity_read_every{60};    // a balance read costs REST weight

// A stop that outlasts service.stop_timeout ends the process: the journal is written as it
// goes (SQLite, durable), so nothing stored is lost; what was in flight is reconciled with
// the exchange at the next start. arm() starts the count once; destruction ends it.
class stop_deadline {
 public:
  stop_deadline(const bot_settings& settings, spdlog::logger& log) : settings_(settings), log_(log) {}
  ~stop_deadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void arm() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || done_) return;
    thread_ = std::thread([this, timeout = settings_.service.stop_timeout] {
      std::unique_lock wait_lock(mutex_);
      if (done_cv_.wait_for(wait_lock, timeout, [&] { return done_; })) return;
      log_.critical("the stop took longer than service.stop_timeout ({} s); exiting now",
                    timeout.count() / 1000);
      log_.flush();
      std::_Exit(exit_failure);
    });
  }

 private:
  const bot_settings& settings_;
  spdlog::logger& log_;
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread thread_;
};

nlohmann::json signals_json(const rank_outcome& ranked, std::int64_t time_ms, bool paused) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : ranked.kept) {
    list.push_back({{"strategy", s.strategy},
                    {"symbol", s.symbol},
                    {"side", side_name(s.side)},
                    {"entry", s.entry},
                    {"stop_loss", s.stop_loss},
                    {"take_profit", s.take_profit},
                    {"confidence", s.confidence},
                    {"reward_to_risk", s.reward_to_risk()},
                    {"reason", s.reason},
                    {"candle_close_ms", s.time_ms}});
  }
  return {{"time_ms", time_ms},
          {"candidates", ranked.candidates},
          {"paused", paused},
          {"signals", std::move(list)}};
}

nlohmann::json outcome_json(const reload_outcome& o) {
  return {{"strategy", o.strategy},
          {"result", to_string(o.what)},
          {"from_version", o.from_version},
          {"to_version", o.to_version},
          {"problem", o.problem},
          {"swap_ms", static_cast<double>(o.swap_ns) / 1e6},
          {"old_unloaded", o.old_unloaded}};
}

class service_loop {
 public:
  service_loop(core_services& services, plugin_set& plugins, bot_settings& settings,
               trading_pass& trading, alert_forwarder& forwarder, trade_notifier& trades)
      : services_(services),
        plugins_(plugins),
        settings_(settings),
        trading_(trading),
        forwarder_(forwarder),
        trades_(trades),
        log_(services.logs().logger_for("service")) {}

  int run() {
    stop_deadline deadline(settings_, *log_);
    shutdown_signals signals(
        [this, &deadline](int signal) {
          const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
          log_->info("{} received: stopping", name);
          control_.request_stop(name);
          deadline.arm();
        },
        [this] {
          log_->info("SIGHUP received: reloading the configuration and the strategies");
          (void)control_.request_reload("SIGHUP");
        });
    notify_.status("starting");

    trading_.reconcile();
    strategy_pass strategies(services_, plugins_);
    const scan_plan plan = plan_scan(settings_.data, strategies.data_needs());
    for (const auto& problem : plan.problems) log_->warn("market scan: {}", problem);
    interval_ms_ = interval_ms(shortest_interval(plan));
    const std::int64_t period = scan_period_ms(settings_.service, interval_ms_);

    monitoring_service monitoring(services_.metrics(), services_.health(), services_.alerts(),
                                  services_.breakers(), services_.time(), settings_.monitoring,
                                  identity(), std::chrono::milliseconds(period));
    monitoring_ = &monitoring;
    strategy_reloader reloader(services_, plugins_, strategies, settings_.state_dir,
                               settings_.service.reload_probation_faults);
    reloader_ = &reloader;

    bot_admin_backend backend(control_, services_, monitoring, trading_.journal(), trading_.mode());
    admin_bot_commands chat_commands(backend, services_.logs().logger_for("commands"));
    const bot_commands_binding chat_binding(services_.bot(), chat_commands);
    std::unique_ptr<admin_server> api;
    if (settings_.api.enabled) {
      api = std::make_unique<admin_server>(
          admin_server_config{settings_.api.bind, settings_.api.port, settings_.api.token},
          backend, services_.logs().logger_for("api"), &services_.metrics());
      try {
        api->start();
      } catch (const std::exception& e) {
        log_->critical("{}", e.what());
        return exit_config;
      }
    }
    std::unique_ptr<plugin_watcher> watcher;
    if (settings_.service.strategy_reload == reload_mode::watch) watcher = watch_plugins();

    trading_.start_monitoring();
    started_ms_ = services_.time().wall_ms();
    last_slot_ms_ = started_ms_;
    log_->info("scanning every {} s ({}); stop with SIGTERM or SIGINT, reload with SIGHUP",
               period / 1000,
               settings_.service.scan_every.count() > 0
                   ? "service.scan_every"
                   : "at each " + shortest_interval(plan) + " close + service.scan_delay");

    std::unique_ptr<data_service> data;
    bool first = true;
    while (!control_.stop_requested()) {
      cycle(strategies, plan, data);
      if (first && !control_.stop_requested()) {
        first = false;
        control_.set_ready(true, {});
        notify_.ready("scanning");
      }
      wait_for_next_scan();
    }

    control_.set_ready(false, "stopping");
    notify_.stopping("stopping: " + control_.stop_reason());
    log_->info("stopping ({})", control_.stop_reason());
    watcher.reset();
    // A reload asked for but not reached is answered, so no API call waits on it.
    for (auto& request : control_.take_reload_requests()) {
      request.report.set_value({{"source", request.source},
                                {"error", "not reloaded: the bot is stopping"}});
    }
    if (api) api->stop();
    trading_.stop_monitoring();
    try {
      trading_.journal().flush();
    } catch (const std::exception& e) {
      log_->error("writing the journal's files failed: {}", e.what());
    }
    return exit_ok;
  }

 private:
  monitoring_identity identity() const {
    monitoring_identity id;
    id.mode = std::string(to_string(settings_.mode));
    id.version = std::string(version_string());
    id.started_ms = services_.time().wall_ms();
    for (const auto& outcome : plugins_.outcomes()) {
      if (outcome.info && outcome.running) {
        id.plugins.push_back({outcome.name, outcome.info->version,
                              std::string(kind_name(outcome.info->kind))});
      }
    }
    return id;
  }

  std::unique_ptr<plugin_watcher> watch_plugins() {
    std::vector<std::filesystem::path> dirs;
    for (const auto* instance : plugins_.of_kind(TB_KIND_STRATEGY)) {
      const auto dir = reloader_->source_of(instance->name()).parent_path();
      if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    }
    if (dirs.empty()) return nullptr;
    try {
      auto watcher = std::make_unique<plugin_watcher>(
          dirs, settings_.service.reload_debounce,
          [this](const std::set<std::string>& names) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            log_->info("plugin files changed ({}): reloading the strategies", list);
            (void)control_.request_reload("watch");
          });
      log_->info("watching {} plugin director{} for new strategy versions", dirs.size(),
                 dirs.size() == 1 ? "y" : "ies");
      return watcher;
    } catch (const std::exception& e) {
      log_->error("cannot watch the plugin directories: {}; reload with SIGHUP or POST /api/reload",
                  e.what());
      return nullptr;
    }
  }

  // One scan: fetch, analyze and rank, execute. A stop asked for meanwhile abandons what is
  // left at the next stage: no new entry is sent once the bot is stopping.
  void cycle(strategy_pass& strategies, const scan_plan& plan, std::unique_ptr<data_service>& data) {
    const clock& clk = services_.time();
    scan_timings t;
    const std::int64_t began = clk.monotonic_ns();
    if (!data) {
      data = open_market_data(services_, plugins_, settings_, plan.capacity, *log_);
      if (!data) {
        t.ok = false;
        t.problem = "no market data: the universe could not be loaded";
        finish(t, began);
        return;
      }
    }
    const auto reports = scan_market(*data, plan, *log_);
    const std::int64_t fetched = clk.monotonic_ns();
    t.fetch_ns = fetched - began;
    for (const auto& r : reports) t.symbols = std::max(t.symbols, r.ok.size() + r.failed.size());
    observe_market_data(reports);
    notify_.watchdog();
    if (control_.stop_requested()) return finish_abandoned(t, began, "after the fetch");

    const rank_outcome ranked = strategies.run(*data, plan.strategy_intervals,
                                               settings_.strategy.max_signals, trading_.held_symbols());
    const std::int64_t analyzed = clk.monotonic_ns();
    t.analyze_ns = std::min(strategies.last_analysis_ns(), analyzed - fetched);
    t.rank_ns = analyzed - fetched - t.analyze_ns;
    t.signals_found = ranked.candidates;
    for (const auto& name : strategies.engine().strategy_names()) {
      const auto record = strategies.engine().scan_record_of(name);
      monitoring_->record_strategy_outcome(
          name, record.failed_in_a_row == 0,
          record.failed_in_a_row == 0 ? "" : "failed its last " + std::to_string(record.failed_in_a_row) + " scan(s)");
    }
    const bool paused = control_.paused();
    control_.record_signals(signals_json(ranked, clk.wall_ms(), paused));
    if (control_.stop_requested()) return finish_abandoned(t, began, "before execution");

    if (paused) {
      if (!ranked.kept.empty()) {
        log_->info("paused: {} signal(s) not taken (POST /api/resume to take new entries again)",
                   ranked.kept.size());
      }
    } else {
      const std::size_t before = trading_.journal().open_trades().size();
      trading_.execute(ranked);
      const std::size_t after = trading_.journal().open_trades().size();
      t.signals_taken = after > before ? after - before : 0;
    }
    t.execute_ns = clk.monotonic_ns() - analyzed;
    finish(t, began);
    (void)reloader_->after_scan();  // the reloader logs and alerts what it did
  }

  void finish_abandoned(scan_timings& t, std::int64_t began, const char* where) {
    log_->info("scan abandoned {}: stopping", where);
    t.ok = false;
    t.problem = std::string("abandoned ") + where + " (stopping)";
    finish(t, began);
  }

  void finish(scan_timings& t, std::int64_t began) {
    t.total_ns = services_.time().monotonic_ns() - began;
    t.finished_ms = services_.time().wall_ms();
    monitoring_->record_scan(t);
    check(true);
  }

  // The account observed, the alerts checked, held alert resolutions released.
  void check(bool read_equity) {
    observe_account(read_equity);
    monitoring_->check_alerts();
    forwarder_.release_due();
    next_check_ = steady::now() + settings_.monitoring.check_every;
  }

  // The newest ended candle of the shortest interval counts as seen when most symbols
  // answered with it: a scan that failed, or fell behind, leaves the data to go stale.
  void observe_market_data(const std::vector<scan_report>& reports) {
    if (interval_ms_ <= 0) return;
    for (const auto& r : reports) {
      if (interval_ms(r.interval) != interval_ms_) continue;
      const std::size_t asked = r.ok.size() + r.failed.size();
      if (asked == 0 || r.ok.size() * 2 < asked || r.stale.size() * 2 >= asked) return;
      const std::int64_t now = services_.time().wall_ms();
      monitoring_->observe_market_data(now / interval_ms_ * interval_ms_);
      return;
    }
  }

  void observe_account(bool read_equity) {
    const std::int64_t now = services_.time().wall_ms();
    account_observation a;
    if (read_equity || steady::now() >= next_equity_read_) {
      // 0: the balance could not be read; the monitor keeps its last equity then.
      if (const double e = trading_.equity(); e > 0) a.equity = e;
      next_equity_read_ = steady::now() + equity_read_every;
    }
    a.today_pnl = trading_.today_net_pnl(now);
    a.positions = open_positions(trading_.journal(), trading_.mode());
    if (a.equity) last_equity_ = *a.equity;
    trades_.summarize_ended_day(trading_.journal(), trading_.mode(), now, a.positions.size(),
                                last_equity_);
    monitoring_->observe_account(a);
  }

  // Sleeps until the next scan, waking for reloads, alert checks and watchdog pings. The
  // scheduled times a long scan ran past are counted as missed.
  void wait_for_next_scan() {
    const clock& clk = services_.time();
    const std::int64_t now = clk.wall_ms();
    const std::int64_t next = next_scan_ms(settings_.service, interval_ms_, started_ms_, now);
    if (const std::int64_t missed =
            scans_missed(settings_.service, interval_ms_, started_ms_, last_slot_ms_, now);
        missed > 0) {
      log_->warn("the scan ran past {} scheduled scan time(s), which are skipped; the next "
                 "scan is in {} ms", missed, next - now);
      monitoring_->record_missed_scans(static_cast<std::uint64_t>(missed));
    }
    last_slot_ms_ = next;
    while (!control_.stop_requested()) {
      const std::int64_t now_ms = clk.wall_ms();
      if (now_ms >= next) return;
      const auto until_scan = std::chrono::milliseconds(next - now_ms);
      const auto wake = std::min({steady::now() + until_scan, steady::now() + longest_wait, next_check_});
      if (control_.wait_until(wake)) handle_reloads();
      notify_.watchdog();
      if (steady::now() >= next_check_) check(false);
    }
  }

  void handle_reloads() {
    auto requests = control_.take_reload_requests();
    if (requests.empty()) return;
    notify_.reloading();
    const nlohmann::json report = reload_everything();
    for (auto& request : requests) {
      nlohmann::json answer = report;
      answer["source"] = request.source;
      request.report.set_value(std::move(answer));
    }
    notify_.ready("scanning");
  }

  nlohmann::json reload_everything() {
    nlohmann::json report;
    report["config"] = reload_config();
    nlohmann::json strategies = nlohmann::json::array();
    for (const auto& outcome : reloader_->reload()) strategies.push_back(outcome_json(outcome));
    report["strategies"] = std::move(strategies);
    return report;
  }

  nlohmann::json reload_config() {
    std::ostringstream problems;
    const auto loaded = load_command_settings(settings_.source_file, "tradingbot", problems);
    if (!loaded) {
      log_->error("the configuration was not reloaded: {} has problems; the running settings "
                  "stay:\n{}", settings_.source_file.string(), problems.str());
      return {{"file", settings_.source_file.string()}, {"error", problems.str()}};
    }
    const settings_changes changes = compare_settings(settings_, *loaded);
    apply_live_changes(settings_, *loaded);
    monitoring_->update_settings(settings_.monitoring);
    for (const auto& name : changes.applied) log_->info("reload: {} applied", name);
    for (const auto& name : changes.need_restart) {
      log_->warn("reload: {} changed in {}, but takes effect only at the next restart", name,
                 settings_.source_file.string());
    }
    if (!changes.any()) log_->info("reload: the configuration is unchanged");
    return {{"file", settings_.source_file.string()},
            {"applied", changes.applied},
            {"need_restart", changes.need_restart}};
  }

  core_services& services_;
  plugin_set& plugins_;
  bot_settings& settings_;
  trading_pass& trading_;
  alert_forwarder& forwarder_;
  trade_notifier& trades_;
  double last_equity_ = 0;  // 0: not read yet
  std::shared_ptr<spdlog::logger> log_;
  service_control control_;
  systemd_notifier notify_;
  monitoring_service* monitoring_ = nullptr;
  strategy_reloader* reloader_ = nullptr;
  std::int64_t interval_ms_ = 0;
  std::int64_t started_ms_ = 0;
  std::int64_t last_slot_ms_ = 0;  // when the last scan was due
  steady::time_point next_check_ = steady::now();
  steady::time_point next_equity_read_ = steady::now();
};

}  // namespace

int run_service(core_services& services, plugin_set& plugins, bot_settings& settings,
                trading_pass& trading, alert_forwarder& forwarder, trade_notifier& trades) {
  return service_loop(services, plugins, settings, trading, forwarder, trades).run();
}

}  // namespace tb::host
