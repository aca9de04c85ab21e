#include "config/internal/suggestion.hpp"

#include <gtest/gtest.h>

namespace tb::host::config_internal {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("level", "level"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("rate_limit", "rate_limits"), 1u);
  EXPECT_EQ(edit_distance("consle", "console"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(EditDistance, SwapOfNeighboursCostsOne) {
  EXPECT_EQ(edit_distance("levle", "level"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("cirucit_breakers", "circuit_breakers"), 1u);
}

TEST(ClosestMatch, PicksTheNearestPlausibleCandidate) {
  const std::vector<std::string_view> keys{"level", "console", "file", "format", "max_files"};
  EXPECT_EQ(closest_match("levle", keys), "level");
  EXPECT_EQ(closest_match("max_file", keys), "max_files");
  EXPECT_EQ(closest_match("Console", keys), "console");
  EXPECT_EQ(closest_match("fiel", keys), "file");
}

TEST(ClosestMatch, NothingWhenTooFarAway) {
  const std::vector<std::string_view> keys{"level", "console"};
  EXPECT_EQ(closest_match("verbosity", keys), std::nullopt);
  EXPECT_EQ(closest_match("lv", keys), std::nullopt);
  EXPECT_EQ(closest_match("x", std::vector<std::string_view>{}), std::nullopt);
}

}  // namespace
}  // namespace tb::host::config_internal
