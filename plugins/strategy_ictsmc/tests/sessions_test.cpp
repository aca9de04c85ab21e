// sessions (spec section 7): the named sessions' hours, inclusive ends, minute truncation,
// sessions across midnight, custom sessions, time zones, running extremes as float32.
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
using testing::utc;

void expect_session(const table& t, const std::vector<double>& active, const std::vector<double>& high,
                    const std::vector<double>& low) {
  EXPECT_EQ(testing::column_names(t), (std::vector<std::string>{"Active", "High", "Low"}));
  expect_column(t, "Active", column_kind::int32, active);
  expect_column(t, "High", column_kind::float32, high);
  expect_column(t, "Low", column_kind::float32, low);
}

std::vector<double> active_of(const table& t) { return testing::find_column(t, "Active").values; }

// Candles at the given minutes of one UTC day (2024-01-02), high 2, low 1.
ohlcv at_minutes(const std::vector<int>& minutes) {
  ohlcv out;
  for (int m : minutes) out.push_back(utc(2024, 1, 2, m / 60, m % 60), 1, 2, 1, 2, 0);
  return out;
}

TEST(sessions, each_named_session_has_its_hours_with_both_ends_inclusive) {
  struct hours {
    const char* name;
    int start, end;  // minutes of the day, UTC, from the spec's table
  };
  const hours table_of_sessions[] = {
      {"Sydney", 21 * 60, 6 * 60},          {"Tokyo", 0, 9 * 60},
      {"London", 7 * 60, 16 * 60},          {"New York", 13 * 60, 22 * 60},
      {"Asian kill zone", 0, 4 * 60},       {"London open kill zone", 6 * 60, 9 * 60},
      {"New York kill zone", 11 * 60, 14 * 60}, {"london close kill zone", 14 * 60, 16 * 60},
  };
  for (const hours& h : table_of_sessions) {
    SCOPED_TRACE(h.name);
    // A minute before the start (23:59 for a start at 00:00), the start, the end, a minute
    // after the end: out, in, in, out.
    const int before = (h.start + 1439) % 1440;
    const table t = sessions(at_minutes({before, h.start, h.end, h.end + 1}), h.name);
    EXPECT_EQ(active_of(t), (std::vector<double>{0, 1, 1, 0}));
  }
}

TEST(sessions, london_running_extremes_are_float32_and_restart_each_day) {
  // 06:59 out; 07:00 starts afresh; 12:00 extends; 16:00:30 counts as 16:00 (minutes only), in;
  // 16:01 out; next day 07:00 starts afresh (does not carry the day before's extremes).
  const ohlcv c = candles_at({{utc(2024, 1, 2, 6, 59), 9, 0.5},
                              {utc(2024, 1, 2, 7, 0), 1.1, 1.05},
                              {utc(2024, 1, 2, 12, 0), 1.12, 1.03},
                              {utc(2024, 1, 2, 16, 0, 30), 1.11, 1.04},
                              {utc(2024, 1, 2, 16, 1), 9, 0.5},
                              {utc(2024, 1, 3, 7, 0), 1.09, 1.08}});
  const auto f = [](double x) { return as_float32(x); };
  expect_session(sessions(c, "London"), {0, 1, 1, 1, 0, 1},
                 {0, f(1.1), f(1.12), f(1.12), 0, f(1.09)},
                 {0, f(1.05), f(1.03), f(1.03), 0, f(1.08)});
}

TEST(sessions, sydney_runs_across_midnight_as_one_stretch) {
  // 21:00..06:00: 20:59 out; 21:00, 23:30, 00:00, 06:00 in and one running stretch; 06:01 out;
  // 21:00 starts afresh.
  const ohlcv c = candles_at({{utc(2024, 1, 2, 20, 59), 50, 1},
                              {utc(2024, 1, 2, 21, 0), 10, 8},
                              {utc(2024, 1, 2, 23, 30), 12, 9},
                              {utc(2024, 1, 3, 0, 0), 11, 7},
                              {utc(2024, 1, 3, 6, 0), 10.5, 7.5},
                              {utc(2024, 1, 3, 6, 1), 50, 1},
                              {utc(2024, 1, 3, 21, 0), 9, 8.5}});
  expect_session(sessions(c, "Sydney"), {0, 1, 1, 1, 1, 0, 1}, {0, 10, 12, 12, 12, 0, 9},
                 {0, 8, 8, 7, 7, 0, 8.5});
}

TEST(sessions, times_before_1970_use_the_floor_minute) {
  // 1969-12-31 23:59:30 UTC is -30 s: its minute is 23:59 (inside Sydney), not 00:00 of
  // 1970-01-01 truncated towards zero; 1969-12-31 06:00:30 is 06:00, the end, inside too,
  // whereas 06:01:00 is out.
  ohlcv c;
  c.push_back(-30'000, 1, 2, 1, 2, 0);
  c.push_back(-18 * 3'600'000 + 30'000, 1, 2, 1, 2, 0);
  c.push_back(-18 * 3'600'000 + 60'000, 1, 2, 1, 2, 0);
  EXPECT_EQ(active_of(sessions(c, "Sydney")), (std::vector<double>{1, 1, 0}));
  // Tokyo 00:00..09:00: -30 s is 23:59, out (truncation towards zero would say 00:00, in).
  EXPECT_EQ(active_of(sessions(c, "Tokyo")), (std::vector<double>{0, 1, 1}));
}

TEST(sessions, custom_hours_are_parsed_like_strptime) {
  // "9:30" (one-digit hour) to "10:00".
  const table t = sessions(at_minutes({9 * 60 + 29, 9 * 60 + 30, 10 * 60, 10 * 60 + 1}), "Custom",
                           "9:30", "10:00");
  EXPECT_EQ(active_of(t), (std::vector<double>{0, 1, 1, 0}));
  // A custom session across midnight.
  const table night = sessions(at_minutes({22 * 60, 23 * 60, 60, 2 * 60 + 1}), "Custom", "23:00", "02:00");
  EXPECT_EQ(active_of(night), (std::vector<double>{0, 1, 1, 0}));
}

TEST(sessions, a_custom_session_that_starts_where_it_ends_is_always_on) {
  // start >= end takes the wrapping branch, and t >= 12:00 or t <= 12:00 holds for every t:
  // one stretch over the whole data, even across days.
  const ohlcv c = candles_at({{utc(2024, 1, 2, 3, 0), 10, 5},
                              {utc(2024, 1, 2, 18, 0), 11, 6},
                              {utc(2024, 1, 3, 9, 0), 9, 4}});
  expect_session(sessions(c, "Custom", "12:00", "12:00"), {1, 1, 1}, {10, 11, 11}, {5, 5, 4});
}

TEST(sessions, the_session_names_and_times_are_checked) {
  const ohlcv c = at_minutes({0});
  EXPECT_THROW(sessions(c, "london"), std::invalid_argument);  // the case matters
  EXPECT_THROW(sessions(c, "Custom", "09:00", ""), std::invalid_argument);
  EXPECT_THROW(sessions(c, "Custom", "", "10:00"), std::invalid_argument);
  for (const char* bad : {"24:00", "9", "09:60", "009:00", "09:00:00", " 9:00", "-1:00"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(sessions(c, "Custom", bad, "10:00"), std::invalid_argument);
  }
  expect_invalid_argument([&] { sessions(c, "Custom", "9h30", "10:00"); },
                          "sessions: start_time \"9h30\" is not a time of day; write it as HH:MM, "
                          "e.g. 09:30");
}

TEST(sessions, utc_plus_n_is_posix_etc_gmt_plus_n_hours_behind_utc) {
  // "UTC+2" becomes Etc/GMT+2 = UTC-2: a local 05:00 is 07:00 UTC. London 07:00..16:00 UTC is
  // local 05:00..14:00. "GMT+2" reads the same.
  const std::vector<int> local = {4 * 60 + 59, 5 * 60, 14 * 60, 14 * 60 + 1};
  for (const char* zone : {"UTC+2", "GMT+2"}) {
    SCOPED_TRACE(zone);
    EXPECT_EQ(active_of(sessions(at_minutes(local), "London", "", "", zone)),
              (std::vector<double>{0, 1, 1, 0}));
  }
}

TEST(sessions, gmt_minus_n_is_ahead_and_can_move_a_candle_to_the_day_before) {
  // "GMT-3" = Etc/GMT-3 = UTC+3: local 01:00 is 22:00 UTC the day before, the end of New York
  // (13:00..22:00); local 01:01 is 22:01, out; local 16:00 is 13:00, in; 15:59 is 12:59, out.
  const table t = sessions(at_minutes({60, 61, 16 * 60, 15 * 60 + 59}), "New York", "", "", "GMT-3");
  EXPECT_EQ(active_of(t), (std::vector<double>{1, 0, 1, 0}));
}

TEST(sessions, zero_offset_zones_change_nothing) {
  const std::vector<int> minutes = {6 * 60 + 59, 7 * 60, 16 * 60, 16 * 60 + 1};
  // "GMT" -> Etc/GMT, "UTC0" -> Etc/GMT0, "GMT+0" -> Etc/GMT+0; "utc" and "Zulu" are not
  // rewritten (the rewrite is case-sensitive) and name UTC as they are.
  for (const char* zone : {"UTC", "GMT", "utc", "UTC0", "GMT+0", "Zulu"}) {
    SCOPED_TRACE(zone);
    EXPECT_EQ(active_of(sessions(at_minutes(minutes), "London", "", "", zone)),
              (std::vector<double>{0, 1, 1, 0}));
  }
}

TEST(sessions, zones_the_reference_cannot_read_or_this_build_cannot_place_are_refused) {
  const ohlcv c = at_minutes({0});
  // Etc/GMT+2 and Etc/UTC are rewritten to Etc/Etc/GMT..., which no database has; UTC+15 is
  // Etc/GMT+15, beyond the database's Etc/GMT+12; Europe/London needs a database.
  for (const char* zone : {"Etc/GMT+2", "Etc/UTC", "UTC+15", "UTC-15", "UTC+02:00", "UTC+02"}) {
    SCOPED_TRACE(zone);
    EXPECT_THROW(sessions(c, "London", "", "", zone), std::invalid_argument);
  }
  expect_invalid_argument(
      [&] { sessions(c, "London", "", "", "Europe/London"); },
      "sessions: time_zone \"Europe/London\" (read as \"Europe/London\", as the reference "
      "rewrites GMT and UTC to Etc/GMT) is not supported: this build has no time-zone "
      "database, so use UTC or a fixed offset such as UTC+2 or GMT-3 (POSIX sign: UTC+2 "
      "is two hours behind UTC), or convert the candle times to UTC first");
}

TEST(sessions, through_the_registry) {
  const ohlcv c = at_minutes({4 * 60 + 59, 5 * 60, 14 * 60, 14 * 60 + 1});
  params london({{"session", "London"}, {"time_zone", "UTC+2"}});
  EXPECT_EQ(active_of(compute_indicator("sessions", c, london)), (std::vector<double>{0, 1, 1, 0}));
  params custom({{"session", "Custom"}, {"start_time", "05:00"}, {"end_time", "05:00"}});
  EXPECT_EQ(active_of(compute_indicator("sessions", c, custom)), (std::vector<double>{1, 1, 1, 1}));

  params unknown(std::map<std::string, std::string>{{"session", "Frankfurt"}});
  expect_invalid_argument([&] { compute_indicator("sessions", c, unknown); },
                          "sessions: unknown session \"Frankfurt\" (known: Sydney, Tokyo, London, "
                          "New York, Asian kill zone, London open kill zone, New York kill zone, "
                          "london close kill zone, Custom with start_time and end_time)");
  params none;
  EXPECT_THROW(compute_indicator("sessions", c, none), std::invalid_argument);
  params misspelt({{"session", "London"}, {"timezone", "UTC"}});
  expect_invalid_argument([&] { compute_indicator("sessions", c, misspelt); },
                          "indicator sessions has no parameter timezone (it takes: session, "
                          "start_time, end_time, time_zone)");
}

}  // namespace
}  // namespace tb::ictsmc
