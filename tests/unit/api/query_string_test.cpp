#include "api/query_string.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace tb::host {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(QueryString, SplitsAndDecodes) {
  const auto params = parse_query("a=1&b=x%20y+z&&c&d=&%6Cimit=%41");
  ASSERT_EQ(params.size(), 5u);
  EXPECT_EQ(params[0].name, "a");
  EXPECT_EQ(params[0].value, "1");
  EXPECT_EQ(params[1].value, "x y z");
  EXPECT_EQ(params[2].name, "c");
  EXPECT_EQ(params[2].value, "");
  EXPECT_EQ(params[3].name, "d");
  EXPECT_EQ(params[3].value, "");
  EXPECT_EQ(params[4].name, "limit");
  EXPECT_EQ(params[4].value, "A");
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("&&").empty());
  EXPECT_EQ(parse_query("a=b=c")[0].value, "b=c");
}

TEST(QueryString, RefusesBrokenPercentEscapes) {
  EXPECT_THAT(error_of([] { parse_query("a=%"); }), HasSubstr("'%' is not a percent-escape"));
  EXPECT_THAT(error_of([] { parse_query("a=%4"); }), HasSubstr("'%4' is not a percent-escape"));
  EXPECT_THAT(error_of([] { parse_query("a=%G1"); }), HasSubstr("'%G1'"));
}

TEST(QueryString, ChecksNamesAgainstTheRoute) {
  EXPECT_EQ(error_of([] { check_query_names(parse_query("x=1"), {}, "/api/status"); }),
            "unknown query parameter 'x' on /api/status (it takes none)");
  EXPECT_EQ(error_of([] {
              check_query_names(parse_query("limit=1&y"), {"limit", "since"}, "/api/trades");
            }),
            "unknown query parameter 'y' on /api/trades (it takes limit, since)");
  EXPECT_EQ(error_of([] { check_query_names(parse_query("a=1&a=2"), {"a"}, "/r"); }),
            "query parameter 'a' is given more than once");
  EXPECT_EQ(error_of([] { check_query_names(parse_query("a=1"), {"a"}, "/r"); }), "no error");
}

TEST(QueryString, EchoesOnlyAnExcerpt) {
  EXPECT_EQ(excerpt("short"), "short");
  EXPECT_EQ(excerpt(std::string(100, 'n')), std::string(64, 'n') + "...");
  const auto message =
      error_of([] { check_query_names(parse_query(std::string(500, 'q')), {}, "/r"); });
  EXPECT_LT(message.size(), 120u);
}

}  // namespace
}  // namespace tb::host
