// The `positions:` section: its defaults, every key, and its problems with their positions.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using strings = std::vector<std::string>;
using std::chrono::milliseconds;

TEST(PositionsSection, DefaultsLeavePositionsToTheirExchangeHeldOrders) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  const position_settings& p = loaded->result.settings->positions;
  EXPECT_EQ(p.check_every, milliseconds{30'000});
  EXPECT_EQ(p.follow_for, milliseconds{0});
  EXPECT_EQ(p.break_even_at_r, 0.0);
  EXPECT_EQ(p.trailing_stop_r, 0.0);
  EXPECT_EQ(p.max_hold, milliseconds{0});
}

TEST(PositionsSection, ReadsEveryKey) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "positions:\n"
                                "  check_every: 10s\n"
                                "  follow_for: 2h\n"
                                "  break_even_at_r: 1\n"
                                "  trailing_stop_r: 1.5\n"
                                "  max_hold: 48h\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  const position_settings& p = loaded->result.settings->positions;
  EXPECT_EQ(p.check_every, milliseconds{10'000});
  EXPECT_EQ(p.follow_for, milliseconds{2 * 3'600'000});
  EXPECT_EQ(p.break_even_at_r, 1.0);
  EXPECT_EQ(p.trailing_stop_r, 1.5);
  EXPECT_EQ(p.max_hold, milliseconds{48 * 3'600'000});
}

TEST(PositionsSection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "positions:\n"
                                "  check_every: 0s\n"
                                "  follow_for: 31d\n"
                                "  break_even_at_r: -1\n"
                                "  trailing_stop_r: far\n"
                                "  max_hold: 91d\n"
                                "  trailing: 1\n");
  EXPECT_FALSE(loaded->result.ok());
  const auto problems = loaded->diagnostics();
  ASSERT_EQ(problems.size(), 6u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind("6:16: error: positions.check_every: expected a duration from 1s to 1h", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1].rfind("7:15: error: positions.follow_for: expected a duration from 0ms to 720h", 0), 0u) << problems[1];
  EXPECT_EQ(problems[2], "8:20: error: positions.break_even_at_r: expected a number from 0 to 100, got '-1'");
  EXPECT_EQ(problems[3], "9:20: error: positions.trailing_stop_r: expected a number from 0 to 100, got 'far'");
  EXPECT_EQ(problems[4].rfind("10:13: error: positions.max_hold: expected a duration from 0ms to 2160h", 0), 0u) << problems[4];
  EXPECT_EQ(problems[5].rfind("11:3: error: unknown key 'trailing' in 'positions'", 0), 0u) << problems[5];
}

}  // namespace
}  // namespace tb::host
