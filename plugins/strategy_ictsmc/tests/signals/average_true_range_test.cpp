// average_true_range (signals/average_true_range.hpp): true range = the largest of high - low,
// |high - previous close| and |low - previous close| (high - low alone for the first candle);
// the plain mean of the true ranges for the first `length` candles, then Wilder's smoothing
// atr = atr + (tr - atr) / length = ((length - 1) * atr + tr) / length.
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "../hand_candles.hpp"
#include "signals/average_true_range.hpp"

namespace tb::ictsmc {
namespace {

using namespace tb::ictsmc::testing;

TEST(average_true_range, mean_first_then_wilder_with_gaps) {
  const ohlcv c = candles({
      row{9, 10, 8, 9},          // 0: no previous close: tr = 10 - 8 = 2
      row{12, 13, 12, 12.5},     // 1: gap up from 9: 1, |13 - 9| = 4, |12 - 9| = 3 -> 4
      row{10, 10.5, 9.5, 10},    // 2: gap down from 12.5: 1, 2, |9.5 - 12.5| = 3 -> 3
      row{10, 16, 10, 15},       // 3: from 10: 6, 6, 0 -> 6
      row{15, 15.5, 14.5, 15},   // 4: from 15: 1, 0.5, 0.5 -> 1
      row{20, 21, 20, 20.5},     // 5: gap up from 15: 1, 6, 5 -> 6
  });
  // Length 3:
  //   0: mean(2) = 2
  //   1: mean(2, 4) = 3
  //   2: mean(2, 4, 3) = 3
  //   3: Wilder (2 * 3 + 6) / 3 = 4     (a plain mean of all four would be 3.75, the simple
  //                                      average of the last three 4.333)
  //   4: (2 * 4 + 1) / 3 = 3             (plain mean 3.2, last three 3.333)
  //   5: (2 * 3 + 6) / 3 = 4
  const std::vector<double> want{2, 3, 3, 4, 3, 4};
  average_true_range atr(3);
  EXPECT_EQ(atr.value(), 0.0);  // nothing seen yet
  for (std::size_t i = 0; i < c.size(); ++i) {
    atr.update(c, i);
    EXPECT_DOUBLE_EQ(atr.value(), want[i]) << "candle " << i;
  }
}

TEST(average_true_range, wilder_smoothing_values_that_are_not_round) {
  // Length 2, true ranges 1, 2.5, 2, 4.5:
  //   0: row 10/9, tr 1 -> mean 1
  //   1: high 12, low 11.5, previous close 9.5: 0.5, 2.5, 2 -> 2.5; mean(1, 2.5) = 1.75
  //   2: high 12, low 10, previous close 12: 2, 0, 2 -> 2; Wilder (1.75 + 2) / 2 = 1.875
  //   3: high 7, low 6, previous close 10.5 (gap down): 1, 3.5, 4.5 -> 4.5;
  //      (1.875 + 4.5) / 2 = 3.1875
  const ohlcv c = candles({row{9.5, 10, 9, 9.5}, row{11.5, 12, 11.5, 12}, row{12, 12, 10, 10.5},
                           row{7, 7, 6, 6.5}});
  const std::vector<double> want{1, 1.75, 1.875, 3.1875};
  average_true_range atr(2);
  for (std::size_t i = 0; i < c.size(); ++i) {
    atr.update(c, i);
    EXPECT_DOUBLE_EQ(atr.value(), want[i]) << "candle " << i;
  }
}

TEST(average_true_range, length_one_is_the_latest_true_range) {
  // tr: 0: 10 - 8 = 2; 1: previous close 9 inside 8.5..9.5: 1; 2: from 9: |12 - 9| = 3.
  const ohlcv c = candles({row{9, 10, 8, 9}, row{9, 9.5, 8.5, 9}, row{11.5, 12, 11.5, 12}});
  const std::vector<double> want{2, 1, 3};
  average_true_range atr(1);
  for (std::size_t i = 0; i < c.size(); ++i) {
    atr.update(c, i);
    EXPECT_DOUBLE_EQ(atr.value(), want[i]) << "candle " << i;
  }
}

TEST(average_true_range, the_previous_close_is_taken_by_index) {
  // Only index 0 has no previous close. Fed from candle 1, the first update still measures
  // against candle 0's close 100.
  const ohlcv c = candles({row{100, 100, 100, 100}, row{9, 10, 8, 9}});
  average_true_range atr(5);
  atr.update(c, 1);  // 2, |10 - 100| = 90, |8 - 100| = 92 -> 92
  EXPECT_DOUBLE_EQ(atr.value(), 92);
  average_true_range first(5);
  first.update(c, 0);  // index 0: high - low = 0, nothing else
  EXPECT_DOUBLE_EQ(first.value(), 0);
}

}  // namespace
}  // namespace tb::ictsmc
