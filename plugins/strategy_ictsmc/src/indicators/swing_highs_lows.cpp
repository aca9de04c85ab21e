// swing_highs_lows: spec section 2. Candidates come from a sliding max/min over the
// reference's asymmetric window (monotonic queues in fixed ring buffers, O(n)); the
// alternation clean-up uses the closed form (the most extreme swing of each run of same-type
// swings survives, the earliest on ties), which equals the reference's repeated passes.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

// Monotonic queue of candle positions over a window of at most `width` positions; front() is
// the position of the window's extreme (the earliest one on ties does not matter here: only
// the extreme value is read).
template <class Better>
class sliding_extreme {
 public:
  sliding_extreme(const std::vector<double>& values, std::size_t width) : values_(values) {
    std::size_t cap = 1;
    while (cap < width + 1) cap <<= 1;
    ring_.resize(cap);
    mask_ = cap - 1;
  }

  void push(std::size_t pos) {
    const double v = values_[pos];
    while (head_ != tail_ && !Better{}(values_[ring_[(tail_ - 1) & mask_]], v)) --tail_;
    ring_[tail_++ & mask_] = pos;
  }
  void drop_before(std::size_t first) {
    while (head_ != tail_ && ring_[head_ & mask_] < first) ++head_;
  }
  double extreme() const { return values_[ring_[head_ & mask_]]; }

 private:
  const std::vector<double>& values_;
  std::vector<std::size_t> ring_;
  std::size_t mask_ = 0, head_ = 0, tail_ = 0;
};

struct greater {
  bool operator()(double a, double b) const { return a > b; }
};
struct less {
  bool operator()(double a, double b) const { return a < b; }
};

}  // namespace

swing_points swing_highs_lows(const ohlcv& candles, int swing_length) {
  if (swing_length < 1) {
    throw std::invalid_argument("swing_highs_lows: swing_length must be at least 1, got " +
                                std::to_string(swing_length));
  }
  const std::size_t n = candles.size();
  const std::size_t s = static_cast<std::size_t>(swing_length);
  const std::vector<double>& high = candles.high;
  const std::vector<double>& low = candles.low;

  swing_points out;
  out.high_low.assign(n, nan);
  out.level.assign(n, nan);

  // Candidate i compares with the extreme of high/low[i-s+1 .. i+s]; the reference only
  // evaluates 2s-1 <= i <= n-s-1 (its rolling window must be full).
  std::size_t first_swing = n, last_swing = n;  // n = none yet
  if (n >= 3 * s) {
    sliding_extreme<greater> max_high(high, 2 * s);
    sliding_extreme<less> min_low(low, 2 * s);
    for (std::size_t p = s; p < 3 * s - 1; ++p) {  // window of i = 2s-1 without its last candle
      max_high.push(p);
      min_low.push(p);
    }
    // The current run of same-type candidates: its type and its most extreme position.
    double run_type = 0;
    std::size_t run_pos = 0;
    auto commit = [&] {
      if (run_type == 0) return;
      out.high_low[run_pos] = run_type;
      out.level[run_pos] = run_type > 0 ? high[run_pos] : low[run_pos];
      if (first_swing == n) first_swing = run_pos;
      last_swing = run_pos;
    };
    for (std::size_t i = 2 * s - 1; i + s < n; ++i) {
      max_high.push(i + s);
      min_low.push(i + s);
      max_high.drop_before(i + 1 - s);
      min_low.drop_before(i + 1 - s);
      double type = 0;
      if (high[i] == max_high.extreme()) {
        type = 1;
      } else if (low[i] == min_low.extreme()) {
        type = -1;
      }
      if (type == 0) continue;
      if (type != run_type) {
        commit();
        run_type = type;
        run_pos = i;
      } else if (type > 0 ? high[i] > high[run_pos] : low[i] < low[run_pos]) {
        run_pos = i;  // strictly more extreme; a tie keeps the earlier one
      }
    }
    commit();
  }

  if (first_swing != n) {
    // The reference's four sequential ifs, kept literally (row 0 reads back what the first
    // if wrote); the real swings never sit on row 0 or n-1 for s >= 1.
    std::vector<double>& hl = out.high_low;
    if (hl[first_swing] == 1) hl[0] = -1;
    if (hl[first_swing] == -1) hl[0] = 1;
    if (hl[last_swing] == -1) hl[n - 1] = 1;
    if (hl[last_swing] == 1) hl[n - 1] = -1;
    out.level[0] = hl[0] > 0 ? high[0] : low[0];
    out.level[n - 1] = hl[n - 1] > 0 ? high[n - 1] : low[n - 1];
  }
  return out;
}

table to_table(const swing_points& swings) {
  return {column{"HighLow", column_kind::float64, swings.high_low},
          column{"Level", column_kind::float64, swings.level}};
}

void check_swings(const char* who, const ohlcv& candles, const swing_points& swings) {
  if (swings.high_low.size() != candles.size() || swings.level.size() != candles.size()) {
    throw std::invalid_argument(std::string(who) + ": swings have " +
                                std::to_string(swings.high_low.size()) + " rows but there are " +
                                std::to_string(candles.size()) +
                                " candles; compute them with swing_highs_lows on the same candles");
  }
}

}  // namespace tb::ictsmc
