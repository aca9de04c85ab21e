#include "signals/setup_finder.hpp"

#include <algorithm>

#include "signals/average_true_range.hpp"
#include "signals/causal_swings.hpp"
#include "signals/zones.hpp"

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

std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, std::size_t report_from) {
  return find_setups(entry, bias, config, kill_zones(config.kill_zones), report_from);
}

std::vector<trade_setup> find_setups(const timed_candles& entry, const timed_candles& bias,
                                     const settings& config, const kill_zones& sessions,
                                     std::size_t report_from) {
  const ohlcv& c = entry.candles;
  market_structure bias_structure, entry_structure;
  zone_book zones(config.zone_max_age);
  liquidity_pools pools;
  average_true_range atr(config.atr_length);
  const market_state state{config, c, sessions, bias_structure, entry_structure, zones, pools, atr};

  std::vector<trade_setup> found;
  std::size_t next_bias = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const std::int64_t close_time = c.time_ms[i] + entry.interval_ms;
    // The bias candles that had closed by now.
    while (next_bias < bias.candles.size() &&
           bias.candles.time_ms[next_bias] + bias.interval_ms <= close_time) {
      bias_structure.update(bias.candles, next_bias,
                            confirm_swings(bias.candles, next_bias, config.bias_swing_length));
      ++next_bias;
    }
    atr.update(c, i);
    const swing_confirmation swings = confirm_swings(c, i, config.entry_swing_length);
    const auto made = entry_structure.update(c, i, swings);
    pools.update(c, i);
    pools.add(swings);
    zones.retest(c, i);

    const int side = bias_structure.trend();
    if (side != 0) {
      if (auto setup = evaluate(state, i, close_time, side)) {
        zones.spend(side);  // at every candle, reported or not: later decisions depend on it
        if (i >= report_from) found.push_back(std::move(*setup));
      }
    }
    // Zones this candle makes are tradable from the next one.
    if (config.use_fair_value_gaps) zones.add_fair_value_gap(c, i);
    if (made && config.use_order_blocks) zones.add_order_block(c, *made);
  }
  return found;
}

}  // namespace tb::ictsmc
