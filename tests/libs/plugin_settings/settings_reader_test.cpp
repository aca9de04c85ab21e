#include "plugin_settings/settings_reader.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>

#include "tradingbot/sdk/error.hpp"

namespace tb::plugin_settings {
namespace {

using json = nlohmann::json;

// The message `run` throws (checked to be TB_E_INVALID_ARGUMENT), or "" when it does not.
std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "";
}

TEST(plugin_settings, invalid_prefixes_the_message) {
  EXPECT_EQ(error_of([] { invalid("x must be y"); }), "settings: x must be y");
}

TEST(plugin_settings, parse_object_takes_a_mapping_or_null) {
  EXPECT_EQ(parse_object(R"({"a":1,"b":"two"})"), json({{"a", 1}, {"b", "two"}}));
  EXPECT_EQ(parse_object("  null "), json::object());
  EXPECT_EQ(parse_object("{}"), json::object());
}

TEST(plugin_settings, parse_object_gives_the_byte_not_the_text) {
  const std::string message = error_of([] { parse_object(R"({"token": "hunter2)"); });
  EXPECT_EQ(message.rfind("settings: not valid JSON (error at byte ", 0), 0u) << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  EXPECT_EQ(error_of([] { parse_object("{,"); }),
            "settings: not valid JSON (error at byte 2)");
  EXPECT_EQ(error_of([] { parse_object(""); }), "settings: not valid JSON (error at byte 1)");
}

TEST(plugin_settings, parse_object_refuses_other_values) {
  for (const char* text : {"[1,2]", "3", "\"text\"", "true"}) {
    EXPECT_EQ(error_of([text] { parse_object(text); }),
              "settings: expected a mapping of setting names to values")
        << text;
  }
}

TEST(plugin_settings, as_bool) {
  EXPECT_TRUE(as_bool(json(true), "flag"));
  EXPECT_FALSE(as_bool(json(false), "flag"));
  for (const json& bad : {json(1), json("true"), json(nullptr)}) {
    EXPECT_EQ(error_of([&] { as_bool(bad, "a.flag"); }), "settings: a.flag must be true or false")
        << bad;
  }
}

TEST(plugin_settings, as_whole_number_in_range) {
  EXPECT_EQ(as_whole_number(json(1), "n", 1, 10, "candles"), 1);
  EXPECT_EQ(as_whole_number(json(10), "n", 1, 10, "candles"), 10);
  EXPECT_EQ(as_whole_number(json(-5), "n", -10, 10, "steps"), -5);
  EXPECT_EQ(as_whole_number(json(4'000'000'000u), "n", 0, 5'000'000'000, "bytes"),
            4'000'000'000);
  const std::string message = "settings: n must be a whole number of candles from 1 to 10";
  for (const json& bad : {json(0), json(11), json(2.5), json(2.0), json("3"), json(nullptr),
                          json(18'446'744'073'709'551'615u)}) {
    EXPECT_EQ(error_of([&] { as_whole_number(bad, "n", 1, 10, "candles"); }), message) << bad;
  }
}

TEST(plugin_settings, read_secret) {
  const json object = {{"key", "s3cret"}, {"none", nullptr}, {"number", 12345}};
  EXPECT_EQ(read_secret(object, "key", "a string"), "s3cret");
  EXPECT_EQ(read_secret(object, "absent", "a string"), "");
  EXPECT_EQ(read_secret(object, "none", "a string"), "");
  EXPECT_EQ(error_of([&] { read_secret(object, "number", "a string"); }),
            "settings: number must be a string");
  const std::string message = error_of([&] { read_secret(object, "number", "text"); });
  EXPECT_EQ(message, "settings: number must be text");
  EXPECT_EQ(message.find("12345"), std::string::npos);
}

TEST(plugin_settings, read_bool_with_fallback) {
  const json object = {{"on", true}, {"off", false}, {"bad", "yes"}, {"none", nullptr}};
  EXPECT_TRUE(read_bool(object, "on", false));
  EXPECT_FALSE(read_bool(object, "off", true));
  EXPECT_TRUE(read_bool(object, "absent", true));
  EXPECT_FALSE(read_bool(object, "absent", false));
  EXPECT_EQ(error_of([&] { read_bool(object, "bad", true); }),
            "settings: bad must be true or false");
  EXPECT_EQ(error_of([&] { read_bool(object, "none", true); }),
            "settings: none must be true or false");
}

TEST(plugin_settings, read_whole_number_with_fallback) {
  const json object = {{"ms", 250}, {"low", 99}, {"text", "250"}};
  EXPECT_EQ(read_whole_number(object, "ms", 1000, 100, 120'000, "milliseconds"), 250);
  EXPECT_EQ(read_whole_number(object, "absent", 1000, 100, 120'000, "milliseconds"), 1000);
  EXPECT_EQ(error_of([&] { read_whole_number(object, "low", 1000, 100, 120000, "milliseconds"); }),
            "settings: low must be a whole number of milliseconds from 100 to 120000");
  EXPECT_EQ(error_of([&] { read_whole_number(object, "text", 1, 0, 9, "messages"); }),
            "settings: text must be a whole number of messages from 0 to 9");
}

TEST(plugin_settings, unknown_keys_in_the_objects_order) {
  constexpr std::string_view known[] = {"a", "c"};
  const json object = {{"c", 1}, {"b", 2}, {"a", 3}, {"d", 4}};
  EXPECT_EQ(unknown_keys(object, known), (std::vector<std::string>{"b", "d"}));
  EXPECT_TRUE(unknown_keys(json::object(), known).empty());
  EXPECT_TRUE(unknown_keys(json({{"a", 1}}), known).empty());
  EXPECT_EQ(unknown_keys(json({{"x", 1}}), {}), (std::vector<std::string>{"x"}));
}

}  // namespace
}  // namespace tb::plugin_settings
