#include "plugin/plugin_registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixture_paths.hpp"
#include "test_host_api.hpp"

namespace tb::host {
namespace {

using testing::fixture;
using ::testing::HasSubstr;
using testing::test_host;

std::unique_ptr<plugin_instance> make(const std::string& plugin, const test_host& host,
                                      const std::string& name) {
  return plugin_instance::create(plugin_library::open(fixture(plugin)), host.api(), name);
}

TEST(PluginRegistry, FindsByNameAndKind) {
  test_host host;
  plugin_registry registry;
  registry.add(make("good_notifier", host, "alerts"));
  registry.add(make("good_strategy", host, "ict"));
  EXPECT_EQ(registry.size(), 2u);
  ASSERT_NE(registry.find("ict"), nullptr);
  EXPECT_EQ(registry.find("ict")->info().id, "good_strategy");
  EXPECT_EQ(registry.find("nope"), nullptr);
  const auto strategies = registry.of_kind(TB_KIND_STRATEGY);
  ASSERT_EQ(strategies.size(), 1u);
  EXPECT_EQ(strategies[0]->name(), "ict");
  EXPECT_TRUE(registry.of_kind(TB_KIND_EXCHANGE).empty());
}

TEST(PluginRegistry, ReplaceKeepsThePlaceAndHandsBackTheOldInstance) {
  test_host host;
  plugin_registry registry;
  registry.add(make("good_notifier", host, "alerts"));
  plugin_instance& old = registry.add(make("good_strategy", host, "ict"));
  registry.add(make("good_exchange", host, "binance"));
  auto next = make("good_strategy", host, "ict");
  const plugin_instance* next_ptr = next.get();
  const auto previous = registry.replace(std::move(next));
  EXPECT_EQ(previous.get(), &old);
  EXPECT_EQ(registry.find("ict"), next_ptr);
  EXPECT_EQ(registry.size(), 3u);
  EXPECT_EQ(registry.of_kind(TB_KIND_STRATEGY).front(), next_ptr);
  try {
    registry.replace(make("good_strategy", host, "nobody"));
    FAIL() << "replaced an instance that is not registered";
  } catch (const plugin_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no instance named 'nobody'"));
  }
  EXPECT_EQ(registry.size(), 3u);
}

TEST(PluginRegistry, RefusesADuplicateName) {
  test_host host;
  plugin_registry registry;
  registry.add(make("good_strategy", host, "main"));
  try {
    registry.add(make("good_notifier", host, "main"));
    FAIL() << "a duplicate instance name was accepted";
  } catch (const plugin_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("plugin instance name 'main' is used twice (by good_strategy "
                                    "and good_notifier)"));
  }
}

TEST(PluginRegistry, StartsInOrderAndStopsAll) {
  test_host host;
  plugin_registry registry;
  plugin_instance& strategy = registry.add(make("good_strategy", host, "ict"));
  plugin_instance& notifier = registry.add(make("good_notifier", host, "alerts"));
  registry.start_all();
  EXPECT_TRUE(strategy.started());
  EXPECT_TRUE(notifier.started());
  registry.stop_all();
  EXPECT_FALSE(strategy.started());
  EXPECT_FALSE(notifier.started());
  EXPECT_TRUE(host.logged("good_strategy: stopped"));
}

TEST(PluginRegistry, FailedStartStopsThoseAlreadyStarted) {
  test_host host;
  plugin_registry registry;
  plugin_instance& strategy = registry.add(make("good_strategy", host, "ict"));
  registry.add(make("start_fails", host, "broken"));
  try {
    registry.start_all();
    FAIL() << "start_all succeeded although start_fails cannot start";
  } catch (const plugin_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("plugin 'start_fails' instance 'broken'"));
  }
  EXPECT_FALSE(strategy.started());
  EXPECT_TRUE(host.logged("good_strategy: stopped"));
}

}  // namespace
}  // namespace tb::host
