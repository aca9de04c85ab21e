// The exchange_sim plugin: the bot's live pipeline against a simulated Binance USDT-M market
// whose clock is the host's (host().wall_ms() is virtual in backtests). The host moves the
// market with advance_to(); everything is deterministic: no threads, no real time.
//
// One mutex guards the feed, the cursors and the engine ([worker] calls may be concurrent);
// what a call causes is collected under it and pushed to the sinks after it is released, in
// order, on the caller's thread.
#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/matching_engine.hpp"
#include "feed/candle_feed.hpp"
#include "feed/file_feed.hpp"
#include "feed/synthetic_feed.hpp"
#include "market/interval.hpp"
#include "replay/candle_fold.hpp"
#include "replay/symbol_cursor.hpp"
#include "sim_settings.hpp"
#include "tradingbot/sdk.hpp"

namespace tb::exchange_sim {
namespace {

constexpr std::uint32_t default_limit = 500;
constexpr std::uint32_t max_limit = 1500;

std::unique_ptr<candle_feed> make_feed(const sim_settings& s) {
  if (s.market == "synthetic") {
    const interval base = s.base_interval == "1h" ? interval::h1 : interval::m1;
    return std::make_unique<synthetic_feed>(s.symbol_count, s.seed, base, s.funding_rate);
  }
  try {
    return std::make_unique<file_feed>(std::filesystem::path(s.data_dir), s.base_interval, s.symbol_names);
  } catch (const std::exception& e) {
    throw sdk::error(TB_E_IO, std::string("exchange_sim: cannot read the candle files: ") + e.what());
  }
}

std::int32_t decimals_of(const std::string& text) {
  const auto point = text.find('.');
  return point == std::string::npos ? 0 : static_cast<std::int32_t>(text.size() - point - 1);
}

std::int64_t parse_rule(const std::string& text, int decimals, const std::string& what) {
  const auto v = parse_fixed(text, decimals);
  if (!v || *v < 0) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: the feed's " + what + " '" + text + "' is not a decimal the simulator can hold");
  }
  return *v;
}

std::vector<symbol_rules> rules_of(const std::vector<feed_symbol>& symbols) {
  std::vector<symbol_rules> out;
  for (const feed_symbol& s : symbols) {
    symbol_rules r;
    r.name = s.name;
    r.tick = parse_rule(s.tick_size, 10, s.name + " tick size");
    r.step = parse_rule(s.step_size, 8, s.name + " step size");
    r.min_qty = parse_rule(s.min_qty, 8, s.name + " min_qty");
    r.max_qty = parse_rule(s.max_qty, 8, s.name + " max_qty");
    r.min_notional = parse_rule(s.min_notional, 8, s.name + " min_notional");
    if (r.tick <= 0 || r.step <= 0) {
      throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: " + s.name + " has a zero tick or step size");
    }
    out.push_back(std::move(r));
  }
  return out;
}

// A closed candle of a subscribed series, to push.
struct candle_push {
  sdk::market_sink sink;
  std::string symbol;
  std::string interval;
  tb_candle candle;
};

using outgoing = std::variant<sdk::order_state, sdk::position, sdk::balance, candle_push>;

// What one call produced, pushed after the mutex is released.
struct batch {
  sdk::market_sink account;
  std::vector<outgoing> items;

  bool account_update = false;  // an item is an order, position or balance update

  void add(account_events& events) {
    for (account_event& e : events) std::visit([&](auto& v) { items.emplace_back(std::move(v)); }, e);
    account_update = account_update || !events.empty();
    events.clear();
  }
  void clear() {
    items.clear();
    account_update = false;
  }
  void deliver() const {
    for (const outgoing& item : items) {
      if (const auto* o = std::get_if<sdk::order_state>(&item)) account.push_order_update(*o);
      else if (const auto* p = std::get_if<sdk::position>(&item)) account.push_position_update(*p);
      else if (const auto* b = std::get_if<sdk::balance>(&item)) account.push_balance_update(*b);
      else {
        const auto& c = std::get<candle_push>(item);
        c.sink.push_candle(c.symbol, c.interval, c.candle);
      }
    }
  }
};

}  // namespace

class sim_exchange final : public sdk::exchange, public sdk::simulator {
 public:
  sim_exchange(sdk::host services, std::string instance_name)
      : exchange(services, std::move(instance_name)),
        settings_(parse_sim_settings(host().config_json(), [this](const std::string& m) { host().warn(m); })),
        feed_(make_feed(settings_)),
        base_ms_(feed_->base_interval_ms()),
        engine_(rules_of(feed_->symbols()), settings_.engine),
        cursors_(feed_->symbols().size()),
        subscriptions_of_(feed_->symbols().size()) {}

  std::vector<sdk::symbol_info> list_symbols(sdk::deadline) override {
    std::lock_guard lock(mutex_);
    std::vector<sdk::symbol_info> out;
    for (const feed_symbol& s : feed_->symbols()) {
      sdk::symbol_info info;
      info.symbol = s.name;
      const bool usdt = s.name.size() > 4 && s.name.ends_with("USDT");
      info.base_asset = usdt ? s.name.substr(0, s.name.size() - 4) : s.name;
      info.quote_asset = "USDT";
      info.contract_type = "PERPETUAL";
      info.tick_size = s.tick_size;
      info.step_size = s.step_size;
      info.min_qty = s.min_qty;
      info.max_qty = s.max_qty;
      info.min_notional = s.min_notional;
      info.price_precision = decimals_of(s.tick_size);
      info.quantity_precision = decimals_of(s.step_size);
      out.push_back(std::move(info));
    }
    return out;
  }

  // Only candles closed by the virtual now: never a look-ahead.
  std::vector<sdk::candle> fetch_candles(const sdk::candle_request& request, sdk::deadline) override {
    const std::int64_t iv = interval_length(request.interval);
    const std::uint32_t limit = request.limit == 0 ? default_limit : std::min(request.limit, max_limit);
    const std::int64_t now = host().wall_ms();
    std::int64_t last = floor_div(now, iv) * iv - iv;  // the newest candle closed by now
    if (request.end_ms > 0) last = std::min(last, floor_div(request.end_ms, iv) * iv);
    std::int64_t first = last - (static_cast<std::int64_t>(limit) - 1) * iv;
    if (request.start_ms > 0) {
      first = floor_div(request.start_ms + iv - 1, iv) * iv;
      last = std::min(last, first + (static_cast<std::int64_t>(limit) - 1) * iv);
    }
    std::vector<sdk::candle> out;
    if (first > last) return out;
    std::lock_guard lock(mutex_);
    const std::size_t k = engine_.symbol_index(request.symbol);
    // A day of base candles (or one candle of iv) at a time, to bound the memory.
    const std::int64_t step = std::max(iv, (day_ms / iv) * iv);
    for (std::int64_t from = first; from <= last; from += step) {
      const std::int64_t to = std::min(from + step, last + iv);
      scratch_.clear();
      feed_->base_candles(k, from, to, scratch_);
      bool open = false;
      tb_candle agg{};
      for (const tb_candle& c : scratch_) {
        const std::int64_t start = floor_div(c.open_time_ms, iv) * iv;
        if (open && start != agg.open_time_ms) {
          agg.flags = TB_CANDLE_CLOSED;
          out.push_back(agg);
          open = false;
        }
        if (!open) {
          fold_start(agg, c, start, iv);
          open = true;
        } else {
          fold_add(agg, c);
        }
      }
      if (open) {
        agg.flags = TB_CANDLE_CLOSED;
        out.push_back(agg);
      }
    }
    return out;
  }

  void subscribe_candles(const std::vector<std::string>& symbols, const std::string& interval,
                         const sdk::market_sink& sink) override {
    const std::int64_t iv = interval_length(interval);
    std::lock_guard lock(mutex_);
    std::vector<std::size_t> ks;
    for (const std::string& s : symbols) ks.push_back(engine_.symbol_index(s));
    for (const std::size_t k : ks) {
      auto& subs = subscriptions_of_[k];
      const auto it = std::find_if(subs.begin(), subs.end(), [&](const subscription& s) { return s.interval == interval; });
      if (it != subs.end()) {
        it->sink = sink;
        continue;
      }
      subs.push_back(subscription{interval, iv, sink, tb_candle{}, false});
      activate(k);
    }
  }

  void unsubscribe_candles(const std::vector<std::string>& symbols, const std::string& interval) override {
    std::lock_guard lock(mutex_);
    for (const std::string& s : symbols) {
      auto& subs = subscriptions_of_[engine_.symbol_index(s)];
      subs.erase(std::remove_if(subs.begin(), subs.end(), [&](const subscription& x) { return x.interval == interval; }),
                 subs.end());
    }
  }

  void subscribe_account(const sdk::market_sink& sink) override {
    std::lock_guard lock(mutex_);
    account_sink_ = sink;
  }

  std::vector<sdk::balance> get_balances(sdk::deadline) override {
    std::lock_guard lock(mutex_);
    return {engine_.balance(host().wall_ms())};
  }

  std::vector<sdk::position> get_positions(sdk::deadline) override {
    std::lock_guard lock(mutex_);
    return engine_.positions(host().wall_ms());
  }

  sdk::order_state place_order(const sdk::order_request& request, sdk::deadline) override {
    batch out;
    sdk::order_state state;
    {
      std::lock_guard lock(mutex_);
      const std::size_t k = engine_.symbol_index(request.symbol);
      activate(k);
      const std::int64_t now = host().wall_ms();
      account_events events;
      state = engine_.place(request, now, price_now(k, now), events);
      out.account = account_sink_;
      out.add(events);
    }
    out.deliver();
    return state;
  }

  sdk::order_state cancel_order(const std::string& symbol, const std::string& client_order_id, sdk::deadline) override {
    batch out;
    sdk::order_state state;
    {
      std::lock_guard lock(mutex_);
      account_events events;
      state = engine_.cancel(symbol, client_order_id, host().wall_ms(), events);
      out.account = account_sink_;
      out.add(events);
    }
    out.deliver();
    return state;
  }

  sdk::order_state query_order(const std::string& symbol, const std::string& client_order_id, sdk::deadline) override {
    std::lock_guard lock(mutex_);
    return engine_.query(symbol, client_order_id);
  }

  std::vector<sdk::order_state> list_open_orders(const std::optional<std::string>& symbol, sdk::deadline) override {
    std::lock_guard lock(mutex_);
    std::optional<std::size_t> k;
    if (symbol) k = engine_.symbol_index(*symbol);
    return engine_.open_orders(k);
  }

  void set_leverage(const std::string& symbol, std::int32_t leverage, sdk::deadline) override {
    std::lock_guard lock(mutex_);
    engine_.set_leverage(engine_.symbol_index(symbol), leverage);
  }

  void set_margin_type(const std::string& symbol, sdk::margin_type type, sdk::deadline) override {
    std::lock_guard lock(mutex_);
    engine_.set_margin_type(engine_.symbol_index(symbol), type);
  }

  std::vector<sdk::fill> get_order_fills(const std::string& symbol, const std::string& client_order_id,
                                         sdk::deadline) override {
    std::lock_guard lock(mutex_);
    return engine_.fills(symbol, client_order_id);
  }

  void advance_to(std::int64_t until_ms) override { play_until(until_ms, false); }

  std::int64_t advance_to_account_event(std::int64_t until_ms) override {
    return play_until(until_ms, true);
  }

 private:
  struct subscription {
    std::string interval;
    std::int64_t length_ms = 0;
    sdk::market_sink sink;
    tb_candle building{};
    bool has = false;
  };

  // Plays every base candle closing by until_ms, in time order across the active symbols
  // (ties: symbol order), and delivers what each time step caused before the next one; with
  // `stop_at_account_event`, stops after a step that caused an account update. Returns the
  // time played to.
  std::int64_t play_until(std::int64_t until_ms, bool stop_at_account_event) {
    std::unique_lock lock(mutex_);
    if (advanced_ && until_ms < played_to_) {
      throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: advance_to(" + std::to_string(until_ms) +
                                                  ") goes back before " + std::to_string(played_to_));
    }
    if (!advanced_) played_to_ = std::min(host().wall_ms(), until_ms);
    advanced_ = true;
    batch out;
    for (;;) {
      std::int64_t next = std::numeric_limits<std::int64_t>::max();
      for (const std::size_t k : active_) {
        if (const tb_candle* c = cursors_[k].peek(*feed_, k, until_ms)) next = std::min(next, c->open_time_ms);
      }
      if (next == std::numeric_limits<std::int64_t>::max()) break;
      for (std::size_t a = 0; a < active_.size(); ++a) {
        const std::size_t k = active_[a];
        const tb_candle* c = cursors_[k].peek(*feed_, k, until_ms);
        if (c != nullptr && c->open_time_ms == next) play(k, *c, out);
      }
      played_to_ = std::max(played_to_, next + base_ms_);
      if (!out.items.empty()) {
        const bool had_account_update = out.account_update;
        out.account = account_sink_;
        lock.unlock();
        out.deliver();
        out.clear();
        lock.lock();
        if (had_account_update && stop_at_account_event && played_to_ < until_ms) return played_to_;
      }
    }
    played_to_ = std::max(played_to_, until_ms);
    // Symbols that nothing needs any more stop being played (and are re-synced if needed).
    std::erase_if(active_, [&](std::size_t k) {
      const bool idle = subscriptions_of_[k].empty() && !engine_.busy(k);
      if (idle) cursors_[k].synced = false;
      return idle;
    });
    return played_to_;
  }

  std::int64_t interval_length(const std::string& text) const {
    const auto iv = parse_interval(text);
    if (!iv || interval_ms(*iv) % base_ms_ != 0) {
      throw sdk::error(TB_E_INVALID_ARGUMENT, "exchange_sim: interval '" + text +
                                                  "' is not supported: use 1m..1d, a multiple of the base interval " +
                                                  settings_.base_interval);
    }
    return interval_ms(*iv);
  }

  // Where the replay stands: candles closing by this time have been played.
  std::int64_t played_to() const { return advanced_ ? played_to_ : host().wall_ms(); }

  void activate(std::size_t k) {
    symbol_cursor& cursor = cursors_[k];
    if (cursor.synced) return;
    // The next candle to play is the first one not closed by played_to().
    cursor.seek(*feed_, k, played_to() - base_ms_ + 1);
    engine_.set_mark(k, price_from_double(cursor.last_close()));
    active_.insert(std::lower_bound(active_.begin(), active_.end(), k), k);
  }

  // The price at `now`: the open of the base candle opening then, else the last close.
  std::int64_t price_now(std::size_t k, std::int64_t now) {
    if (const tb_candle* c = cursors_[k].opening_at(*feed_, k, now)) return price_from_double(c->open);
    return price_from_double(cursors_[k].last_close());
  }

  void play(std::size_t k, const tb_candle& c, batch& out) {
    symbol_cursor& cursor = cursors_[k];
    const std::int64_t open = c.open_time_ms;
    if (engine_.busy(k)) {
      cursor.each_funding(open, open + base_ms_, [&](const funding_rate& r) {
        const auto rate = static_cast<std::int64_t>(r.rate * 1e8 + (r.rate < 0 ? -0.5 : 0.5));
        engine_.fund(k, r.time_ms, price_from_double(c.open), rate, events_);
      });
      engine_.play(k, c, base_ms_, events_);
      if (!events_.empty()) out.add(events_);
    } else {
      engine_.set_mark(k, price_from_double(c.close));
      cursor.each_funding(open, open + base_ms_, [](const funding_rate&) {});
    }
    cursor.pop(c.close);  // `c` stays valid until the cursor reads its next chunk
    for (subscription& s : subscriptions_of_[k]) fold(k, s, c, out);
  }

  // Adds a base candle to a subscribed series; pushes the series' candle when it closes.
  void fold(std::size_t k, subscription& s, const tb_candle& c, batch& out) {
    // Inside the candle being built (the common case): no division.
    const bool inside = s.has && c.open_time_ms > s.building.open_time_ms &&
                        c.open_time_ms <= s.building.close_time_ms;
    const std::int64_t start =
        inside ? s.building.open_time_ms : floor_div(c.open_time_ms, s.length_ms) * s.length_ms;
    if (!s.has || s.building.open_time_ms != start) {
      if (c.open_time_ms != start) {
        // Subscribed mid-candle: read the part already played from the feed.
        scratch_.clear();
        feed_->base_candles(k, start, c.open_time_ms, scratch_);
        if (scratch_.empty()) {
          fold_start(s.building, c, start, s.length_ms);
        } else {
          fold_start(s.building, scratch_.front(), start, s.length_ms);
          for (std::size_t i = 1; i < scratch_.size(); ++i) fold_add(s.building, scratch_[i]);
          fold_add(s.building, c);
        }
      } else {
        fold_start(s.building, c, start, s.length_ms);
      }
      s.has = true;
    } else {
      fold_add(s.building, c);
    }
    if (c.open_time_ms + base_ms_ == start + s.length_ms) {
      tb_candle closed = s.building;
      closed.flags = TB_CANDLE_CLOSED;
      out.items.emplace_back(candle_push{s.sink, feed_->symbols()[k].name, s.interval, closed});
      s.has = false;
    }
  }

  std::mutex mutex_;
  sim_settings settings_;
  std::unique_ptr<candle_feed> feed_;
  std::int64_t base_ms_;
  matching_engine engine_;
  std::vector<symbol_cursor> cursors_;
  std::vector<std::vector<subscription>> subscriptions_of_;
  std::vector<std::size_t> active_;  // played symbols, ascending
  sdk::market_sink account_sink_;
  bool advanced_ = false;
  std::int64_t played_to_ = 0;
  account_events events_;           // reused by advance_to
  std::vector<tb_candle> scratch_;  // reused feed reads
};

}  // namespace tb::exchange_sim

TB_PLUGIN_EXCHANGE(tb::exchange_sim::sim_exchange, "exchange_sim", "0.1.0",
                   "Simulated Binance USDT-M exchange for backtests (synthetic or file market)");
