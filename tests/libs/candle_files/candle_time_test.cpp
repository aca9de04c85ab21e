#include "candle_files/candle_time.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace tb::candle_files {
namespace {

constexpr std::int64_t march_1_1230 = 1'614'601'800'000;  // 2021-03-01T12:30:00Z
constexpr std::int64_t march_1 = 1'614'556'800'000;       // 2021-03-01T00:00:00Z
constexpr std::int64_t hour = 3'600'000;

struct time_case {
  std::string text;
  std::int64_t expected;
  friend void PrintTo(const time_case& c, std::ostream* out) { *out << '"' << c.text << '"'; }
};

class candle_time_forms : public testing::TestWithParam<time_case> {};

TEST_P(candle_time_forms, ParsesToEpochMillisecondsUtc) {
  EXPECT_EQ(parse_candle_time(GetParam().text), std::optional(GetParam().expected))
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    accepted, candle_time_forms,
    testing::Values(
        time_case{"2021-03-01", march_1}, time_case{"2021-03-01T12:30:00", march_1_1230},
        time_case{"2021-03-01t12:30:00", march_1_1230},
        time_case{"2021-03-01 12:30:00", march_1_1230}, time_case{"2021-03-01T12:30", march_1_1230},
        time_case{"2021-03-01T12:30:00Z", march_1_1230},
        time_case{"2021-03-01T12:30:00z", march_1_1230},
        time_case{"2021-03-01T12:30:00.250Z", march_1_1230 + 250},
        time_case{"2021-03-01T12:30:00.5", march_1_1230 + 500},
        time_case{"2021-03-01T12:30:00.123999", march_1_1230 + 123},
        time_case{"2021-03-01 12:30:00+00:00", march_1_1230},
        time_case{"2021-03-01T14:30:00+02:00", march_1_1230},
        time_case{"2021-03-01T14:30:00+0200", march_1_1230},
        time_case{"2021-03-01T14:30:00+02", march_1_1230},
        time_case{"2021-03-01T07:00:00-05:30", march_1_1230},
        time_case{"2021-03-01T12:30Z", march_1_1230},
        time_case{"2021.03.01 12:30:00", march_1_1230}, time_case{"2021.03.01 12:30", march_1_1230},
        time_case{"2021.03.01", march_1}, time_case{"01.03.2021 12:30:00.000", march_1_1230},
        time_case{"  2021-03-01T12:30:00Z ", march_1_1230},
        time_case{"2024-02-29T23:59:59Z", 1'709'251'199'000}, time_case{"1970-01-01", 0},
        time_case{"1614601800", march_1_1230},                            // seconds
        time_case{"1614601800000", march_1_1230},                         // milliseconds
        time_case{"1614601800000123", march_1_1230},                      // microseconds
        time_case{"1614601800000123456", march_1_1230},                   // nanoseconds
        time_case{"0", 0}, time_case{"99999999999", 99'999'999'999'000},  // last seconds value
        time_case{"100000000000", 100'000'000'000}));                     // first milliseconds

TEST(candle_time, ISONextDayAfterNegativeOffsetCrossesMidnight) {
  EXPECT_EQ(parse_candle_time("2021-03-01T23:00:00-02:00"), march_1 + 25 * hour);
}

class candle_time_rejects : public testing::TestWithParam<std::string> {};

TEST_P(candle_time_rejects, Nullopt) {
  EXPECT_EQ(parse_candle_time(GetParam()), std::nullopt) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    rejected, candle_time_rejects,
    testing::Values("", "   ", "2021-13-01", "2021-02-29", "2021-00-10", "2021-01-00", "0000-01-01",
                    "2021-3-1", "21-03-01", "2021/03/01", "2021-03-01T24:00:00",
                    "2021-03-01T12:60:00", "2021-03-01T12:30:60", "2021-03-01T12",
                    "2021-03-01T12:30:00.", "2021-03-01T12:30:00+2", "2021-03-01T12:30:00+24:00",
                    "2021-03-01T12:30:00+02:60", "2021-03-01T12:30:00 Z", "2021-03-01X12:30",
                    "2021-03-01T12:30:00Zjunk", "2021.03-01", "01.03.21 12:00", "-1614601800",
                    "+1614601800", "1614601800.5", "1e12", "99999999999999999999", "now"));

TEST(candle_time, FormatsIsoUtcWithMillisecondsOnlyWhenPresent) {
  EXPECT_EQ(format_candle_time(march_1_1230), "2021-03-01T12:30:00Z");
  EXPECT_EQ(format_candle_time(march_1_1230 + 7), "2021-03-01T12:30:00.007Z");
  EXPECT_EQ(format_candle_time(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace tb::candle_files
