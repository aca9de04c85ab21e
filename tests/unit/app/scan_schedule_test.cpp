// When the long-running bot scans: candle closes plus the delay, or a fixed period.
#include <gtest/gtest.h>

#include "app/scan_schedule.hpp"

namespace tb::host {
namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t hour = 60 * minute;

TEST(scan_schedule, follows_the_closes_of_the_shortest_interval_plus_the_delay) {
  service_settings s;  // scan_every 0, scan_delay 3 s
  const std::int64_t quarter = 15 * minute;
  const std::int64_t t0 = 1'700'000'100'000 / quarter * quarter;  // a close
  EXPECT_EQ(next_scan_ms(s, quarter, 0, t0), t0 + 3'000);           // right at the close
  EXPECT_EQ(next_scan_ms(s, quarter, 0, t0 + 2'999), t0 + 3'000);
  EXPECT_EQ(next_scan_ms(s, quarter, 0, t0 + 3'000), t0 + quarter + 3'000);  // strictly after
  EXPECT_EQ(next_scan_ms(s, quarter, 0, t0 + 10 * minute), t0 + quarter + 3'000);
  s.scan_delay = std::chrono::milliseconds{0};
  EXPECT_EQ(next_scan_ms(s, quarter, 0, t0), t0 + quarter);
}

TEST(scan_schedule, a_fixed_period_counts_from_the_start) {
  service_settings s;
  s.scan_every = std::chrono::minutes{5};
  const std::int64_t started = 1'700'000'123'456;
  EXPECT_EQ(next_scan_ms(s, hour, started, started), started + 5 * minute);
  EXPECT_EQ(next_scan_ms(s, hour, started, started + 5 * minute - 1), started + 5 * minute);
  EXPECT_EQ(next_scan_ms(s, hour, started, started + 5 * minute), started + 10 * minute);
  EXPECT_EQ(scan_period_ms(s, hour), 5 * minute);
}

TEST(scan_schedule, counts_the_scan_times_a_long_scan_ran_past) {
  service_settings s;
  s.scan_every = std::chrono::seconds{30};
  const std::int64_t started = 1'700'000'123'456;
  const std::int64_t due = started + 60'000;  // the third scan
  EXPECT_EQ(scans_missed(s, hour, started, due, due + 29'999), 0);  // ended before the next
  EXPECT_EQ(scans_missed(s, hour, started, due, due + 30'000), 1);  // the next one passed
  EXPECT_EQ(scans_missed(s, hour, started, due, due + 95'000), 3);

  service_settings closes;  // every 15 min close + 3 s
  const std::int64_t quarter = 15 * minute;
  const std::int64_t slot = 1'700'000'100'000 / quarter * quarter + 3'000;
  EXPECT_EQ(scans_missed(closes, quarter, 0, slot, slot + 10 * minute), 0);
  EXPECT_EQ(scans_missed(closes, quarter, 0, slot, slot + quarter + 1), 1);
  // The first scan runs at the start, between two closes.
  EXPECT_EQ(scans_missed(closes, quarter, 0, slot + minute, slot + quarter - 1), 0);
}

TEST(scan_schedule, without_a_known_interval_it_scans_every_minute) {
  service_settings s;
  s.scan_delay = std::chrono::milliseconds{0};
  EXPECT_EQ(scan_period_ms(s, 0), minute);
  EXPECT_EQ(next_scan_ms(s, 0, 0, 10 * minute + 1), 11 * minute);
}

}  // namespace
}  // namespace tb::host
