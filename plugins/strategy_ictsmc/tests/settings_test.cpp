// parse_settings (settings.hpp): defaults, every key, the range checks (each message names
// its key), the cross checks, unknown keys and JSON errors. Messages are compared whole.
#include "settings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tradingbot/sdk/error.hpp"

namespace tb::ictsmc {
namespace {

// parse_settings(json) must throw tb::sdk::error(TB_E_INVALID_ARGUMENT) with exactly this
// message.
void expect_error(const std::string& json, const std::string& message) {
  SCOPED_TRACE(json);
  try {
    parse_settings(json);
    ADD_FAILURE() << "no error; expected: " << message;
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
    EXPECT_EQ(std::string(e.what()), message);
  }
}

void expect_defaults(const settings& s) {
  EXPECT_EQ(s.entry_interval, "1h");
  EXPECT_EQ(s.entry_lookback, 200u);
  EXPECT_EQ(s.bias_interval, "4h");
  EXPECT_EQ(s.bias_lookback, 200u);
  EXPECT_EQ(s.entry_swing_length, 3u);
  EXPECT_EQ(s.bias_swing_length, 3u);
  EXPECT_EQ(s.range_lookback, 50u);
  EXPECT_EQ(s.zone_max_age, 50u);
  EXPECT_TRUE(s.use_order_blocks);
  EXPECT_TRUE(s.use_fair_value_gaps);
  EXPECT_EQ(s.ote_low, 0.62);
  EXPECT_EQ(s.ote_high, 0.79);
  EXPECT_FALSE(s.require_ote);
  EXPECT_EQ(s.sweep_lookback, 10u);
  EXPECT_TRUE(s.require_sweep);
  EXPECT_EQ(s.kill_zones, (std::vector<std::string>{"london_open", "new_york"}));
  EXPECT_EQ(s.atr_length, 14u);
  EXPECT_EQ(s.stop_buffer_atr, 0.25);
  EXPECT_EQ(s.min_reward_risk, 2.0);
  EXPECT_EQ(s.min_confidence, 0.0);
  EXPECT_EQ(s.weights.base, 0.30);
  EXPECT_EQ(s.weights.order_block, 0.10);
  EXPECT_EQ(s.weights.fair_value_gap, 0.10);
  EXPECT_EQ(s.weights.ote, 0.15);
  EXPECT_EQ(s.weights.liquidity_sweep, 0.15);
  EXPECT_EQ(s.weights.kill_zone, 0.05);
  EXPECT_EQ(s.weights.structure, 0.10);
  EXPECT_EQ(s.weights.reward_risk, 0.05);
  EXPECT_TRUE(s.unknown_keys.empty());
}

TEST(settings, defaults_from_an_empty_mapping_or_null) {
  expect_defaults(settings{});
  expect_defaults(parse_settings("{}"));
  expect_defaults(parse_settings("null"));
  expect_defaults(parse_settings("  { }  "));
  // An empty confidence mapping changes nothing either.
  expect_defaults(parse_settings(R"({"confidence": {}})"));
}

TEST(settings, every_key_is_read) {
  // Every value differs from its default; the cross checks hold (1d > 15m, 0.7 < 0.9,
  // 300 >= 4 * 5 + 3 = 23, 120 >= 4 * 2 + 3 = 11, fair-value gaps still on).
  const settings s = parse_settings(R"({
    "entry_interval": "15m", "entry_lookback": 300, "bias_interval": "1d", "bias_lookback": 120,
    "entry_swing_length": 5, "bias_swing_length": 2, "range_lookback": 80, "zone_max_age": 30,
    "use_order_blocks": false, "use_fair_value_gaps": true, "ote_low": 0.7, "ote_high": 0.9,
    "require_ote": true, "sweep_lookback": 20, "require_sweep": false,
    "kill_zones": ["asian", "london_close"], "atr_length": 21, "stop_buffer_atr": 0.5,
    "min_reward_risk": 3, "min_confidence": 0.4,
    "confidence": {"base": 0.2, "order_block": 0.05, "fair_value_gap": 0.06, "ote": 0.07,
                   "liquidity_sweep": 0.08, "kill_zone": 0.09, "structure": 0.11,
                   "reward_risk": 0.12}})");
  EXPECT_EQ(s.entry_interval, "15m");
  EXPECT_EQ(s.entry_lookback, 300u);
  EXPECT_EQ(s.bias_interval, "1d");
  EXPECT_EQ(s.bias_lookback, 120u);
  EXPECT_EQ(s.entry_swing_length, 5u);
  EXPECT_EQ(s.bias_swing_length, 2u);
  EXPECT_EQ(s.range_lookback, 80u);
  EXPECT_EQ(s.zone_max_age, 30u);
  EXPECT_FALSE(s.use_order_blocks);
  EXPECT_TRUE(s.use_fair_value_gaps);
  EXPECT_EQ(s.ote_low, 0.7);
  EXPECT_EQ(s.ote_high, 0.9);
  EXPECT_TRUE(s.require_ote);
  EXPECT_EQ(s.sweep_lookback, 20u);
  EXPECT_FALSE(s.require_sweep);
  EXPECT_EQ(s.kill_zones, (std::vector<std::string>{"asian", "london_close"}));
  EXPECT_EQ(s.atr_length, 21u);
  EXPECT_EQ(s.stop_buffer_atr, 0.5);
  EXPECT_EQ(s.min_reward_risk, 3.0);
  EXPECT_EQ(s.min_confidence, 0.4);
  EXPECT_EQ(s.weights.base, 0.2);
  EXPECT_EQ(s.weights.order_block, 0.05);
  EXPECT_EQ(s.weights.fair_value_gap, 0.06);
  EXPECT_EQ(s.weights.ote, 0.07);
  EXPECT_EQ(s.weights.liquidity_sweep, 0.08);
  EXPECT_EQ(s.weights.kill_zone, 0.09);
  EXPECT_EQ(s.weights.structure, 0.11);
  EXPECT_EQ(s.weights.reward_risk, 0.12);
  EXPECT_TRUE(s.unknown_keys.empty());

  // The other flag off; an empty kill-zone list (trade at any hour).
  const settings t = parse_settings(
      R"({"use_order_blocks": true, "use_fair_value_gaps": false, "kill_zones": []})");
  EXPECT_TRUE(t.use_order_blocks);
  EXPECT_FALSE(t.use_fair_value_gaps);
  EXPECT_TRUE(t.kill_zones.empty());
}

TEST(settings, the_ends_of_each_range_are_accepted) {
  // Lower ends (lookbacks 1500 so that swing length 100 fits: 4 * 100 + 3 = 403).
  const settings low = parse_settings(R"({
    "entry_lookback": 15, "bias_lookback": 15, "range_lookback": 2, "zone_max_age": 1,
    "sweep_lookback": 1, "atr_length": 1, "ote_low": 0.5, "ote_high": 0.51,
    "stop_buffer_atr": 0, "min_reward_risk": 0.1, "min_confidence": 0,
    "entry_swing_length": 3, "bias_swing_length": 1,
    "confidence": {"base": 0, "reward_risk": 1}})");
  EXPECT_EQ(low.entry_lookback, 15u);
  EXPECT_EQ(low.range_lookback, 2u);
  EXPECT_EQ(low.zone_max_age, 1u);
  EXPECT_EQ(low.sweep_lookback, 1u);
  EXPECT_EQ(low.atr_length, 1u);
  EXPECT_EQ(low.ote_low, 0.5);
  EXPECT_EQ(low.stop_buffer_atr, 0.0);
  EXPECT_EQ(low.min_reward_risk, 0.1);
  EXPECT_EQ(low.weights.base, 0.0);
  EXPECT_EQ(low.weights.reward_risk, 1.0);
  const settings high = parse_settings(R"({
    "entry_lookback": 1500, "bias_lookback": 1500, "range_lookback": 1500,
    "zone_max_age": 1500, "sweep_lookback": 1500, "atr_length": 500, "ote_high": 1,
    "stop_buffer_atr": 10, "min_reward_risk": 100, "min_confidence": 1,
    "entry_swing_length": 100, "bias_swing_length": 100})");
  EXPECT_EQ(high.entry_lookback, 1500u);
  EXPECT_EQ(high.entry_swing_length, 100u);
  EXPECT_EQ(high.bias_swing_length, 100u);
  EXPECT_EQ(high.atr_length, 500u);
  EXPECT_EQ(high.ote_high, 1.0);
  EXPECT_EQ(high.stop_buffer_atr, 10.0);
  EXPECT_EQ(high.min_reward_risk, 100.0);
  EXPECT_EQ(high.min_confidence, 1.0);
}

TEST(settings, whole_number_ranges_name_the_key) {
  struct bad {
    const char* key;
    const char* range;  // "from MIN to MAX"
    std::vector<const char*> values;
  };
  // Each out of range (one below, one above), not whole, or not a number.
  const std::vector<bad> cases{
      {"entry_lookback", "from 1 to 1500", {"0", "1501", "-1", "200.5", "\"200\"", "true"}},
      {"bias_lookback", "from 1 to 1500", {"0", "1501", "4294967497"}},
      {"entry_swing_length", "from 1 to 100", {"0", "101"}},
      {"bias_swing_length", "from 1 to 100", {"0", "101"}},
      {"range_lookback", "from 2 to 1500", {"1", "1501"}},
      {"zone_max_age", "from 1 to 1500", {"0", "1501"}},
      {"sweep_lookback", "from 1 to 1500", {"0", "1501"}},
      {"atr_length", "from 1 to 500", {"0", "501", "null"}},
  };
  for (const bad& b : cases) {
    for (const char* value : b.values) {
      expect_error(std::string("{\"") + b.key + "\": " + value + "}",
                   std::string("settings: ") + b.key + " must be a whole number of candles " +
                       b.range);
    }
  }
}

TEST(settings, number_ranges_name_the_key) {
  // The bounds are printed as JSON numbers: 0.5, 1.0, 0.0, 10.0, 0.1, 100.0.
  struct bad {
    const char* key;
    const char* range;
    std::vector<const char*> values;
  };
  const std::vector<bad> cases{
      {"ote_low", "from 0.5 to 1.0", {"0.49", "1.01", "\"0.7\""}},
      {"ote_high", "from 0.5 to 1.0", {"0.4999", "2"}},
      {"stop_buffer_atr", "from 0.0 to 10.0", {"-0.1", "10.5", "false"}},
      {"min_reward_risk", "from 0.1 to 100.0", {"0.09", "100.5"}},
      {"min_confidence", "from 0.0 to 1.0", {"-0.01", "1.5"}},
  };
  for (const bad& b : cases) {
    for (const char* value : b.values) {
      expect_error(std::string("{\"") + b.key + "\": " + value + "}",
                   std::string("settings: ") + b.key + " must be a number " + b.range);
    }
  }
  for (const char* key : {"base", "order_block", "fair_value_gap", "ote", "liquidity_sweep",
                          "kill_zone", "structure", "reward_risk"}) {
    for (const char* value : {"-0.1", "1.1", "\"0.1\""}) {
      expect_error(std::string(R"({"confidence": {")") + key + "\": " + value + "}}",
                   std::string("settings: confidence.") + key +
                       " must be a number from 0.0 to 1.0");
    }
  }
}

TEST(settings, intervals_flags_lists_and_mappings_name_the_key) {
  const std::string intervals = " must be a Binance interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M";
  for (const char* key : {"entry_interval", "bias_interval"}) {
    for (const char* value : {"\"1H\"", "\"2d\"", "\"\"", "60", "[\"1h\"]"}) {
      expect_error(std::string("{\"") + key + "\": " + value + "}",
                   std::string("settings: ") + key + intervals);
    }
  }
  for (const char* key : {"use_order_blocks", "use_fair_value_gaps", "require_ote",
                          "require_sweep"}) {
    for (const char* value : {"\"true\"", "1", "null"}) {
      expect_error(std::string("{\"") + key + "\": " + value + "}",
                   std::string("settings: ") + key + " must be true or false");
    }
  }
  for (const char* value : {"\"asian\"", "[\"asian\", 1]", "{}"}) {
    expect_error(std::string(R"({"kill_zones": )") + value + "}",
                 "settings: kill_zones must be a list of names");
  }
  for (const char* value : {"5", "[]", "\"base\""}) {
    expect_error(std::string(R"({"confidence": )") + value + "}",
                 "settings: confidence must be a mapping");
  }
}

TEST(settings, bias_interval_must_be_longer_than_entry_interval) {
  // Default bias 4h: an entry of 4h (equal) or 1d (longer) is refused.
  expect_error(R"({"entry_interval": "4h"})",
               "settings: bias_interval (4h) must be longer than entry_interval (4h)");
  expect_error(R"({"entry_interval": "1d"})",
               "settings: bias_interval (4h) must be longer than entry_interval (1d)");
  expect_error(R"({"entry_interval": "1h", "bias_interval": "30m"})",
               "settings: bias_interval (30m) must be longer than entry_interval (1h)");
  // 1M (30 days) is longer than 1w (7 days); 2h longer than 1h.
  EXPECT_EQ(parse_settings(R"({"entry_interval": "1w", "bias_interval": "1M"})").bias_interval, "1M");
  EXPECT_EQ(parse_settings(R"({"bias_interval": "2h"})").bias_interval, "2h");
}

TEST(settings, ote_low_must_be_below_ote_high) {
  // std::to_string prints six decimals.
  expect_error(R"({"ote_low": 0.8, "ote_high": 0.7})",
               "settings: ote_low (0.8) must be below ote_high (0.7)");
  expect_error(R"({"ote_low": 0.7, "ote_high": 0.7})",
               "settings: ote_low (0.7) must be below ote_high (0.7)");
  // Against the default ote_high 0.79.
  expect_error(R"({"ote_low": 0.8})",
               "settings: ote_low (0.8) must be below ote_high (0.79)");
  EXPECT_EQ(parse_settings(R"({"ote_low": 0.78})").ote_low, 0.78);
}

TEST(settings, both_zone_kinds_off_is_refused) {
  expect_error(R"({"use_order_blocks": false, "use_fair_value_gaps": false})",
               "settings: use_order_blocks and use_fair_value_gaps are both false: no entry "
               "could be found");
}

TEST(settings, an_unknown_kill_zone_is_refused) {
  expect_error(R"({"kill_zones": ["london_open", "tokyo"]})",
               "settings: kill_zones: unknown kill zone \"tokyo\" (known: asian, london_open, "
               "new_york, london_close)");
  expect_error(R"({"kill_zones": ["New York"]})",
               "settings: kill_zones: unknown kill zone \"New York\" (known: asian, london_open, "
               "new_york, london_close)");
}

TEST(settings, lookback_too_short_for_the_swing_length_is_refused) {
  // Entry: default swing length 3 needs 4 * 3 + 3 = 15 candles: 14 is refused, 15 accepted.
  expect_error(R"({"entry_lookback": 14})",
               "settings: entry_lookback (14) is too short for entry_swing_length 3: give at "
               "least 4 x swing length + 3 candles");
  EXPECT_EQ(parse_settings(R"({"entry_lookback": 15})").entry_lookback, 15u);
  // Bias: swing length 10 needs 43: 42 refused, 43 accepted.
  expect_error(R"({"bias_swing_length": 10, "bias_lookback": 42})",
               "settings: bias_lookback (42) is too short for bias_swing_length 10: give at "
               "least 4 x swing length + 3 candles");
  EXPECT_EQ(parse_settings(R"({"bias_swing_length": 10, "bias_lookback": 43})").bias_lookback,
            43u);
  // A long swing length against the default lookback 200: 50 needs 203.
  expect_error(R"({"entry_swing_length": 50})",
               "settings: entry_lookback (200) is too short for entry_swing_length 50: give at "
               "least 4 x swing length + 3 candles");
}

TEST(settings, unknown_keys_are_listed_with_the_confidence_prefix) {
  const settings s = parse_settings(R"({"entry_interval": "1h", "foo": 1, "Entry_interval": "2h",
    "confidence": {"base": 0.3, "bar": 2, "ote ": 0.1}})");
  std::vector<std::string> got = s.unknown_keys;
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"Entry_interval", "confidence.bar", "confidence.ote ",
                                           "foo"}));
  // The known keys were still read.
  EXPECT_EQ(s.entry_interval, "1h");
  EXPECT_EQ(s.weights.base, 0.3);
  EXPECT_EQ(s.weights.ote, 0.15);  // "ote " is not "ote"
}

TEST(settings, not_a_mapping_is_refused) {
  for (const char* text : {"[1, 2]", "5", "\"entry_interval\"", "true"}) {
    expect_error(text, "settings: expected a mapping of setting names to values");
  }
}

TEST(settings, invalid_json_does_not_echo_the_text) {
  // The secret-looking value is an unquoted word: the parser stops at its 's', the 16th byte
  // ({ " a p i _ s e c r e t " : space s).
  const std::string text = R"({"api_secret": s3cr3tvalue})";
  expect_error(text, "settings: not valid JSON (error at byte 16)");
  for (const std::string& bad : {text, std::string(R"({"api_secret": "s3cr3tvalue")"),
                                std::string(R"({"api_secret": "s3cr3tvalue",})"),
                                std::string("")}) {
    try {
      parse_settings(bad);
      ADD_FAILURE() << "no error for " << bad;
    } catch (const sdk::error& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
      EXPECT_EQ(message.find("api_secret"), std::string::npos) << message;
      EXPECT_EQ(message.rfind("settings: not valid JSON (error at byte ", 0), 0u) << message;
    }
  }
}

TEST(settings, interval_lengths) {
  EXPECT_EQ(interval_ms("1m"), 60'000);
  EXPECT_EQ(interval_ms("3m"), 180'000);
  EXPECT_EQ(interval_ms("15m"), 900'000);
  EXPECT_EQ(interval_ms("1h"), 3'600'000);
  EXPECT_EQ(interval_ms("4h"), 14'400'000);
  EXPECT_EQ(interval_ms("12h"), 43'200'000);
  EXPECT_EQ(interval_ms("1d"), 86'400'000);
  EXPECT_EQ(interval_ms("3d"), 259'200'000);
  EXPECT_EQ(interval_ms("1w"), 604'800'000);
  EXPECT_EQ(interval_ms("1M"), 2'592'000'000);  // 30 days
  EXPECT_EQ(interval_ms("1y"), 0);
  EXPECT_EQ(interval_ms("1H"), 0);
  EXPECT_EQ(interval_ms(""), 0);
}

}  // namespace
}  // namespace tb::ictsmc
