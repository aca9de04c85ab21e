#include "api/bearer_token.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace tb::host {
namespace {

TEST(BearerToken, AcceptsOnlyTheExactTokenUnderTheBearerScheme) {
  const bearer_token token("0123456789abcdef");
  EXPECT_EQ(token.check("Bearer 0123456789abcdef"), token_verdict::accepted);
  EXPECT_EQ(token.check("bearer 0123456789abcdef"), token_verdict::accepted);
  EXPECT_EQ(token.check("BEARER   0123456789abcdef"), token_verdict::accepted);
  EXPECT_EQ(token.check("Bearer 0123456789abcdeF"), token_verdict::wrong);
  EXPECT_EQ(token.check("Bearer 0123456789abcdef0"), token_verdict::wrong);
  EXPECT_EQ(token.check("Bearer 0123456789abcde"), token_verdict::wrong);
  EXPECT_EQ(token.check(std::string("Bearer 0123456789abcdef\0", 24)), token_verdict::wrong);
}

TEST(BearerToken, TellsMissingFromMalformed) {
  const bearer_token token("0123456789abcdef");
  EXPECT_EQ(token.check(std::nullopt), token_verdict::missing);
  EXPECT_EQ(token.check(""), token_verdict::malformed);
  EXPECT_EQ(token.check("Bearer"), token_verdict::malformed);
  EXPECT_EQ(token.check("Bearer "), token_verdict::malformed);
  EXPECT_EQ(token.check("Basic 0123456789abcdef"), token_verdict::malformed);
  EXPECT_EQ(token.check("Bearer0123456789abcdef"), token_verdict::malformed);
  EXPECT_EQ(token.check("0123456789abcdef"), token_verdict::malformed);
}

TEST(BearerToken, RefusesAnEmptyToken) { EXPECT_THROW(bearer_token(""), std::invalid_argument); }

TEST(BearerToken, DescriptionsNeverQuoteATokenAndDiffer) {
  EXPECT_STREQ(describe(token_verdict::missing), "no Authorization header");
  EXPECT_STREQ(describe(token_verdict::malformed),
               "the Authorization header is not a Bearer token");
  EXPECT_STREQ(describe(token_verdict::wrong), "wrong bearer token");
}

}  // namespace
}  // namespace tb::host
