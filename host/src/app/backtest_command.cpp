// `tradingbot backtest` (and `tradingbot run` in demo or backtest mode): the live pipeline on
// a simulated exchange under a virtual clock (docs/backtesting.md).
//
// The loop: the clock moves from one close of the strategies' shortest interval to the next
// (and, while trades are open, at least every backtest.step); before each move the simulator
// plays its market up to the new time, so the DataService receives the closed candles through
// its stream sink and the position monitor the fills through the account stream, exactly as
// live. At each close the StrategyEngine analyses the candles closed by then, the best
// signals go through the RiskManager and the ExecutionService, and the account's equity is
// sampled. At the end open positions are closed at market and the outputs are written.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>
#include <system_error>

#include <spdlog/spdlog.h>

#include "app/alert_forwarder.hpp"
#include "app/backtest_outputs.hpp"
#include "app/command_settings.hpp"
#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "app/market_scan.hpp"
#include "app/plugin_set.hpp"
#include "app/scan_plan.hpp"
#include "app/strategy_pass.hpp"
#include "app/trading_pass.hpp"
#include "backtest/progress_bar.hpp"
#include "config/diagnostic.hpp"
#include "config/load_settings.hpp"
#include "plugin/plugin_directories.hpp"
#include "services/interval.hpp"
#include "services/order_records.hpp"
#include "services/simulator_client.hpp"
#include "store/journal_schema.hpp"
#include "store/sqlite_db.hpp"
#include "store/trades_json.hpp"
#include "core/atomic_file.hpp"

namespace tb::host {
namespace {

constexpr std::int64_t call_timeout_ns = 10'000'000'000;

// The files a backtest owns in its output directory: removed before a run, so that nothing
// of an earlier run survives into this one's results.
constexpr const char* owned_files[] = {"journal.db",  "journal.db-wal", "journal.db-shm",
                                       "trades.json", "trades.csv",     "summary.txt",
                                       "report.html", "metrics.json"};

// The mode of the first trade in the directory's journal or trades.json that is not a
// backtest's, read without changing either file.
std::optional<trade_mode> real_trades_in(const std::filesystem::path& dir) {
  const auto db = dir / "journal.db";
  if (std::filesystem::exists(db)) {
    check_existing_journal(db.string());
    auto journal = sqlite_db::open(db.string(), sqlite_db::access::read_only);
    statement s(journal, "SELECT mode FROM trades WHERE mode <> 'backtest' LIMIT 1");
    if (s.step()) return s.text(0) == name_of(trade_mode::live) ? trade_mode::live : trade_mode::paper;
  }
  const auto json = dir / "trades.json";
  if (std::filesystem::exists(json)) {
    for (const auto& t : parse_trades_json(read_file_if_present(json.string()).value_or(""),
                                           json.string())) {
      if (t.mode != trade_mode::backtest) return t.mode;
    }
  }
  return std::nullopt;
}

// Refuses an output directory that holds live or paper trades (a state directory): a
// backtest writes only where nothing but backtests have been.
void prepare_output_dir(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  if (const auto mode = real_trades_in(dir)) {
    throw journal_error("backtest.output_dir " + dir.string() + " holds a journal with " +
                        std::string(name_of(*mode)) +
                        " trades; a backtest writes only where it owns the journal: choose "
                        "another backtest.output_dir");
  }
  for (const char* name : owned_files) std::filesystem::remove(dir / name);
}

// The symbols charted in the report: most trades first, then by name; at most `limit`.
std::vector<std::string> chart_symbols(const std::vector<trade_record>& trades, std::size_t limit) {
  std::map<std::string, std::size_t> counts;
  for (const auto& t : trades) ++counts[t.symbol];
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (const auto& [symbol, n] : ranked) {
    if (out.size() == limit) break;
    out.push_back(symbol);
  }
  return out;
}

report_series chart_of(exchange_client& exchange, const std::string& symbol,
                       const std::string& interval, std::int64_t start_ms, std::int64_t end_ms,
                       const clock& clk) {
  report_series series{symbol, interval, {}};
  std::int64_t from = start_ms;
  while (from < end_ms) {
    std::vector<tb_candle> page;
    const auto status = exchange.fetch_candles({symbol, interval, from, end_ms - 1, 1500},
                                               clk.monotonic_ns() + call_timeout_ns, page);
    if (!status.ok() || page.empty()) break;
    for (const auto& c : page) {
      if ((c.flags & TB_CANDLE_CLOSED) == 0) continue;
      series.candles.push_back({c.open_time_ms, c.open, c.high, c.low, c.close});
    }
    if (page.back().open_time_ms < from) break;
    from = page.back().open_time_ms + 1;
  }
  return series;
}

class backtest_run {
 public:
  backtest_run(const bot_settings& settings, core_services& services, virtual_clock& clk,
               plugin_set& plugins, simulator_client simulator, backtest_timing& timing)
      : timing_(timing),
        settings_(settings),
        services_(services),
        clock_(clk),
        plugins_(plugins),
        simulator_(simulator),
        log_(services.logs().logger_for("backtest")) {}

  int run(std::ostream& out) {
    using seconds = std::chrono::duration<double>;
    const auto began = std::chrono::steady_clock::now();
    trading_pass trading(services_, plugins_, settings_);
    trading.reconcile();
    strategy_pass strategies(services_, plugins_);
    strategies.summary_level(spdlog::level::debug);  // one pass per candle close
    const scan_plan plan = plan_scan(settings_.data, strategies.data_needs());
    for (const auto& problem : plan.problems) log_->warn("market scan: {}", problem);
    const std::string decision_interval = shortest_interval(plan);
    const std::int64_t every = interval_ms(decision_interval);
    if (every <= 0) {
      log_->critical("no strategy asked for candles: nothing to backtest");
      return exit_config;
    }
    auto data = open_market_data(services_, plugins_, settings_, plan.capacity, *log_);
    if (!data) return exit_failure;
    const auto universe = data->universe();
    for (const auto& planned : plan.intervals) {
      const auto status = data->subscribe(universe, planned.interval);
      if (!status.ok()) {
        log_->critical("the simulated exchange refused the {} candle stream: {}",
                       planned.interval, status.describe());
        return exit_failure;
      }
    }
    scan_market(*data, plan, *log_);  // the history before the start: the warm-up
    trading.attach_positions();

    const auto& period = settings_.backtest;
    const double starting_equity = trading.equity();
    std::vector<equity_point> equity;
    progress_bar progress(settings_.backtest.progress ? &std::cerr : nullptr,
                          isatty(STDERR_FILENO) == 1, period.start_ms, period.end_ms);
    const std::int64_t step = period.step.count();
    std::int64_t next_decision = (period.start_ms + every - 1) / every * every;
    const auto loop_began = std::chrono::steady_clock::now();
    timing_.warm_up_seconds = seconds(loop_began - began).count();
    // Fills come back at the base candle they happened in (the simulator stops there); only
    // position checks (break-even, trailing, time exits), or a simulator that cannot stop,
    // need the clock to stop every `step` while a trade is open.
    const bool stepped = settings_.positions.manages_positions() || !simulator_.stops_at_account_events();
    std::int64_t now = period.start_ms;
    while (true) {
      std::int64_t next = next_decision;
      if (stepped && trading.open_trade_count() > 0) next = std::min(next, now + step);
      next = std::min(next, period.end_ms);
      if (next <= now && now != period.start_ms) break;
      now = move_to(now, next);
      const bool decide = now == next_decision && now <= period.end_ms;
      trading.follow_step(true);
      if (decide) {
        const rank_outcome ranked = strategies.run(*data, plan.strategy_intervals,
                                                   settings_.strategy.max_signals,
                                                   trading.held_symbols());
        trading.execute(ranked);
        trading.follow_step(false);
        next_decision += every;
        const double e = trading.equity();
        if (equity.empty() || equity.back().time_ms < now) equity.push_back({now, e});
        progress.update(now, [&] { return trading.journal().closed_trades(0).size(); });
      }
      if (now >= period.end_ms) break;
    }
    const auto loop_ended = std::chrono::steady_clock::now();
    timing_.loop_seconds = seconds(loop_ended - loop_began).count();
    trading.close_all("the backtest ended");
    if (equity.empty() || equity.back().time_ms < now) {
      equity.push_back({now, trading.equity()});
    } else {
      equity.back().equity = trading.equity();
    }
    trading.journal().flush();  // the journal file and trades.json (not durable: in memory)
    const auto trades = trading.journal().closed_trades(0);
    progress.finish(trades.size());

    backtest_result result;
    result.title = title();
    result.start_ms = period.start_ms;
    result.end_ms = period.end_ms;
    result.starting_equity = starting_equity;
    result.trades = trades;
    result.equity = std::move(equity);
    exchange_client exchange(*plugins_.of_kind(TB_KIND_EXCHANGE).front());
    for (const auto& symbol : chart_symbols(trades, settings_.backtest.chart_symbols)) {
      result.charts.push_back(
          chart_of(exchange, symbol, decision_interval, period.start_ms, period.end_ms, clock_));
    }
    performance_summary summary;
    const backtest_files files =
        write_backtest_outputs(settings_.backtest.output_dir, result, summary);
    out << '\n' << format_summary_table(summary) << '\n';
    out << "trades:  " << files.trades_csv.string() << " and " << files.trades_json.string()
        << '\n';
    out << "summary: " << files.summary.string() << '\n';
    out << "report:  " << files.report.string() << '\n';
    timing_.trades = trades.size();
    timing_.output_seconds = seconds(std::chrono::steady_clock::now() - loop_ended).count();
    log_->info("real time: warm-up {:.3f} s, the period {:.3f} s, outputs {:.3f} s",
               timing_.warm_up_seconds, timing_.loop_seconds, timing_.output_seconds);
    return exit_ok;
  }

 private:
  // The simulator first (its fills and candles reach the sinks), then the host's clock, to
  // `until` or to the first account event before it. Returns the new now.
  std::int64_t move_to(std::int64_t now, std::int64_t until) {
    const std::int64_t reached = simulator_.advance_to_account_event(now, until);
    const std::int64_t delta = reached - clock_.wall_ms();
    if (delta > 0) clock_.advance_ms(delta);
    return reached;
  }

  std::string title() const {
    std::string strategies;
    for (const auto* s : plugins_.of_kind(TB_KIND_STRATEGY)) {
      strategies += (strategies.empty() ? "" : ", ") + s->name();
    }
    return "Backtest: " + strategies + " on " + plugins_.of_kind(TB_KIND_EXCHANGE).front()->name();
  }

  backtest_timing& timing_;
  const bot_settings& settings_;
  core_services& services_;
  virtual_clock& clock_;
  plugin_set& plugins_;
  simulator_client simulator_;
  std::shared_ptr<spdlog::logger> log_;
};

int backtest_with(const bot_settings& loaded, const run_options& options, std::ostream& out,
                  backtest_timing& timing) {
  // The run's journal, trades and metrics live in the output directory.
  bot_settings settings = loaded;
  settings.state_dir = loaded.backtest.output_dir;
  auto owned_clock = std::make_unique<virtual_clock>(settings.backtest.start_ms, 1'000'000'000);
  virtual_clock& clk = *owned_clock;
  core_services services(settings, std::move(owned_clock));
  auto log = services.logs().logger_for("backtest");
  log->info("TradingBot {} backtest with {}: {} -> {}", version_string(),
            loaded.source_file.string(), settings.backtest.start_ms, settings.backtest.end_ms);

  plugin_set plugins(services, plugin_search_path(options.plugin_dirs, settings.plugins.directories));
  try {
    plugins.load(settings.plugins.load);
  } catch (const startup_error& e) {
    log->critical("start-up stopped: {}", e.what());
    return exit_config;
  }
  alert_forwarder forwarder(services.alerts(), plugins.of_kind(TB_KIND_NOTIFIER));
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  std::optional<simulator_client> simulator;
  if (!exchanges.empty()) simulator = simulator_client::of(*exchanges.front());
  if (!simulator) {
    log->critical("a backtest needs a simulated exchange (one offering tb.simulator/1, such as "
                  "exchange_sim); {}",
                  exchanges.empty() ? std::string("no exchange plugin is running")
                                    : exchanges.front()->name() + " is not one");
    plugins.stop_all();
    return exit_config;
  }
  int code = exit_failure;
  try {
    code = backtest_run(settings, services, clk, plugins, *simulator, timing).run(out);
  } catch (const journal_error& e) {
    log->critical("backtest stopped: {}", e.what());
    code = exit_config;
  } catch (const std::exception& e) {
    log->critical("backtest failed: {}", e.what());
    code = exit_failure;
  }
  plugins.stop_all();
  services.write_metrics(settings.backtest.output_dir / "metrics.json", *log);
  return code;
}

}  // namespace

int run_backtest(const bot_settings& settings, const run_options& options, std::ostream& out,
                 backtest_timing* timing) {
  try {
    prepare_output_dir(settings.backtest.output_dir);
  } catch (const journal_error& e) {
    std::cerr << "tradingbot: " << e.what() << '\n';
    return exit_config;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "tradingbot: cannot prepare " << settings.backtest.output_dir.string() << ": "
              << e.what() << '\n';
    return exit_failure;
  }
  backtest_timing ignored;
  return backtest_with(settings, options, out, timing != nullptr ? *timing : ignored);
}

int backtest(const run_options& options, std::ostream& out) {
  const auto loaded = load_command_settings(options.config, "tradingbot", std::cerr);
  if (!loaded) return exit_config;
  const bot_settings& settings = *loaded;
  if (settings.mode != run_mode::backtest && settings.mode != run_mode::demo) {
    std::cerr << "tradingbot: " << options.config.string() << " is a "
              << to_string(settings.mode)
              << " configuration; `tradingbot backtest` takes mode: backtest (or demo)\n";
    return exit_config;
  }
  try {
    return run_backtest(settings, options, out);
  } catch (const std::exception& e) {
    std::cerr << "tradingbot: " << e.what() << '\n';
    return exit_failure;
  }
}

}  // namespace tb::host
