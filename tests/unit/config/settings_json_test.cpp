// Plugin `settings` -> the JSON object handed to the plugin.
#include <gtest/gtest.h>

#include "config/load_settings.hpp"
#include "test_support.hpp"

namespace tb::host {
namespace {

using nlohmann::json;
using testing::fake_env;
using strings = std::vector<std::string>;

const std::string prefix =
    "mode: demo\n"
    "plugins:\n"
    "  load:\n"
    "    - name: strategy_ictsmc\n"
    "      settings:\n";

// Loads `body` (lines indented under `settings:`) and returns the plugin's JSON.
json settings_of(const std::string& body, const env_lookup& env = fake_env()) {
  const auto loaded = testing::load_yaml(prefix + body, env);
  if (!loaded->result.ok()) {
    ADD_FAILURE() << ::testing::PrintToString(loaded->diagnostics());
    return nullptr;
  }
  return loaded->result.settings->plugins.load.at(0).settings;
}

strings problems_of(const std::string& body, const env_lookup& env = fake_env()) {
  const auto loaded = testing::load_yaml(prefix + body, env);
  EXPECT_FALSE(loaded->result.ok());
  return loaded->diagnostics();
}

TEST(PluginSettingsJson, PlainScalarsBecomeTypedValues) {
  const json j = settings_of(R"(        int: 42
        negative: -7
        positive: +3
        hex: 0x1F
        octal: 0o17
        float: 2.5
        exponent: 1e3
        leading_dot: .5
        yes_bool: true
        no_bool: FALSE
        tilde: ~
        null_word: null
        empty:
        text: hello world
        version: 1.2.3
        infinity: .inf
        yes_word: yes
)");
  EXPECT_EQ(j, json::parse(R"({
    "int": 42, "negative": -7, "positive": 3, "hex": 31, "octal": 15, "float": 2.5,
    "exponent": 1000.0, "leading_dot": 0.5, "yes_bool": true, "no_bool": false,
    "tilde": null, "null_word": null, "empty": null, "text": "hello world",
    "version": "1.2.3", "infinity": ".inf", "yes_word": "yes"})"));
  EXPECT_TRUE(j["int"].is_number_integer());
  EXPECT_TRUE(j["exponent"].is_number_float());
}

TEST(PluginSettingsJson, QuotedBlockAndStrTaggedScalarsStayStrings) {
  const json j = settings_of(R"(        double_quoted: "42"
        single_quoted: 'true'
        quoted_null: "null"
        quoted_empty: ""
        tagged: !!str 7
        literal: |
          line one
          line two
        folded: >
          one
          two
)");
  EXPECT_EQ(j, json::parse(R"({
    "double_quoted": "42", "single_quoted": "true", "quoted_null": "null", "quoted_empty": "",
    "tagged": "7", "literal": "line one\nline two\n", "folded": "one two\n"})"));
}

TEST(PluginSettingsJson, NestedMapsAndLists) {
  const json j = settings_of(R"(        symbols: [BTCUSDT, "ETHUSDT"]
        risk:
          max_positions: 3
          per_trade: {fraction: 0.01, stop: [1, 2.5, "3"]}
        sessions:
          - {name: london, open: "07:00"}
          - name: new_york
            weights: [[1, 2], []]
        nothing: {}
)");
  EXPECT_EQ(j, json::parse(R"({
    "symbols": ["BTCUSDT", "ETHUSDT"],
    "risk": {"max_positions": 3, "per_trade": {"fraction": 0.01, "stop": [1, 2.5, "3"]}},
    "sessions": [{"name": "london", "open": "07:00"},
                 {"name": "new_york", "weights": [[1, 2], []]}],
    "nothing": {}})"));
}

TEST(PluginSettingsJson, SixtyFourBitIntegersKeepTheirExactValue) {
  const json j = settings_of(R"(        max: 18446744073709551615
        min: -9223372036854775808
        big: 9223372036854775808
)");
  EXPECT_EQ(j["max"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(j["min"].get<std::int64_t>(), INT64_MIN);
  EXPECT_EQ(j["big"].get<std::uint64_t>(), 9223372036854775808ull);
}

TEST(PluginSettingsJson, EnvironmentValuesAreAlwaysStrings) {
  const json j = settings_of(R"(        port: ${PORT}
        flag: ${FLAG}
        url: https://${HOST}:${PORT}/x
        literal: $${NOT_A_VAR}
)",
                             fake_env({{"PORT", "8443"}, {"FLAG", "true"}, {"HOST", "h.example"}}));
  EXPECT_EQ(j, json::parse(R"({"port": "8443", "flag": "true", "url": "https://h.example:8443/x",
                               "literal": "${NOT_A_VAR}"})"));
}

TEST(PluginSettingsJson, OmittedOrEmptySettingsAreAnEmptyObject) {
  const auto omitted = testing::load_yaml(testing::minimal_yaml);
  ASSERT_TRUE(omitted->result.ok());
  EXPECT_EQ(omitted->result.settings->plugins.load[0].settings.dump(), "{}");
  EXPECT_EQ(settings_of("").dump(), "{}");
}

TEST(PluginSettingsJson, DumpIsCompactJsonText) {
  EXPECT_EQ(settings_of("        b: [1, x]\n        a: {c: null}\n").dump(),
            R"({"a":{"c":null},"b":[1,"x"]})");
}

TEST(PluginSettingsJson, ProblemsAreReportedWithTheirPath) {
  EXPECT_EQ(problems_of(R"(        too_big: 18446744073709551616
        too_negative: -9223372036854775809
        huge_float: 1e999
        tagged: !secret x
        dup: 1
        dup: 2
        ? [a, b]
        : 3
        list:
          - ${MISSING}
)"),
            (strings{
                "6:18: error: plugins.load[0].settings.too_big: the number '18446744073709551616' "
                "does not fit in 64 bits; quote it to pass it as a string",
                "7:23: error: plugins.load[0].settings.too_negative: the number "
                "'-9223372036854775809' does not fit in 64 bits; quote it to pass it as a string",
                "8:21: error: plugins.load[0].settings.huge_float: the number '1e999' does not fit "
                "in 64 bits; quote it to pass it as a string",
                "9:17: error: plugins.load[0].settings.tagged: unsupported tag '!secret'; remove "
                "it, or quote the value to pass it as a string",
                "11:9: error: plugins.load[0].settings: duplicate key 'dup'",
                "12:11: error: plugins.load[0].settings: keys must be plain names, got a list",
                "15:13: error: plugins.load[0].settings.list[0]: environment variable 'MISSING' "
                "is not set; export it before starting the bot",
            }));
}

TEST(PluginSettingsJson, SettingsMustBeAMap) {
  const auto loaded = testing::load_yaml(
      "mode: demo\nplugins:\n  load:\n    - name: strategy_ictsmc\n      settings: [1, 2]\n");
  EXPECT_EQ(loaded->diagnostics(),
            (strings{"5:17: error: plugins.load[0].settings: expected a map of the plugin's "
                     "settings, got a list"}));
}

TEST(PluginSettingsJson, RecursiveAliasIsAnErrorNotACrash) {
  const auto problems = problems_of("        loop: &a [1, *a]\n");
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("nested more than 64 levels deep (does an alias refer to itself?)"),
            std::string::npos)
      << problems[0];
}

TEST(PluginSettingsJson, AliasesAreExpanded) {
  const json j = settings_of("        a: &shared {x: 1}\n        b: *shared\n");
  EXPECT_EQ(j, json::parse(R"({"a": {"x": 1}, "b": {"x": 1}})"));
}

}  // namespace
}  // namespace tb::host
