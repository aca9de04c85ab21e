// bos_choch: spec section 3. The pattern pass keeps only the last four swings; the break pass
// searches forward from each flagged candle, skipping blocks that cannot hold the break.
// Superseding: the still-flagged, broken earlier structures form a stack whose broken
// indexes strictly increase (each new break first pops every entry broken at or after it),
// so the reference's "clear every earlier k with broken[k] >= j" is a pop from the back.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

struct swing {
  double type;
  double level;
  std::size_t pos;
};

// "First j >= from with beyond(price[j])" over blocks of candles: a block whose extreme is
// not beyond is skipped whole, so a level that is never broken costs n / block steps, not n.
template <class Beyond>
class first_beyond {
 public:
  static constexpr std::size_t block = 256;

  explicit first_beyond(const std::vector<double>& price) : price_(price) {
    extreme_.reserve(price.size() / block + 1);
    for (std::size_t start = 0; start < price.size(); start += block) {
      double e = price[start];
      const std::size_t end = std::min(start + block, price.size());
      for (std::size_t j = start + 1; j < end; ++j) {
        if (Beyond{}(price[j], e)) e = price[j];
      }
      extreme_.push_back(e);
    }
  }

  // The first such j, or price.size() when there is none.
  std::size_t find(std::size_t from, double level) const {
    const std::size_t n = price_.size();
    std::size_t j = from;
    for (; j < n && j % block != 0; ++j) {
      if (Beyond{}(price_[j], level)) return j;
    }
    for (; j < n; j += block) {
      if (!Beyond{}(extreme_[j / block], level)) continue;
      for (const std::size_t end = std::min(j + block, n); j < end; ++j) {
        if (Beyond{}(price_[j], level)) return j;
      }
      return n;  // unreachable: the block's extreme is beyond
    }
    return n;
  }

 private:
  const std::vector<double>& price_;
  std::vector<double> extreme_;
};

struct above {
  bool operator()(double price, double level) const { return price > level; }
};
struct below {
  bool operator()(double price, double level) const { return price < level; }
};

}  // namespace

table bos_choch(const ohlcv& candles, const swing_points& swings, bool close_break) {
  const std::size_t n = candles.size();
  check_swings("bos_choch", candles, swings);
  // The reference's work arrays, 0 = unset, held in the output columns; zeros become NaN at
  // the end. Level holds float32 values (as_float32).
  std::vector<double> bos(n, 0), choch(n, 0), level(n, 0), broken(n, 0);

  swing last[4]{};  // last[3] is the newest (D)
  std::size_t count = 0;
  std::vector<std::size_t> flagged;
  for (std::size_t p = 0; p < n; ++p) {
    const double t = swings.high_low[p];
    if (t != t) continue;
    last[0] = last[1];
    last[1] = last[2];
    last[2] = last[3];
    last[3] = swing{t, swings.level[p], p};
    if (++count < 4) continue;
    const double a = last[0].level, b = last[1].level, c = last[2].level, d = last[3].level;
    const bool up =
        last[0].type == -1 && last[1].type == 1 && last[2].type == -1 && last[3].type == 1;
    const bool down =
        last[0].type == 1 && last[1].type == -1 && last[2].type == 1 && last[3].type == -1;
    const std::size_t at = last[1].pos;  // swing B
    bos[at] = up && a < c && c < b && b < d ? 1 : down && a > c && c > b && b > d ? -1 : 0;
    choch[at] = up && d > b && b > a && a > c ? 1 : down && d < b && b < a && a < c ? -1 : 0;
    level[at] = bos[at] != 0 || choch[at] != 0 ? as_float32(b) : 0;
    if (bos[at] != 0 || choch[at] != 0) flagged.push_back(at);
  }

  const first_beyond<above> up(close_break ? candles.close : candles.high);
  const first_beyond<below> down(close_break ? candles.close : candles.low);
  std::vector<std::size_t> live;  // flagged, broken, not superseded; broken[] increasing
  for (const std::size_t i : flagged) {
    const bool bullish = bos[i] == 1 || choch[i] == 1;
    const std::size_t j = bullish ? up.find(i + 2, level[i]) : down.find(i + 2, level[i]);
    if (j >= n) continue;
    broken[i] = static_cast<double>(j);
    while (!live.empty() && broken[live.back()] >= broken[i]) {
      const std::size_t k = live.back();
      bos[k] = choch[k] = level[k] = 0;  // broken[k] stays: the reference's orphan rows
      live.pop_back();
    }
    live.push_back(i);
  }

  for (std::size_t i = 0; i < n; ++i) {
    if (broken[i] == 0) bos[i] = choch[i] = level[i] = 0;  // unbroken structures are cleared
    if (bos[i] == 0) bos[i] = nan;
    if (choch[i] == 0) choch[i] = nan;
    if (level[i] == 0) level[i] = nan;
    if (broken[i] == 0) broken[i] = nan;
  }
  return {column{"BOS", column_kind::float64, std::move(bos)},
          column{"CHOCH", column_kind::float64, std::move(choch)},
          column{"Level", column_kind::float32, std::move(level)},
          column{"BrokenIndex", column_kind::float64, std::move(broken)}};
}

}  // namespace tb::ictsmc
