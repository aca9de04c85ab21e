#include "plugin/plugin_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "fixture_paths.hpp"
#include "test_host_api.hpp"

namespace tb::host {
namespace {

using ::testing::ElementsAre;
using testing::fixture;
using ::testing::HasSubstr;
using testing::test_host;

std::vector<std::string> step_names(const check_report& report) {
  std::vector<std::string> names;
  for (const check_step& s : report.steps) names.push_back(s.name);
  return names;
}

const check_step& step(const check_report& report, const std::string& name) {
  for (const check_step& s : report.steps) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no step " + name);
}

std::string printed(const check_report& report) {
  std::ostringstream out;
  print_check_report(out, report);
  return out.str();
}

TEST(PluginCheck, GoodStrategyIsScanned) {
  test_host host;
  const check_report report = check_plugin(fixture("good_strategy"), *host.api());
  EXPECT_TRUE(report.ok()) << printed(report);
  EXPECT_THAT(step_names(report), ElementsAre("load", "create", "start", "interface tb.strategy/1",
                                              "data_needs", "on_scan", "stop", "destroy"));
  EXPECT_EQ(step(report, "data_needs").detail, "1 need(s): 1h x 50");
  EXPECT_EQ(step(report, "on_scan").outcome, check_outcome::ok);
  EXPECT_EQ(step(report, "on_scan").detail, "scanned 1 synthetic series, emitted 1 signal(s)");
  EXPECT_TRUE(host.logged("good_strategy: instance 'check' created"));
  const std::string text = printed(report);
  EXPECT_THAT(text, HasSubstr("  id:      good_strategy\n  kind:    strategy\n  version: 1.2.3\n"
                              "  ABI:     1.5 (host 1.5)\n  build:   C fixture, gcc "));
  EXPECT_THAT(text, HasSubstr("  [OK] on_scan: scanned 1 synthetic series"));
  EXPECT_THAT(text, ::testing::EndsWith("\nOK\n"));
}

TEST(PluginCheck, UnsupportedScanIsNotAFailure) {
  test_host host;
  const check_report report = check_plugin(fixture("scan_unsupported"), *host.api());
  EXPECT_TRUE(report.ok()) << printed(report);
  const check_step& scan = step(report, "on_scan");
  EXPECT_EQ(scan.outcome, check_outcome::not_supported);
  EXPECT_EQ(scan.detail, "not supported yet: scan_unsupported: scanning is not written yet");
  EXPECT_THAT(printed(report), HasSubstr("[NOT SUPPORTED] on_scan: not supported yet"));
}

TEST(PluginCheck, ExchangeAndNotifierInterfacesAreChecked) {
  test_host host;
  const check_report exchange = check_plugin(fixture("good_exchange"), *host.api());
  EXPECT_TRUE(exchange.ok()) << printed(exchange);
  EXPECT_THAT(step_names(exchange),
              ElementsAre("load", "create", "start", "interface tb.exchange/1", "stop", "destroy"));
  const check_report notifier = check_plugin(fixture("good_notifier"), *host.api());
  EXPECT_TRUE(notifier.ok()) << printed(notifier);
  EXPECT_EQ(step(notifier, "interface tb.notifier/1").outcome, check_outcome::ok);
}

TEST(PluginCheck, FileThatDoesNotLoadStopsAtLoad) {
  test_host host;
  const check_report report = check_plugin(fixture("not_a_library"), *host.api());
  EXPECT_FALSE(report.ok());
  EXPECT_FALSE(report.info.has_value());
  ASSERT_EQ(report.steps.size(), 1u);
  EXPECT_EQ(report.steps[0].outcome, check_outcome::failed);
  EXPECT_THAT(report.steps[0].detail, HasSubstr("is not a shared library"));
  EXPECT_THAT(printed(report), ::testing::EndsWith("\nFAILED\n"));
}

TEST(PluginCheck, StartFailureStillDestroys) {
  test_host host;
  const check_report report = check_plugin(fixture("start_fails"), *host.api());
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(step_names(report), ElementsAre("load", "create", "start", "stop", "destroy"));
  EXPECT_THAT(step(report, "start").detail, HasSubstr("TB_E_AUTH"));
  EXPECT_EQ(step(report, "stop").detail, "not started, so not stopped");
  EXPECT_EQ(step(report, "destroy").outcome, check_outcome::ok);
}

TEST(PluginCheck, ThrowingCreateIsReported) {
  test_host host;
  const check_report report = check_plugin(fixture("create_throws"), *host.api());
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(step(report, "create").detail,
              HasSubstr("threw a C++ exception across the C ABI in create()"));
}

TEST(PluginCheck, SmallInterfaceTableFails) {
  test_host host;
  const check_report report = check_plugin(fixture("small_interface"), *host.api());
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(step(report, "interface tb.strategy/1").outcome, check_outcome::failed);
  EXPECT_THAT(step(report, "interface tb.strategy/1").detail, HasSubstr("is 8 bytes"));
}

TEST(PluginCheck, StrategyWithoutItsInterfaceFails) {
  test_host host;
  const check_report report = check_plugin(fixture("no_interface"), *host.api());
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(step_names(report),
              ElementsAre("load", "create", "start", "interface tb.strategy/1", "stop", "destroy"));
  EXPECT_THAT(
      step(report, "interface tb.strategy/1").detail,
      HasSubstr("plugin 'no_interface' instance 'check' (" + fixture("no_interface").string() +
                "): does not offer interface tb.strategy/1, which every strategy plugin "
                "must"));
}

}  // namespace
}  // namespace tb::host
