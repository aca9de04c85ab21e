#include "config/internal/env_interpolation.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace tb::host::config_internal {
namespace {

using testing::fake_env;
using strings = std::vector<std::string>;

const env_lookup env = fake_env({{"KEY", "k3y"}, {"HOST", "example.org"}, {"EMPTY", ""}});

TEST(Interpolate, WholeValue) {
  const interpolated r = interpolate("${KEY}", env);
  EXPECT_EQ(r.text, "k3y");
  EXPECT_EQ(r.variables, (strings{"KEY"}));
  EXPECT_EQ(r.values, (strings{"k3y"}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.from_env());
}

TEST(Interpolate, PartOfAValueAndSeveralVariables) {
  const interpolated r = interpolate("https://${HOST}/api?key=${KEY}&again=${KEY}", env);
  EXPECT_EQ(r.text, "https://example.org/api?key=k3y&again=k3y");
  EXPECT_EQ(r.variables, (strings{"HOST", "KEY", "KEY"}));
}

TEST(Interpolate, TextWithoutVariablesIsUnchanged) {
  const interpolated r = interpolate("plain $ text $$ and $x {y}", env);
  EXPECT_EQ(r.text, "plain $ text $$ and $x {y}");
  EXPECT_FALSE(r.from_env());
}

TEST(Interpolate, DoubleDollarEscapesALiteral) {
  const interpolated r = interpolate("$${KEY} is not ${KEY}; $$${KEY}", env);
  // "$$${" is a "$" and then the escape "$${".
  EXPECT_EQ(r.text, "${KEY} is not k3y; $${KEY}");
  EXPECT_EQ(r.variables, (strings{"KEY"}));
}

TEST(Interpolate, UnsetVariableIsAnErrorNamingIt) {
  const interpolated r = interpolate("a${NOPE}b", env);
  EXPECT_EQ(r.errors, (strings{"environment variable 'NOPE' is not set; export it before "
                               "starting the bot"}));
}

TEST(Interpolate, SetButEmptyIsReported) {
  const interpolated r = interpolate("${EMPTY}", env);
  EXPECT_EQ(r.text, "");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.empty, (strings{"EMPTY"}));
  EXPECT_TRUE(r.from_env());
}

TEST(Interpolate, BadNamesAndUnterminatedReferences) {
  EXPECT_EQ(interpolate("${}", env).errors,
            (strings{"invalid environment variable name '' (use letters, digits and '_', "
                     "not starting with a digit)"}));
  EXPECT_EQ(interpolate("${1ABC}", env).errors,
            (strings{"invalid environment variable name '1ABC' (use letters, digits and '_', "
                     "not starting with a digit)"}));
  EXPECT_EQ(interpolate("${KEY:-x}", env).errors,
            (strings{"invalid environment variable name 'KEY:-x' (use letters, digits and "
                     "'_', not starting with a digit)"}));
  EXPECT_EQ(interpolate("abc${KEY", env).errors,
            (strings{"unterminated '${' in 'abc${KEY'; close it with '}' or write '$${' for "
                     "a literal '${'"}));
}

}  // namespace
}  // namespace tb::host::config_internal
