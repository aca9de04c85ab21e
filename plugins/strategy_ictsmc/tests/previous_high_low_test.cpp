// previous_high_low (spec section 6): pandas resample periods, the strictly-before label
// count, the two-back reference and the broken flags, answers worked out by hand.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "hand_candles.hpp"
#include "indicators/indicators.hpp"
#include "indicators/params.hpp"
#include "indicators/registry.hpp"
#include "timed_candles.hpp"

namespace tb::ictsmc {
namespace {

using testing::candles_at;
using testing::expect_column;
using testing::expect_invalid_argument;
using testing::N;
using testing::utc;

void expect_previous(const table& t, const std::vector<double>& high, const std::vector<double>& low,
                     const std::vector<double>& broken_high, const std::vector<double>& broken_low) {
  EXPECT_EQ(testing::column_names(t),
            (std::vector<std::string>{"PreviousHigh", "PreviousLow", "BrokenHigh", "BrokenLow"}));
  expect_column(t, "PreviousHigh", column_kind::float32, high);
  expect_column(t, "PreviousLow", column_kind::float32, low);
  expect_column(t, "BrokenHigh", column_kind::int32, broken_high);
  expect_column(t, "BrokenLow", column_kind::int32, broken_low);
}

TEST(previous_high_low, daily_refers_two_back_on_midnight_and_resets_one_candle_late) {
  // Days 1 (H 13, L 5), 2 (H 14, L 4.5), 3, in 6-hour candles (2024-01-01 is a Monday).
  // Day 1: no label before it but its own -> NaN. Day 2 00:00: only label day 1 is before it
  // (one) -> NaN. Day 2 06..18: day 1. Day 3 00:00: labels day 1, day 2 -> the second to last,
  // day 1 again (same run, so its flags carry on). Day 3 06: day 2, new run, flags reset.
  const ohlcv c = candles_at({{utc(2024, 1, 1, 0), 10, 5},     {utc(2024, 1, 1, 6), 11, 6},
                              {utc(2024, 1, 1, 12), 12, 7},    {utc(2024, 1, 1, 18), 13, 8},
                              {utc(2024, 1, 2, 0), 12, 6},     {utc(2024, 1, 2, 6), 12.5, 6},
                              {utc(2024, 1, 2, 12), 14, 7},    {utc(2024, 1, 2, 18), 12, 4.5},
                              {utc(2024, 1, 3, 0), 12, 6},     {utc(2024, 1, 3, 6), 13, 5},
                              {utc(2024, 1, 3, 12), 14.5, 5}});
  // 2/12: 14 > 13 breaks the high; 2/18: 4.5 < 5 breaks the low; 3/00 keeps both (running);
  // 3/06 against day 2 (14, 4.5): neither; 3/12: 14.5 > 14.
  expect_previous(previous_high_low(c, "1D"), {N, N, N, N, N, 13, 13, 13, 13, 14, 14},
                  {N, N, N, N, N, 5, 5, 5, 5, 4.5, 4.5}, {0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1},
                  {0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0});
}

TEST(previous_high_low, four_hour_bins_start_at_midnight_not_at_the_first_candle) {
  // First candle 02:00: bins 00-04, 04-08, 08-12 (labels 00, 04, 08), not 02, 06, 10.
  // 02: one label (00) before -> NaN; 04: still only 00 -> NaN; 06: 00, 04 -> bin 00;
  // 08 (boundary): 00, 04 -> bin 00; 10: 00, 04, 08 -> bin 04 (04 and 06: H 11, L 4).
  const ohlcv c = candles_at({{utc(2024, 3, 5, 2), 10, 5}, {utc(2024, 3, 5, 4), 11, 6},
                              {utc(2024, 3, 5, 6), 9, 4}, {utc(2024, 3, 5, 8), 12, 7},
                              {utc(2024, 3, 5, 10), 10, 5}});
  for (const char* frame : {"4h", "4H", "240min", "240T", "14400s"}) {
    SCOPED_TRACE(frame);
    expect_previous(previous_high_low(c, frame), {N, N, 10, 10, 11}, {N, N, 5, 5, 4},
                    {0, 0, 0, 1, 0}, {0, 0, 1, 1, 0});
  }
}

TEST(previous_high_low, seven_hour_bins_run_on_across_midnight) {
  // From midnight of the first candle's day: labels 00, 07, 14, 21, then 04 of the next day
  // (epoch-aligned 7h bins would start at 19:00, 02:00, ... instead). Candles every 3 hours
  // from 05:00, high 100 + j, low 50 - j: bins {05} {08, 11} {14, 17, 20} {23, 02} {05}.
  // 05: NaN; 08, 11, 14 (boundary): bin 00 (100, 50); 17, 20: bin 07 (102, 48);
  // 23, 02: bin 14 (105, 45); 05 next day: bin 21 (107, 43).
  ohlcv c;
  for (int j = 0; j < 9; ++j) {
    const std::int64_t t = utc(2024, 1, 1, 5) + j * 3LL * 3'600'000;
    c.push_back(t, 50 - j, 100 + j, 50 - j, 100 + j, 0);
  }
  // Every candle goes beyond the period it refers to: rising highs, falling lows.
  expect_previous(previous_high_low(c, "7h"), {N, 100, 100, 100, 102, 102, 105, 105, 107},
                  {N, 50, 50, 50, 48, 48, 45, 45, 43}, {0, 1, 1, 1, 1, 1, 1, 1, 1},
                  {0, 1, 1, 1, 1, 1, 1, 1, 1});
}

TEST(previous_high_low, weekly_is_monday_to_sunday_labelled_by_sunday_midnight) {
  // Week 1 = Jan 1..7 2024 (label Sun 7th 00:00), week 2 = 8..14, week 3 = 15..21.
  // Sun 14th 00:00 is not after its own label: one label before -> NaN. Sun 14th 12:00: week 1
  // (previous). Mon 15th .. Sun 21st 00:00: week 1 (before last). Sun 21st 06:00: week 2.
  const ohlcv c = candles_at({{utc(2024, 1, 1), 10, 5},     {utc(2024, 1, 7, 12), 12, 4},
                              {utc(2024, 1, 8), 11, 6},     {utc(2024, 1, 14), 13, 7},
                              {utc(2024, 1, 14, 12), 9, 5}, {utc(2024, 1, 15), 11, 6},
                              {utc(2024, 1, 21), 12.5, 4.5}, {utc(2024, 1, 21, 6), 12.5, 4.5}});
  // Week 1: H 12, L 4; week 2: H 13, L 5. 21st 00:00: 12.5 > 12. 21st 06:00 against week 2:
  // 12.5 < 13, 4.5 < 5.
  for (const char* frame : {"W", "w", "W-SUN", "1W"}) {
    SCOPED_TRACE(frame);
    expect_previous(previous_high_low(c, frame), {N, N, N, N, 12, 12, 12, 13},
                    {N, N, N, N, 4, 4, 4, 5}, {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 1});
  }
}

TEST(previous_high_low, weekly_with_another_anchor_day) {
  // W-MON: weeks Tuesday..Monday labelled by the Monday. Labels: Mon Jan 1 (for Jan 1 12:00)
  // and Mon Jan 8 (for Jan 2 and Jan 8): only Jan 8 12:00 has two labels before it, and refers
  // to the week of Jan 1. With W-SUN all four would fall in two weeks labelled 7th and 14th,
  // and Jan 8 12:00 would have one label before it.
  const ohlcv c = candles_at({{utc(2024, 1, 1, 12), 10, 5}, {utc(2024, 1, 2), 11, 6},
                              {utc(2024, 1, 8), 12, 7}, {utc(2024, 1, 8, 12), 9, 6}});
  expect_previous(previous_high_low(c, "W-MON"), {N, N, N, 10}, {N, N, N, 5}, {0, 0, 0, 0},
                  {0, 0, 0, 0});
}

TEST(previous_high_low, monthly_is_labelled_by_the_last_day_of_a_leap_february) {
  // Labels Jan 31, Feb 29 (2024 is a leap year), Mar 31, each at 00:00.
  // Up to Feb 29 00:00 at most one label lies before a candle -> NaN. Feb 29 06:00: January
  // (previous). Mar 1 .. Mar 31 00:00: January (before last). Mar 31 18:00: February.
  const ohlcv c = candles_at({{utc(2024, 1, 15, 12), 10, 5}, {utc(2024, 1, 31), 11, 6},
                              {utc(2024, 1, 31, 12), 12, 4}, {utc(2024, 2, 10), 13, 7},
                              {utc(2024, 2, 29), 9, 6},      {utc(2024, 2, 29, 6), 11, 3},
                              {utc(2024, 3, 1), 12.5, 5},    {utc(2024, 3, 30), 10, 4.5},
                              {utc(2024, 3, 31), 9, 3.5},    {utc(2024, 3, 31, 18), 12, 3.4}});
  // January H 12, L 4; February H 13, L 3. Feb 29 06:00: 3 < 4; Mar 1: 12.5 > 12 (and the low
  // stays broken, same run); Mar 31 18:00 against February: neither.
  expect_previous(previous_high_low(c, "M"), {N, N, N, N, N, 12, 12, 12, 12, 13},
                  {N, N, N, N, N, 4, 4, 4, 4, 3}, {0, 0, 0, 0, 0, 0, 1, 1, 1, 0},
                  {0, 0, 0, 0, 0, 1, 1, 1, 1, 0});
}

TEST(previous_high_low, months_across_a_year_end) {
  // Labels Nov 30, Dec 31 2023, Jan 31 2024. Jan 10: labels Nov 30, Dec 31 before it ->
  // November (10 is beaten by 12). Jan 31 06:00: three labels before it -> December.
  const ohlcv c = candles_at({{utc(2023, 11, 20), 10, 5}, {utc(2023, 12, 20), 11, 6},
                              {utc(2024, 1, 10), 12, 7}, {utc(2024, 1, 31, 6), 9, 6}});
  expect_previous(previous_high_low(c, "M"), {N, N, 10, 11}, {N, N, 5, 6}, {0, 0, 1, 0},
                  {0, 0, 0, 0});
}

TEST(previous_high_low, empty_periods_do_not_count) {
  // Thu 4th, Fri 5th, Mon 8th (weekend empty). Mon 00:00: labels Thu, Fri -> Thursday (two
  // back among kept periods, not Saturday). Mon 12:00: Friday.
  const ohlcv c = candles_at({{utc(2024, 1, 4, 12), 10, 5}, {utc(2024, 1, 5, 12), 11, 6},
                              {utc(2024, 1, 8), 9, 7}, {utc(2024, 1, 8, 12), 12, 5}});
  expect_previous(previous_high_low(c, "1D"), {N, 10, 10, 11}, {N, 5, 5, 6}, {0, 1, 1, 1},
                  {0, 0, 0, 1});
}

TEST(previous_high_low, fewer_than_two_periods_give_nothing) {
  const ohlcv c = candles_at({{utc(2024, 1, 1, 1), 10, 5}, {utc(2024, 1, 1, 2), 11, 6},
                              {utc(2024, 1, 1, 3), 12, 4}});
  expect_previous(previous_high_low(c, "1D"), {N, N, N}, {N, N, N}, {0, 0, 0}, {0, 0, 0});
  EXPECT_EQ(previous_high_low(ohlcv{}, "1D")[0].values.size(), 0U);
}

TEST(previous_high_low, levels_are_float32_and_compared_widened) {
  // Day 1: H 1.1, L 0.9 -> stored 1.10000002384..., 0.899999976158... A high of 1.1000000001
  // is above 1.1 but not above the float32 level; 1.1000001 is. A low of 0.8999999999 is below
  // 0.9 but not below the float32 level.
  const ohlcv c = candles_at({{utc(2024, 1, 1, 12), 1.1, 0.9}, {utc(2024, 1, 2), 1.0, 1.0},
                              {utc(2024, 1, 2, 6), 1.1000000001, 0.8999999999},
                              {utc(2024, 1, 2, 12), 1.1000001, 0.95}});
  const double h = as_float32(1.1), l = as_float32(0.9);
  expect_previous(previous_high_low(c, "1D"), {N, N, h, h}, {N, N, l, l}, {0, 0, 0, 1},
                  {0, 0, 0, 0});
}

TEST(previous_high_low, unsupported_time_frames_are_refused) {
  const ohlcv c = candles_at({{utc(2024, 1, 1), 10, 5}});
  for (const char* frame : {"", "h4", "0h", "3Q", "2W", "2M", "MS", "W-XYZ", "1.5h"}) {
    SCOPED_TRACE(frame);
    EXPECT_THROW(previous_high_low(c, frame), std::invalid_argument);
  }
}

TEST(previous_high_low, through_the_registry) {
  const ohlcv c = candles_at({{utc(2024, 1, 1), 10, 5}, {utc(2024, 1, 2, 6), 11, 6},
                              {utc(2024, 1, 3, 6), 12, 4}});
  // Daily: Jan 2 06:00 refers to Jan 1, Jan 3 06:00 to Jan 2.
  params daily(std::map<std::string, std::string>{{"time_frame", "D"}});
  expect_column(compute_indicator("previous_high_low", c, daily), "PreviousHigh",
                column_kind::float32, {N, 10, 11});
  params fallback;  // 1D
  expect_column(compute_indicator("previous_high_low", c, fallback), "PreviousHigh",
                column_kind::float32, {N, 10, 11});
  // Weekly: all three in the week labelled Sun Jan 7: one period only.
  params weekly(std::map<std::string, std::string>{{"time_frame", "W"}});
  expect_column(compute_indicator("previous_high_low", c, weekly), "PreviousHigh",
                column_kind::float32, {N, N, N});

  params quarterly(std::map<std::string, std::string>{{"time_frame", "Q"}});
  expect_invalid_argument(
      [&] { compute_indicator("previous_high_low", c, quarterly); },
      "previous_high_low: time_frame \"Q\" is not a supported frequency; use a pandas "
      "frequency: N followed by min (or T), h, D, s or ms (bins counted from midnight "
      "of the first candle's day), W or W-SUN..W-SAT (calendar weeks), M (calendar "
      "months)");
  params misspelt(std::map<std::string, std::string>{{"timeframe", "1D"}});
  expect_invalid_argument([&] { compute_indicator("previous_high_low", c, misspelt); },
                          "indicator previous_high_low has no parameter timeframe (it takes: "
                          "time_frame)");
}

}  // namespace
}  // namespace tb::ictsmc
