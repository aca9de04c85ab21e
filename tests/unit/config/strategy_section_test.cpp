// The `strategy:` section: its default, its key, and its problems with their positions.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using testing::load_yaml;
using strings = std::vector<std::string>;

TEST(StrategySection, DefaultsWhenAbsent) {
  const auto loaded = load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(loaded->result.ok());
  EXPECT_EQ(loaded->result.settings->strategy.max_signals, 3u);
}

TEST(StrategySection, ReadsMaxSignals) {
  const auto loaded =
      load_yaml(std::string(testing::minimal_yaml) + "strategy:\n  max_signals: 7\n");
  ASSERT_TRUE(loaded->result.ok()) << ::testing::PrintToString(loaded->diagnostics());
  EXPECT_TRUE(loaded->diagnostics().empty());
  EXPECT_EQ(loaded->result.settings->strategy.max_signals, 7u);
}

TEST(StrategySection, ReportsEveryProblemWithItsPosition) {
  const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                "strategy:\n  max_signals: 0\n  max_signal: 2\n");
  EXPECT_FALSE(loaded->result.ok());
  EXPECT_EQ(loaded->diagnostics(),
            (strings{
                "6:16: error: strategy.max_signals: expected an integer from 1 to 100, got '0'",
                "7:3: error: unknown key 'max_signal' in 'strategy'; did you mean "
                "'max_signals'?",
            }));
}

TEST(StrategySection, RefusesAnIntegerOutOfRangeAndText) {
  for (const char* value : {"101", "three", "2.5"}) {
    const auto loaded = load_yaml(std::string(testing::minimal_yaml) +
                                  "strategy: {max_signals: " + value + "}\n");
    EXPECT_FALSE(loaded->result.ok()) << value;
    ASSERT_EQ(loaded->diagnostics().size(), 1u) << value;
    EXPECT_NE(loaded->diagnostics()[0].find("strategy.max_signals: expected an integer from 1 to "
                                            "100, got '" +
                                            std::string(value) + "'"),
              std::string::npos)
        << loaded->diagnostics()[0];
  }
}

}  // namespace
}  // namespace tb::host
