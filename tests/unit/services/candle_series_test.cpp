#include "services/candle_series.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace tb::host {
namespace {

constexpr std::int64_t hour = 3'600'000;

tb_candle candle(std::int64_t index, bool closed = true, double close = 1.0) {
  tb_candle c{};
  c.open_time_ms = index * hour;
  c.close_time_ms = (index + 1) * hour - 1;
  c.close = close;
  c.flags = closed ? TB_CANDLE_CLOSED : 0u;
  return c;
}

std::vector<std::int64_t> opens(const candle_series& s) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < s.size(); ++i) out.push_back(s.at(i).open_time_ms / hour);
  return out;
}

TEST(CandleSeries, AppendsClosedCandlesAndDropsDuplicates) {
  candle_series s(hour, true, 10);
  std::vector<tb_candle> first = {candle(1), candle(2), candle(3)};
  auto r = s.merge(first.data(), first.size());
  EXPECT_EQ(r.appended, 3u);
  std::vector<tb_candle> again = {candle(2), candle(3), candle(4)};
  r = s.merge(again.data(), again.size());
  EXPECT_EQ(r.appended, 1u);
  EXPECT_EQ(r.duplicates, 2u);
  EXPECT_EQ(opens(s), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(CandleSeries, ReplacesTheOpenCandleUntilItCloses) {
  candle_series s(hour, true, 10);
  std::vector<tb_candle> v = {candle(1), candle(2, false, 5.0)};
  s.merge(v.data(), v.size());
  ASSERT_TRUE(s.open_candle());
  tb_candle update = candle(2, false, 6.0);
  EXPECT_TRUE(s.merge(&update, 1).open_replaced);
  EXPECT_EQ(s.open_candle()->close, 6.0);
  EXPECT_EQ(s.size(), 1u);
  tb_candle closed = candle(2, true, 7.0);
  s.merge(&closed, 1);
  EXPECT_FALSE(s.open_candle());
  EXPECT_EQ(s.last_closed()->close, 7.0);
  tb_candle late = candle(2, false, 8.0);  // an update of a candle already closed
  EXPECT_EQ(s.merge(&late, 1).duplicates, 1u);
  EXPECT_FALSE(s.open_candle());
}

TEST(CandleSeries, KeepsAtMostCapacityDroppingTheOldest) {
  candle_series s(hour, true, 3);
  std::vector<tb_candle> v;
  for (int i = 1; i <= 5; ++i) v.push_back(candle(i));
  s.merge(v.data(), v.size());
  EXPECT_EQ(opens(s), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(s.capacity(), 3u);
  tb_candle old = candle(1);
  EXPECT_EQ(s.merge(&old, 1).duplicates, 1u);  // older than the full window
}

TEST(CandleSeries, DetectsGapsAndFillsThemInOrder) {
  candle_series s(hour, true, 10);
  std::vector<tb_candle> v = {candle(1), candle(2), candle(5), candle(6, false)};
  s.merge(v.data(), v.size());
  tb_candle later = candle(9, false);
  s.merge(&later, 1);
  auto gaps = s.gaps();
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].from_open_ms, 3 * hour);
  EXPECT_EQ(gaps[0].to_open_ms, 4 * hour);
  EXPECT_EQ(gaps[1].from_open_ms, 6 * hour);
  EXPECT_EQ(gaps[1].to_open_ms, 8 * hour);
  std::vector<tb_candle> fill = {candle(3), candle(4), candle(6), candle(7), candle(8)};
  auto r = s.merge(fill.data(), fill.size());
  EXPECT_EQ(r.inserted, 2u);
  EXPECT_EQ(r.appended, 3u);
  EXPECT_TRUE(s.gaps().empty());
  EXPECT_EQ(opens(s), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(CandleSeries, InsertsIntoAFullWindowByDroppingTheOldest) {
  candle_series s(hour, true, 3);
  std::vector<tb_candle> v = {candle(1), candle(3), candle(4)};
  s.merge(v.data(), v.size());
  tb_candle missing = candle(2);
  EXPECT_EQ(s.merge(&missing, 1).inserted, 1u);
  EXPECT_EQ(opens(s), (std::vector<std::int64_t>{2, 3, 4}));
}

TEST(CandleSeries, MonthlyCandlesHaveNoGapDetection) {
  candle_series s(30 * 24 * hour, false, 10);
  std::vector<tb_candle> v = {candle(0), candle(31 * 24)};
  s.merge(v.data(), v.size());
  EXPECT_TRUE(s.gaps().empty());
}

}  // namespace
}  // namespace tb::host

namespace tb::host {
namespace {

TEST(CandleSeries, AnOlderSnapshotOfTheOpenCandleDoesNotReplaceAFresherOne) {
  candle_series s(3'600'000, true, 10);
  tb_candle fresh{};
  fresh.open_time_ms = 3'600'000;
  fresh.close_time_ms = 7'199'999;
  fresh.trade_count = 50;
  fresh.close = 2.0;
  s.merge(&fresh, 1);
  tb_candle cached = fresh;
  cached.trade_count = 20;
  cached.close = 1.0;
  EXPECT_FALSE(s.merge(&cached, 1).open_replaced);
  EXPECT_EQ(s.open_candle()->close, 2.0);
}

}  // namespace
}  // namespace tb::host

namespace tb::host {
namespace {

void expect_decoded_matches(const candle_series& s, const std::string& when) {
  std::vector<tb_candle> copied;
  s.copy_closed(copied);
  const tb_candle* decoded = s.decoded_closed();
  for (std::size_t i = 0; i < copied.size(); ++i) {
    ASSERT_EQ(decoded[i].open_time_ms, copied[i].open_time_ms) << when << ", candle " << i;
    ASSERT_EQ(decoded[i].close, copied[i].close) << when << ", candle " << i;
  }
}

// The decoded window the strategies read stays equal to the compact store through appends at
// and below capacity, backfilled inserts and a change of price scale, read between merges
// or not.
TEST(CandleSeries, TheDecodedWindowFollowsEveryMerge) {
  candle_series s(hour, true, 20);
  std::int64_t next = 1;
  for (int round = 0; round < 200; ++round) {
    const tb_candle c = candle(next++, true, 1.0 + round * 0.5);
    s.merge(&c, 1);
    if (round % 3 != 1) expect_decoded_matches(s, "after append " + std::to_string(round));
  }
  ASSERT_EQ(s.size(), 20u);
  next += 2;  // a hole, then a backfill into it
  const tb_candle after_hole = candle(next, true, 3.0);
  s.merge(&after_hole, 1);
  expect_decoded_matches(s, "after the hole");
  const tb_candle backfill = candle(next - 1, true, 2.5);
  s.merge(&backfill, 1);
  expect_decoded_matches(s, "after the backfill");
  const tb_candle finer = candle(next + 1, true, 2.123456);  // more decimals: a new scale
  s.merge(&finer, 1);
  expect_decoded_matches(s, "after the new scale");
  for (int round = 0; round < 50; ++round) {
    const tb_candle c = candle(next + 2 + round, true, 2.0 + round * 0.25);
    s.merge(&c, 1);
  }
  expect_decoded_matches(s, "after 50 unread appends");
}

}  // namespace
}  // namespace tb::host
