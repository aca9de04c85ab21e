#include "analysis/indicator_csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace tb::host {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

struct format_case {
  double value;
  std::string expected;
  friend void PrintTo(const format_case& c, std::ostream* out) { *out << c.expected; }
};

class float64_repr : public testing::TestWithParam<format_case> {};

TEST_P(float64_repr, MatchesPythonRepr) {
  EXPECT_EQ(format_float64(GetParam().value), GetParam().expected);
}

// Expected values are Python 3's repr(float); pandas 1.5.3 to_csv writes the same.
INSTANTIATE_TEST_SUITE_P(
    values, float64_repr,
    testing::Values(format_case{0.1, "0.1"}, format_case{34.0, "34.0"}, format_case{1e-05, "1e-05"},
                    format_case{0.0001, "0.0001"}, format_case{0.00012, "0.00012"},
                    format_case{1.234e-05, "1.234e-05"}, format_case{1e16, "1e+16"},
                    format_case{1.5e16, "1.5e+16"},
                    format_case{9999999999999998.0, "9999999999999998.0"},
                    format_case{1234567890123456.7, "1234567890123456.8"},
                    format_case{123456789012345.6, "123456789012345.6"}, format_case{-0.0, "-0.0"},
                    format_case{0.0, "0.0"}, format_case{-2.5, "-2.5"},
                    format_case{19695.87, "19695.87"}, format_case{1e22, "1e+22"},
                    format_case{1e100, "1e+100"}, format_case{5e-324, "5e-324"},
                    format_case{1.7976931348623157e308, "1.7976931348623157e+308"},
                    format_case{inf, "inf"}, format_case{-inf, "-inf"}));

TEST(format_float64, NanIsEmpty) { EXPECT_EQ(format_float64(nan), ""); }

class float32_repr : public testing::TestWithParam<format_case> {};

TEST_P(float32_repr, MatchesNumpyFloat32) {
  EXPECT_EQ(format_float32(GetParam().value), GetParam().expected);
}

// Expected values are numpy 1.24's str(np.float32(x)), which pandas 1.5.3 to_csv writes.
INSTANTIATE_TEST_SUITE_P(
    values, float32_repr,
    testing::Values(format_case{static_cast<float>(1.1), "1.1"},
                    format_case{static_cast<float>(0.97345555), "0.97345555"},
                    format_case{static_cast<float>(0.1), "0.1"}, format_case{34.0, "34.0"},
                    format_case{static_cast<float>(1e-05), "1e-05"},
                    // float32(1e-4) is just below 1e-4, so numpy writes it in scientific form.
                    format_case{static_cast<float>(1e-04), "1e-04"},
                    format_case{static_cast<float>(0.00012), "0.00012"},
                    format_case{16777217.0, "16777216.0"},
                    format_case{static_cast<float>(1e16), "1e+16"},
                    format_case{3.4028234663852886e38, "3.4028235e+38"}, format_case{-0.0, "-0.0"},
                    format_case{-1.5, "-1.5"}, format_case{0.1, "0.1"}, format_case{inf, "inf"}));

TEST(format_float32, NanIsEmpty) { EXPECT_EQ(format_float32(nan), ""); }

std::string csv_of(const std::vector<indicator_column>& columns) {
  std::ostringstream out;
  write_indicator_csv(out, columns);
  return out.str();
}

TEST(write_indicator_csv, WritesHeaderAndOneRowPerValueByKind) {
  const std::string text = csv_of({
      {"close", value_kind::float64, {1.5, 34.0, nan}},
      {"level", value_kind::float32, {static_cast<float>(0.97345555), nan, 1.0}},
      {"swing", value_kind::int32, {1, -1, 0}},
  });
  EXPECT_EQ(text,
            "close,level,swing\n"
            "1.5,0.97345555,1\n"
            "34.0,,-1\n"
            ",1.0,0\n");
}

TEST(write_indicator_csv, QuotesNamesAsPandasDoes) {
  EXPECT_EQ(csv_of({{"a,b", value_kind::float64, {1}}, {"say \"hi\"", value_kind::int32, {2}}}),
            "\"a,b\",\"say \"\"hi\"\"\"\n1.0,2\n");
}

TEST(write_indicator_csv, QuotesTheEmptyCellOfASingleColumn) {
  // The csv module writes a lone empty field as "" so the row is not a blank line.
  EXPECT_EQ(csv_of({{"x", value_kind::float64, {nan, 2}}}), "x\n\"\"\n2.0\n");
}

TEST(write_indicator_csv, NoRows) {
  EXPECT_EQ(csv_of({{"a", value_kind::float64, {}}, {"b", value_kind::int32, {}}}), "a,b\n");
}

TEST(write_indicator_csv, NoColumnsIsAnEmptyHeaderLine) {
  EXPECT_EQ(csv_of({}), "\n");  // pandas.DataFrame().to_csv(index=False)
}

TEST(write_indicator_csv, UnequalColumnsThrow) {
  std::ostringstream out;
  try {
    write_indicator_csv(out, {{"a", value_kind::float64, {1, 2}}, {"b", value_kind::int32, {1}}});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "write_indicator_csv: column \"b\" has 1 values but \"a\" has 2; every column "
              "needs one value per candle");
  }
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace tb::host
