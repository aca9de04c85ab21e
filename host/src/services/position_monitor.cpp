#include "services/position_monitor.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "services/client_order_id.hpp"
#include "services/order_grid.hpp"
#include "services/order_records.hpp"
#include "services/reconciler.hpp"

namespace tb::host {
namespace {

// `price` on the tick grid, rounded away from the market (a long's stop down, a short's up).
std::optional<std::string> on_tick(double price, const std::string& tick, bool is_long) {
  const auto value = decimal::from_double(price);
  const auto step = decimal::parse(tick);
  if (!value || !step) return std::nullopt;
  const auto rounded = round_to_grid(*value, *step, is_long ? rounding::down : rounding::up);
  if (!rounded || rounded->is_zero()) return std::nullopt;
  return rounded->to_string();
}

}  // namespace

position_monitor::position_monitor(order_gateway& gateway, trade_journal& journal,
                                   execution_service& execution, alert_manager& alerts,
                                   const clock& clk, std::shared_ptr<spdlog::logger> log,
                                   position_settings settings, trade_mode mode, tick_lookup ticks,
                                   std::chrono::milliseconds call_timeout)
    : gateway_(gateway),
      journal_(journal),
      execution_(execution),
      alerts_(alerts),
      clock_(clk),
      log_(std::move(log)),
      settings_(settings),
      mode_(mode),
      ticks_(std::move(ticks)),
      call_timeout_(call_timeout) {}

position_monitor::~position_monitor() { stop(); }

bool position_monitor::start() {
  const bool subscribed = attach();
  thread_ = std::thread([this] { run(); });
  return subscribed;
}

bool position_monitor::attach() {
  bool subscribed = true;
  if (mode_ != trade_mode::paper) {
    tb_market_sink sink{};
    sink.struct_size = sizeof sink;
    sink.ctx = this;
    sink.on_order_update = [](void* ctx, const tb_order_state* order) {
      auto& self = *static_cast<position_monitor*>(ctx);
      {
        std::lock_guard lock(self.mutex_);
        self.updates_.push_back(*order);
      }
      self.wake_.notify_all();
    };
    sink.on_stream_status = [](void* ctx, const char*, std::int32_t status, const char*) {
      if (status != TB_STREAM_CONNECTED) return;
      // Back after a gap: whatever happened meanwhile is found by a check.
      auto& self = *static_cast<position_monitor*>(ctx);
      {
        std::lock_guard lock(self.mutex_);
        self.check_soon_ = true;
      }
      self.wake_.notify_all();
    };
    const exchange_status status = gateway_.subscribe_account(sink);
    if (!status.ok()) {
      subscribed = false;
      log_->warn("account stream not followed ({}); positions are checked every {} s instead",
                 status.describe(), settings_.check_every.count() / 1000);
    }
  }
  return subscribed;
}

std::size_t position_monitor::pump() {
  std::size_t handed = 0;
  std::unique_lock lock(mutex_);
  while (!updates_.empty()) {
    const tb_order_state update = updates_.front();
    updates_.pop_front();
    lock.unlock();
    execution_.on_order_update(update);
    ++handed;
    lock.lock();
  }
  return handed;
}

void position_monitor::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void position_monitor::run() {
  const std::int64_t period =
      std::chrono::duration_cast<std::chrono::nanoseconds>(settings_.check_every).count();
  std::int64_t next_check = clock_.monotonic_ns() + period;
  time_listener listener(clock_, wake_, mutex_);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!updates_.empty()) {
      lock.unlock();
      pump();
      lock.lock();
      continue;
    }
    if (check_soon_ || clock_.monotonic_ns() >= next_check) {
      check_soon_ = false;
      lock.unlock();
      check();
      lock.lock();
      next_check = clock_.monotonic_ns() + period;
      continue;
    }
    clock_.wait_until(wake_, lock, next_check);
  }
}

void position_monitor::check() {
  std::lock_guard one_at_a_time(check_mutex_);
  try {
    if (before_check_) before_check_();
    if (mode_ == trade_mode::live) {
      reconciler r(gateway_, journal_, alerts_, clock_, log_, {mode_, false, call_timeout_});
      const reconcile_report report = r.run();
      for (const auto& problem : report.problems) log_->warn("check: {}", problem);
    }
    if (!settings_.manages_positions()) return;
    std::vector<tb_position> positions;
    if (!gateway_.get_positions(deadline_after(clock_, call_timeout_), positions).ok()) return;
    std::map<std::string, double> marks;
    for (const auto& p : positions) marks[p.symbol] = decimal_value(p.mark_price);
    std::map<std::int64_t, intent_record> open;
    for (auto& intent : journal_.open_intents()) {
      if (intent.state == intent_state::open) open.emplace(intent.id, std::move(intent));
    }
    for (const auto& trade : journal_.open_trades()) {
      const auto mark = marks.find(trade.symbol);  // none: gone, reconciliation closes it
      const auto intent = trade.intent_id ? open.find(*trade.intent_id) : open.end();
      if (trade.mode == mode_ && mark != marks.end() && intent != open.end()) {
        manage(intent->second, trade, mark->second);
      }
    }
  } catch (const std::exception& e) {
    // A journal or exchange fault must not end the monitor: the next check tries again.
    log_->error("position check failed: {}", e.what());
  }
}

void position_monitor::manage(const intent_record& intent, const trade_record& trade, double mark) {
  if (settings_.max_hold.count() > 0 &&
      clock_.wall_ms() - trade.opened_ms >= settings_.max_hold.count()) {
    execution_.close_position(intent, exit_reason::time_exit,
                              "held longer than positions.max_hold");
    return;
  }
  const bool is_long = intent.side == position_side::long_side;
  const double direction = is_long ? 1.0 : -1.0;
  const double entry = decimal_value(trade.entry_price);
  const double risk = std::abs(decimal_value(intent.entry_price) - decimal_value(intent.stop_price));
  if (mark <= 0 || entry <= 0 || risk <= 0) return;
  const double profit_r = (mark - entry) * direction / risk;

  const auto current = journal_.order_by_client_id(client_order_id(
      intent.client_id, order_role::stop, std::max(1u, live_attempt(journal_, intent.id, order_role::stop))));
  if (!current || !current->stop_price) return;
  const double stop = decimal_value(*current->stop_price);
  const auto better = [&](double a, double b) { return is_long ? std::max(a, b) : std::min(a, b); };

  double wanted = stop;
  std::string why;
  if (settings_.break_even_at_r > 0 && profit_r >= settings_.break_even_at_r &&
      better(wanted, entry) != wanted) {
    wanted = entry;
    why = fmt::format("break-even at +{}R", settings_.break_even_at_r);
  }
  if (settings_.trailing_stop_r > 0 && profit_r >= settings_.trailing_stop_r) {
    const double trail = mark - direction * settings_.trailing_stop_r * risk;
    if (better(wanted, trail) != wanted) {
      wanted = trail;
      why = fmt::format("trailing {}R behind {}", settings_.trailing_stop_r, mark);
    }
  }
  if (wanted == stop) return;
  const auto tick = ticks_ ? ticks_(intent.symbol) : std::nullopt;
  if (!tick) return;
  const auto price = on_tick(wanted, *tick, is_long);
  if (!price) return;
  const double moved = decimal_value(*price);
  // Only toward profit, and never through the price (it would trigger at once).
  if (better(moved, stop) == stop || (is_long ? moved >= mark : moved <= mark)) return;
  execution_.move_stop(intent, *price, why);
}

std::size_t position_monitor::open_trade_count() {
  std::size_t n = 0;
  for (const auto& t : journal_.open_trades()) n += t.mode == mode_ ? 1 : 0;
  return n;
}

void position_monitor::follow(std::chrono::milliseconds duration) {
  const std::int64_t until =
      clock_.monotonic_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
  while (open_trade_count() > 0) {
    const std::int64_t now = clock_.monotonic_ns();
    if (now >= until) break;
    sleep_until(clock_, std::min(until, now + 200'000'000));  // the journal is polled
  }
}

}  // namespace tb::host
