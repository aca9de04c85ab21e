#include "api/trades_query.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace tb::host {
namespace {

using ::testing::HasSubstr;

trades_query read(const std::string& query) { return read_trades_query(parse_query(query)); }

std::string error_of(const std::string& query) {
  try {
    read(query);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(TradesQuery, DefaultsAndBounds) {
  EXPECT_EQ(read("").limit, 100u);
  EXPECT_EQ(read("").since_ms, std::nullopt);
  EXPECT_EQ(read("limit=1").limit, 1u);
  EXPECT_EQ(read("limit=1000").limit, 1000u);
  EXPECT_EQ(read("limit=007").limit, 7u);
  EXPECT_EQ(read("since=0").since_ms, 0);
  EXPECT_EQ(read("since=9223372036854775807").since_ms, 9'223'372'036'854'775'807);
}

TEST(TradesQuery, NamesTheBadParameterAndQuotesItsValue) {
  EXPECT_EQ(error_of("limit=0"),
            "query parameter 'limit' must be a whole number from 1 to 1000, got '0'");
  EXPECT_THAT(error_of("limit=1001"), HasSubstr("got '1001'"));
  EXPECT_THAT(error_of("limit= 5"), HasSubstr("'limit'"));
  EXPECT_THAT(error_of("limit=-5"), HasSubstr("'limit'"));
  EXPECT_EQ(error_of("since=-1"),
            "query parameter 'since' must be a time in epoch milliseconds (a whole number >= 0), "
            "got '-1'");
  EXPECT_THAT(error_of("since=9223372036854775808"), HasSubstr("'since'"));
  EXPECT_THAT(error_of("since=1e3"), HasSubstr("'since'"));
  EXPECT_THAT(error_of("since=5&since=6"), HasSubstr("'since' is given more than once"));
  EXPECT_THAT(error_of("offset=5"), HasSubstr("unknown query parameter 'offset' on /api/trades"));
}

}  // namespace
}  // namespace tb::host
