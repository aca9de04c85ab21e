#include "signals/setup_tracker.hpp"

#include <algorithm>

#include "signals/causal_swings.hpp"

namespace tb::ictsmc {
namespace {

// What the analysis knows at the close of the candle being decided on.
struct market_state {
  const settings& config;
  const ohlcv& candles;
  const kill_zones& sessions;
  const market_structure& bias;
  const market_structure& structure;
  const zone_book& zones;
  const liquidity_pools& pools;
  const average_true_range& atr;
};

// The dealing range before candle i: for a long, the lowest low of the last range_lookback
// candles and the highest high after it (the swing up the entry retraces); a short mirrors.
// False when there is no such swing.
bool dealing_range(const market_state& m, std::size_t i, int side, trade_setup& out) {
  if (i < 2) return false;
  const ohlcv& c = m.candles;
  const std::size_t first = i > m.config.range_lookback ? i - m.config.range_lookback : 0;
  const std::vector<double>& extreme = side > 0 ? c.low : c.high;
  const std::vector<double>& other = side > 0 ? c.high : c.low;
  std::size_t anchor = first;
  for (std::size_t k = first; k < i; ++k) {
    if (side > 0 ? extreme[k] <= extreme[anchor] : extreme[k] >= extreme[anchor]) anchor = k;
  }
  if (anchor + 1 >= i) return false;
  double far = other[anchor + 1];
  for (std::size_t k = anchor + 2; k < i; ++k) far = side > 0 ? std::max(far, other[k]) : std::min(far, other[k]);
  out.range_low = side > 0 ? extreme[anchor] : far;
  out.range_high = side > 0 ? far : extreme[anchor];
  return out.range_high > out.range_low;
}

std::optional<trade_setup> evaluate(const market_state& m, std::size_t i, std::int64_t close_time,
                                    int side) {
  const settings& cfg = m.config;
  const zone_book::retest_summary zone = m.zones.retested(side);
  if (!zone.any) return std::nullopt;

  // The checks that cost nothing first: most candles fail one of them.
  const auto& sweep = m.pools.last_sweep(-side);  // sell-side liquidity taken before a long
  const bool swept = sweep && i - sweep->index < cfg.sweep_lookback;
  if (cfg.require_sweep && !swept) return std::nullopt;
  const std::string_view kill_zone = m.sessions.zone_at(close_time);
  if (!m.sessions.any_time() && kill_zone.empty()) return std::nullopt;

  trade_setup s;
  if (swept) s.sweep = sweep;
  s.index = i;
  s.close_time_ms = close_time;
  s.side = side;
  s.entry = m.candles.close[i];
  s.bias = *m.bias.last_break();
  s.kill_zone = std::string(kill_zone);
  s.order_block = zone.order_block;
  s.fair_value_gap = zone.fair_value_gap;
  s.zone_top = zone.top;
  s.zone_bottom = zone.bottom;

  // Premium or discount, and the OTE band, in the dealing range.
  if (!dealing_range(m, i, side, s)) return std::nullopt;
  s.retracement = side > 0 ? (s.range_high - s.entry) / (s.range_high - s.range_low)
                           : (s.entry - s.range_low) / (s.range_high - s.range_low);
  if (s.retracement < 0.5 || s.retracement >= 1.0) return std::nullopt;
  s.ote = cfg.ote_low <= s.retracement && s.retracement <= cfg.ote_high;
  if (cfg.require_ote && !s.ote) return std::nullopt;

  // The stop goes beyond the range's extreme, the zones and the sweep's wick, whichever is
  // farthest, plus a buffer.
  double protective = side > 0 ? std::min(s.range_low, s.zone_bottom)
                               : std::max(s.range_high, s.zone_top);
  if (s.sweep) {
    protective = side > 0 ? std::min(protective, s.sweep->extreme)
                          : std::max(protective, s.sweep->extreme);
  }
  s.stop = protective - side * cfg.stop_buffer_atr * m.atr.value();
  const double risk = side * (s.entry - s.stop);
  if (!(risk > 0)) return std::nullopt;

  // Target: the nearest untaken opposite liquidity that pays at least min_reward_risk.
  for (const double level : m.pools.levels(side)) {
    if (side * (level - s.entry) <= 0) continue;  // not beyond the entry
    const double reward_risk = side * (level - s.entry) / risk;
    if (reward_risk >= cfg.min_reward_risk) {
      s.take_profit = level;
      s.reward_risk = reward_risk;
      break;
    }
  }
  if (s.take_profit == 0.0) return std::nullopt;

  s.structure = m.structure.trend() == side;
  const confidence_weights& w = cfg.weights;
  const double excess = std::clamp((s.reward_risk - cfg.min_reward_risk) / cfg.min_reward_risk, 0.0, 1.0);
  s.confidence = std::clamp(w.base + (s.order_block ? w.order_block : 0) +
                                (s.fair_value_gap ? w.fair_value_gap : 0) + (s.ote ? w.ote : 0) +
                                (s.sweep ? w.liquidity_sweep : 0) +
                                (!s.kill_zone.empty() ? w.kill_zone : 0) +
                                (s.structure ? w.structure : 0) + w.reward_risk * excess,
                            0.0, 1.0);
  if (s.confidence < cfg.min_confidence) return std::nullopt;
  return s;
}

}  // namespace

setup_tracker::setup_tracker(const settings& config, const kill_zones& sessions,
                             std::int64_t entry_interval_ms, std::int64_t bias_interval_ms)
    : config_(config),
      sessions_(sessions),
      entry_ms_(entry_interval_ms),
      bias_ms_(bias_interval_ms),
      keep_(std::max({std::size_t{config.entry_lookback}, std::size_t{config.bias_lookback},
                      std::size_t{config.range_lookback}, std::size_t{config.zone_max_age},
                      std::size_t{config.sweep_lookback},
                      2 * std::size_t{std::max(config.entry_swing_length, config.bias_swing_length)} + 1}) +
            64),
      zones_(config.zone_max_age),
      atr_(config.atr_length) {}

void setup_tracker::reserve(std::size_t entries, std::size_t biases) {
  for (ohlcv* c : {&entry_, &bias_}) {
    const std::size_t n = c->size() + (c == &entry_ ? entries : biases);
    c->time_ms.reserve(n);
    c->high.reserve(n);
    c->low.reserve(n);
    c->close.reserve(n);
  }
}

void setup_tracker::add_bias(std::int64_t open_time_ms, double high, double low, double close) {
  bias_.time_ms.push_back(open_time_ms);
  bias_.high.push_back(high);
  bias_.low.push_back(low);
  bias_.close.push_back(close);
}

std::optional<trade_setup> setup_tracker::add_entry(std::int64_t open_time_ms, double high,
                                                    double low, double close) {
  entry_.time_ms.push_back(open_time_ms);
  entry_.high.push_back(high);
  entry_.low.push_back(low);
  entry_.close.push_back(close);
  const std::size_t i = entry_.size() - 1;
  const std::int64_t close_time = open_time_ms + entry_ms_;
  // The bias candles that had closed by now.
  while (next_bias_ < bias_.size() && bias_.time_ms[next_bias_] + bias_ms_ <= close_time) {
    bias_structure_.update(bias_, next_bias_,
                           confirm_swings(bias_, next_bias_, config_.bias_swing_length));
    ++next_bias_;
  }
  atr_.update(entry_, i);
  const swing_confirmation swings = confirm_swings(entry_, i, config_.entry_swing_length);
  const auto made = entry_structure_.update(entry_, i, swings);
  pools_.update(entry_, i);
  pools_.add(swings);
  zones_.retest(entry_, i);

  std::optional<trade_setup> setup;
  const int side = bias_structure_.trend();
  if (side != 0) {
    const market_state state{config_, entry_, sessions_, bias_structure_, entry_structure_,
                             zones_,  pools_, atr_};
    setup = evaluate(state, i, close_time, side);
    if (setup) {
      zones_.spend(side);  // at every candle, reported or not: later decisions depend on it
      setup->index += dropped_;
      if (setup->sweep) setup->sweep->index += dropped_;
    }
  }
  // Zones this candle makes are tradable from the next one.
  if (config_.use_fair_value_gaps) zones_.add_fair_value_gap(entry_, i);
  if (made && config_.use_order_blocks) zones_.add_order_block(entry_, *made);
  drop_old_entries();
  drop_old_bias();
  return setup;
}

std::optional<std::int64_t> setup_tracker::last_entry_time() const noexcept {
  if (entry_.time_ms.empty()) return std::nullopt;
  return entry_.time_ms.back();
}

std::optional<std::int64_t> setup_tracker::last_bias_time() const noexcept {
  if (bias_.time_ms.empty()) return std::nullopt;
  return bias_.time_ms.back();
}

namespace {

void drop_front(ohlcv& c, std::size_t n) {
  const auto cut = [n](auto& column) {
    column.erase(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(n));
  };
  cut(c.time_ms);
  cut(c.high);
  cut(c.low);
  cut(c.close);
}

}  // namespace

void setup_tracker::drop_old_entries() {
  if (entry_.size() < 2 * keep_) return;
  const std::size_t n = entry_.size() - keep_;
  drop_front(entry_, n);
  dropped_ += n;
  entry_structure_.rebase(n);
  zones_.rebase(n);
  pools_.rebase(n);
}

// Only bias candles already read by an entry close are dropped.
void setup_tracker::drop_old_bias() {
  if (next_bias_ < 2 * keep_) return;
  const std::size_t n = next_bias_ - keep_;
  drop_front(bias_, n);
  next_bias_ -= n;
  bias_structure_.rebase(n);
}

}  // namespace tb::ictsmc
