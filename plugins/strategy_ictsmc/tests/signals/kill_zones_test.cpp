// kill_zones (signals/kill_zones.hpp): the reference's kill-zone sessions (indicators/
// sessions.cpp named_sessions), UTC, both ends inclusive to the minute:
//   asian        "Asian kill zone"        00:00-04:00
//   london_open  "London open kill zone"  06:00-09:00
//   new_york     "New York kill zone"     11:00-14:00
//   london_close "london close kill zone" 14:00-16:00
// "To the minute": 09:00:59.999 is still 09:00, inside; 09:01:00 is outside.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "signals/kill_zones.hpp"

namespace tb::ictsmc {
namespace {

constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t day_2024_01_01 = 19'723;  // 1'704'067'200'000 ms / day_ms

// Milliseconds since 1970 of hh:mm:ss.ms UTC on the given day (days since 1970, may be < 0).
std::int64_t at(std::int64_t day, int hh, int mm, int ss = 0, int ms = 0) {
  return day * day_ms + ((hh * 60 + mm) * 60 + ss) * std::int64_t{1000} + ms;
}

struct probe {
  int hh, mm, ss, ms;
  bool inside;
};

void expect_window(const char* id, const std::vector<probe>& probes) {
  const kill_zones z({id});
  EXPECT_FALSE(z.any_time());
  for (const std::int64_t day : {day_2024_01_01, std::int64_t{0}, std::int64_t{-3}}) {
    for (const probe& p : probes) {
      SCOPED_TRACE(::testing::Message() << id << " day " << day << " " << p.hh << ":" << p.mm
                                        << ":" << p.ss << "." << p.ms);
      EXPECT_EQ(z.zone_at(at(day, p.hh, p.mm, p.ss, p.ms)),
                std::string_view(p.inside ? id : ""));
    }
  }
}

TEST(kill_zones, asian_00_00_to_04_00) {
  // 00:00 = minute 0 and 04:00 = minute 240 are both in; 23:59 (the day before) and 04:01 out.
  expect_window("asian", {{0, 0, 0, 0, true},
                          {2, 0, 0, 0, true},
                          {4, 0, 0, 0, true},
                          {4, 0, 59, 999, true},
                          {4, 1, 0, 0, false},
                          {23, 59, 59, 999, false},
                          {5, 0, 0, 0, false}});
}

TEST(kill_zones, london_open_06_00_to_09_00) {
  expect_window("london_open", {{5, 59, 59, 999, false},
                                {6, 0, 0, 0, true},
                                {7, 30, 0, 0, true},
                                {9, 0, 0, 0, true},
                                {9, 0, 59, 999, true},
                                {9, 1, 0, 0, false},
                                {0, 0, 0, 0, false}});
}

TEST(kill_zones, new_york_11_00_to_14_00) {
  expect_window("new_york", {{10, 59, 59, 999, false},
                             {11, 0, 0, 0, true},
                             {12, 30, 0, 0, true},
                             {14, 0, 0, 0, true},
                             {14, 0, 59, 999, true},
                             {14, 1, 0, 0, false},
                             {15, 0, 0, 0, false}});
}

TEST(kill_zones, london_close_14_00_to_16_00) {
  expect_window("london_close", {{13, 59, 59, 999, false},
                                 {14, 0, 0, 0, true},
                                 {15, 0, 0, 0, true},
                                 {16, 0, 0, 0, true},
                                 {16, 0, 59, 999, true},
                                 {16, 1, 0, 0, false},
                                 {12, 0, 0, 0, false}});
}

TEST(kill_zones, several_zones_the_first_listed_wins_where_they_meet) {
  // 14:00 is in both new_york (to 14:00) and london_close (from 14:00): the first listed
  // answers. 14:01 is london_close only; 10:00 is in neither (nor in asian/london_open:
  // 09:01-10:59 is a gap); 03:00 is asian.
  const std::int64_t d = day_2024_01_01;
  const kill_zones ny_first({"new_york", "london_close"});
  EXPECT_EQ(ny_first.zone_at(at(d, 14, 0)), "new_york");
  EXPECT_EQ(ny_first.zone_at(at(d, 14, 0, 30)), "new_york");
  EXPECT_EQ(ny_first.zone_at(at(d, 14, 1)), "london_close");
  EXPECT_EQ(ny_first.zone_at(at(d, 13, 0)), "new_york");
  const kill_zones lc_first({"london_close", "new_york"});
  EXPECT_EQ(lc_first.zone_at(at(d, 14, 0)), "london_close");
  EXPECT_EQ(lc_first.zone_at(at(d, 13, 59)), "new_york");

  const kill_zones all({"asian", "london_open", "new_york", "london_close"});
  EXPECT_EQ(all.zone_at(at(d, 3, 0)), "asian");
  EXPECT_EQ(all.zone_at(at(d, 5, 0)), "");
  EXPECT_EQ(all.zone_at(at(d, 8, 0)), "london_open");
  EXPECT_EQ(all.zone_at(at(d, 10, 0)), "");
  EXPECT_EQ(all.zone_at(at(d, 15, 0)), "london_close");
  EXPECT_EQ(all.zone_at(at(d, 16, 1)), "");
  EXPECT_EQ(all.zone_at(at(d, 23, 0)), "");
}

TEST(kill_zones, an_empty_list_is_any_time) {
  const kill_zones z(std::vector<std::string>{});
  EXPECT_TRUE(z.any_time());
  // No zone to name: zone_at is empty, at any hour.
  EXPECT_EQ(z.zone_at(at(day_2024_01_01, 7, 0)), "");
  EXPECT_EQ(z.zone_at(0), "");
}

TEST(kill_zones, an_unknown_id_names_the_known_ones) {
  for (const char* bad : {"tokyo", "Asian", "london open", ""}) {
    SCOPED_TRACE(bad);
    try {
      kill_zones z({"asian", bad});
      ADD_FAILURE() << "no exception";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), std::string("unknown kill zone \"") + bad +
                                           "\" (known: asian, london_open, new_york, london_close)");
    }
  }
}

TEST(kill_zones, times_before_1970) {
  // Day -1 is 1969-12-31. The minute is floored, not truncated toward 0:
  //   -1 ms                = 1969-12-31 23:59:59.999, minute 1439: not asian
  //   -day_ms              = 1969-12-31 00:00: asian
  //   -day_ms - 1          = 1969-12-30 23:59:59.999: not asian
  //   -72'000'000          = 1969-12-31 04:00 (20 hours before 1970): asian
  //   -72'000'000 + 59'999 = 04:00:59.999: asian
  //   -72'000'000 + 60'000 = 04:01: not asian (-1199 minutes = minute 241)
  //   -72'000'000 - 1      = 03:59:59.999: asian
  //   -60'001              = 23:58:59.999: not asian
  // (-1 tells floor from truncation toward 0: truncated it would be minute 0, asian.)
  //   -2'208'988'800'000   = 1900-01-01 00:00 (-25567 days): asian
  const kill_zones asian({"asian"});
  EXPECT_EQ(asian.zone_at(-1), "");
  EXPECT_EQ(asian.zone_at(-day_ms), "asian");
  EXPECT_EQ(asian.zone_at(-day_ms - 1), "");
  EXPECT_EQ(asian.zone_at(-72'000'000), "asian");
  EXPECT_EQ(asian.zone_at(-72'000'000 + 59'999), "asian");
  EXPECT_EQ(asian.zone_at(-72'000'000 + 60'000), "");
  EXPECT_EQ(asian.zone_at(-72'000'000 - 1), "asian");
  EXPECT_EQ(asian.zone_at(-60'001), "");
  EXPECT_EQ(asian.zone_at(-2'208'988'800'000), "asian");
  // -1 ms into a window's last minute: london_close ends 16:00; 1969-12-31 16:00:59.999 is
  // -8 hours + 59'999 ms = -28'740'001: in. A truncating division would put -28'740'000 ms
  // (16:01:00.000) at minute 16:01 and -28'740'001 at -479 minutes = 16:01: out. Floor: in.
  const kill_zones close({"london_close"});
  EXPECT_EQ(close.zone_at(-28'740'001), "london_close");
  EXPECT_EQ(close.zone_at(-28'740'000), "");
  EXPECT_EQ(close.zone_at(at(-1, 14, 0) - 1), "");  // 13:59:59.999
  EXPECT_EQ(close.zone_at(at(-1, 14, 0)), "london_close");
}

}  // namespace
}  // namespace tb::ictsmc
