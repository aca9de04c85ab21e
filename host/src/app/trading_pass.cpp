#include "app/trading_pass.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/atomic_file.hpp"
#include "services/order_records.hpp"
#include "services/position_monitor.hpp"
#include "services/reconciler.hpp"
#include "services/utc_time.hpp"

namespace tb::host {
namespace {

constexpr std::chrono::seconds call_timeout{10};

trade_mode trade_mode_of(run_mode mode) {
  switch (mode) {
    case run_mode::live: return trade_mode::live;
    case run_mode::paper: return trade_mode::paper;
    case run_mode::demo:
    case run_mode::backtest: break;
  }
  return trade_mode::backtest;
}

}  // namespace

trading_pass::trading_pass(core_services& services, const plugin_set& plugins,
                           const bot_settings& settings)
    : services_(services),
      settings_(settings),
      log_(services.logs().logger_for("execution")),
      mode_(trade_mode_of(settings.mode)),
      // A backtest's journal is rebuilt on every run: it needs no sync per commit.
      journal_(trade_journal::open((settings.state_dir / "journal.db").string(),
                                   (settings.state_dir / "trades.json").string(),
                                   mode_ != trade_mode::backtest)),
      risk_(settings.risk) {
  // Stop-loss cooldowns outlive a restart: rebuilt from the trades the journal closed.
  const std::int64_t now = services.time().wall_ms();
  for (const auto& t : journal_->closed_trades(now - settings.risk.stop_loss_cooldown.count())) {
    if (t.mode == mode_ && t.reason == exit_reason::stop_loss && t.closed_ms) {
      risk_.record_stop_loss(t.symbol, *t.closed_ms);
    }
  }
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  if (!exchanges.empty()) exchange_ = std::make_unique<exchange_client>(*exchanges.front());
  if (mode_ != trade_mode::paper) {
    gateway_ = exchange_.get();  // the exchange, or in a backtest the simulated one
  } else {
    // Fills simulated in the host; the account is kept in the state directory.
    paper_ = std::make_unique<paper_gateway>(paper_settings{});
    gateway_ = paper_.get();
    load_paper_account();
  }
  if (gateway_ == nullptr) {
    log_->error("no exchange plugin is running: signals cannot be traded");
    return;
  }
  execution_ = std::make_unique<execution_service>(*gateway_, *journal_, risk_, services.alerts(),
                                                   services.time(), log_,
                                                   execution_settings{mode_, call_timeout});
  if (paper_) {
    // The paper account reports fills synchronously, so stops and targets hit by later
    // prices close their trades. (A live account stream is followed by the position
    // monitor, follow().)
    tb_market_sink sink{};
    sink.struct_size = sizeof sink;
    sink.ctx = execution_.get();
    sink.on_order_update = [](void* ctx, const tb_order_state* order) {
      static_cast<execution_service*>(ctx)->on_order_update(*order);
    };
    paper_->subscribe_account(sink);
  }
  log_->info("trade journal {} ({} open trades); {} orders", journal_->db_path(),
             journal_->open_trades().size(), name_of(mode_));
}

trading_pass::~trading_pass() {
  stop_monitoring();
  stepped_monitor_.reset();  // it hands updates to the ExecutionService
  execution_.reset();
  save_paper_account();
}

std::filesystem::path trading_pass::paper_account_path() const {
  return settings_.state_dir / "paper_account.json";
}

void trading_pass::load_paper_account() {
  const std::string path = paper_account_path().string();
  try {
    const auto text = read_file_if_present(path);
    if (!text) return;
    paper_->load_state(*text);
  } catch (const std::exception& e) {
    // Never overwritten: the paper positions in it are what the journal's paper trades are.
    throw journal_error("paper account " + path + ": " + e.what() +
                        "; start-up stopped and the file was left as it is (move it away to "
                        "start a new paper account)");
  }
  log_->info("paper account restored from {}", path);
}

void trading_pass::save_paper_account() noexcept {
  if (!paper_) return;
  try {
    write_file_atomically(paper_account_path().string(), paper_->save_state());
  } catch (const std::exception& e) {
    log_->error("saving the paper account to {} failed: {}", paper_account_path().string(), e.what());
  }
}

void trading_pass::replay_paper_prices() {
  if (!paper_ || !exchange_) return;
  const std::int64_t since = paper_->last_price_time();
  for (const auto& t : journal_->open_trades()) {
    if (t.mode != trade_mode::paper) continue;
    std::vector<tb_candle> candles;
    const auto status = exchange_->fetch_candles(
        {t.symbol, "1m", since > 0 ? since + 1 : 0, 0, since > 0 ? 1500u : 2u},
        deadline_after(services_.time(), call_timeout), candles);
    if (!status.ok() || candles.empty()) {
      log_->warn("paper {}: no prices since {} ({}); its stop and target see only later prices",
                 t.symbol, since, status.ok() ? "none yet" : status.describe());
      continue;
    }
    if (since > 0 && candles.front().open_time_ms > since + 60'000) {
      log_->warn("paper {}: prices are replayed from {} only; what happened before is not seen",
                 t.symbol, candles.front().open_time_ms);
    }
    // Each closed minute as open, the worse extreme for the position first, the better,
    // close: a stop and a target both touched in one minute count as the stop. The account
    // remembers the minute's open time, so the next replay starts after it; the minute still
    // forming gives only its latest price and is replayed whole once it has closed.
    const bool is_long = t.side == position_side::long_side;
    for (const auto& c : candles) {
      if ((c.flags & TB_CANDLE_CLOSED) == 0) {
        paper_->on_price(t.symbol, c.close, c.open_time_ms - 1);
        continue;
      }
      for (const double p : {c.open, is_long ? c.low : c.high, is_long ? c.high : c.low, c.close}) {
        paper_->on_price(t.symbol, p, c.open_time_ms);
      }
    }
  }
}

bool trading_pass::reconcile() {
  if (gateway_ == nullptr) return false;
  if (paper_) replay_paper_prices();  // what the market did while the bot was away
  reconciler r(*gateway_, *journal_, services_.alerts(), services_.time(), log_,
               {mode_, false, call_timeout});
  const reconcile_report report = r.run();
  for (const auto& problem : report.problems) log_->warn("reconcile: {}", problem);
  reconciled_ = report.complete;
  save_paper_account();
  services_.health().update("execution",
                            reconciled_ ? health_state::healthy : health_state::degraded,
                            reconciled_ ? "reconciled with the exchange"
                                        : "reconciliation incomplete: no new entries");
  return reconciled_;
}

std::vector<std::string> trading_pass::held_symbols() {
  if (cached_.held) return *cached_.held;
  std::set<std::string> held;
  for (const auto& t : journal_->open_trades()) {
    if (t.mode == mode_) held.insert(t.symbol);
  }
  std::vector<tb_position> positions;
  if (gateway_ != nullptr &&
      gateway_->get_positions(deadline_after(services_.time(), call_timeout), positions).ok()) {
    for (const auto& p : positions) held.insert(p.symbol);
  }
  std::vector<std::string> out(held.begin(), held.end());
  if (caches_account()) cached_.held = out;
  return out;
}

bool trading_pass::load_filters() {
  if (!filters_.empty()) return true;
  std::vector<tb_symbol_info> symbols;
  if (exchange_ == nullptr ||
      !exchange_->list_symbols(deadline_after(services_.time(), call_timeout), symbols).ok()) {
    return false;
  }
  for (const auto& s : symbols) filters_[s.symbol] = s;
  return true;
}

std::unique_ptr<position_monitor> trading_pass::make_monitor() {
  load_filters();
  auto monitor = std::make_unique<position_monitor>(
      *gateway_, *journal_, *execution_, services_.alerts(), services_.time(), log_,
      settings_.positions, mode_,
      [this](const std::string& symbol) -> std::optional<std::string> {
        const auto it = filters_.find(symbol);
        if (it == filters_.end()) return std::nullopt;
        return std::string(it->second.tick_size);
      },
      call_timeout);
  if (paper_) {
    monitor->before_check([this] {
      replay_paper_prices();
      save_paper_account();
    });
  }
  return monitor;
}

void trading_pass::set_trade_listener(trade_listener* listener) {
  if (execution_ != nullptr) execution_->set_trade_listener(listener);
}

void trading_pass::start_monitoring() {
  if (execution_ == nullptr || service_monitor_) return;
  service_monitor_ = make_monitor();
  service_monitor_->start();
}

void trading_pass::stop_monitoring() {
  if (!service_monitor_) return;
  service_monitor_->stop();
  service_monitor_.reset();
}

void trading_pass::attach_positions() {
  if (execution_ == nullptr || stepped_monitor_) return;
  stepped_monitor_ = make_monitor();
  stepped_monitor_->attach();
}

void trading_pass::follow_step(bool check) {
  if (!stepped_monitor_) return;
  std::size_t updates = stepped_monitor_->pump();
  if (check) {
    stepped_monitor_->check();
    updates += stepped_monitor_->pump();
  }
  if (updates > 0) account_changed();
}

std::size_t trading_pass::open_trade_count() {
  return stepped_monitor_ ? stepped_monitor_->open_trade_count() : 0;
}

void trading_pass::close_all(const std::string& why) {
  if (execution_ == nullptr) return;
  account_changed();
  for (const auto& intent : journal_->open_intents()) {
    if (intent.mode == mode_ && intent.state == intent_state::open) {
      execution_->close_position(intent, exit_reason::manual, why);
    }
  }
  follow_step(false);
}

void trading_pass::follow(std::chrono::milliseconds duration) {
  if (execution_ == nullptr || duration.count() <= 0) return;
  if (journal_->open_trades().empty()) return;
  const auto owned = make_monitor();
  position_monitor& monitor = *owned;
  log_->info("following open positions for up to {} s (checks every {} s)",
             duration.count() / 1000, settings_.positions.check_every.count() / 1000);
  monitor.start();  // the pass has just reconciled: the first check comes after check_every
  monitor.follow(duration);
  monitor.stop();
  log_->info("stopped following positions; {} still open, held by their exchange-side orders",
             monitor.open_trade_count());
}

std::optional<tb_balance> trading_pass::usdt_balance() {
  std::vector<tb_balance> balances;
  if (gateway_ == nullptr ||
      !gateway_->get_balances(deadline_after(services_.time(), call_timeout), balances).ok()) {
    return std::nullopt;
  }
  for (const auto& b : balances) {
    if (std::string_view(b.asset) == "USDT") return b;
  }
  return std::nullopt;
}

double trading_pass::equity() {
  if (cached_.equity) return *cached_.equity;
  const auto b = usdt_balance();
  const double e = b ? decimal_value(decimal_add(amount(b->wallet_balance), amount(b->unrealized_pnl))) : 0.0;
  if (b && caches_account() && open_trade_count() == 0) cached_.equity = e;
  return e;
}

double trading_pass::today_net_pnl(std::int64_t now_ms) {
  return decimal_value(journal_->net_pnl_since(start_of_utc_day(now_ms), mode_));
}

account_view trading_pass::account(std::int64_t now_ms) {
  account_view view;
  const auto b = usdt_balance();
  if (!b) return view;
  const std::string equity = decimal_add(amount(b->wallet_balance), amount(b->unrealized_pnl));
  view.equity = decimal_value(equity);
  view.available_margin = decimal_value(amount(b->available_balance));
  latest_equity_ = equity_snapshot{0, now_ms, equity, amount(b->available_balance),
                                   amount(b->unrealized_pnl), mode_};
  view.day_realized_pnl = today_net_pnl(now_ms);
  if (!journal_peak_) {  // the history is read once; this run's own snapshot comes last
    journal_peak_ = 0.0;
    for (const auto& s : journal_->equity_since(0)) {
      if (s.mode == mode_) journal_peak_ = std::max(*journal_peak_, decimal_value(s.equity));
    }
  }
  view.equity_peak = std::max(view.equity, *journal_peak_);
  return view;
}

void trading_pass::execute(const rank_outcome& ranked) {
  if (ranked.kept.empty() || execution_ == nullptr) return;
  if (!reconciled_) {
    log_->warn("{} signals not traded: the journal is not reconciled with the exchange",
               ranked.kept.size());
    return;
  }
  if (!load_filters()) {
    log_->error("{} signals not traded: the exchange's symbol filters could not be read",
                ranked.kept.size());
    return;
  }
  const auto& filters = filters_;

  std::vector<open_position> open;
  for (const auto& symbol : held_symbols()) open.push_back({symbol, TB_SIDE_LONG});
  for (const trade_signal& signal : ranked.kept) {
    const auto info = filters.find(signal.symbol);
    if (info == filters.end()) {
      log_->warn("signal {} not traded: the exchange lists no such symbol", signal.symbol);
      continue;
    }
    const std::int64_t now = services_.time().wall_ms();
    if (paper_) paper_->on_price(signal.symbol, signal.entry, now);  // the decision's close
    const execution_result result = execution_->execute_signal(signal, info->second, account(now), open);
    log_->log(result.outcome == execution_outcome::entered ? spdlog::level::info : spdlog::level::warn,
              "{} {} ({}): {}{}", signal.symbol, side_name(signal.side), signal.strategy,
              to_string(result.outcome), result.reason.empty() ? "" : ": " + result.reason);
    if (result.outcome == execution_outcome::entered) open.push_back({signal.symbol, signal.side});
  }
  account_changed();  // orders were sent
  // One snapshot a pass: the account as the last decision saw it.
  if (latest_equity_) journal_->record_equity(*latest_equity_);
  save_paper_account();
}

}  // namespace tb::host
