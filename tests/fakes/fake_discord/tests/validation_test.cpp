// Message and command validation without a server: the error trees Discord answers with.
#include <string>

#include <gtest/gtest.h>

#include "rest/command_validation.hpp"
#include "rest/message_validation.hpp"

namespace tb::fake_discord {
namespace {

using nlohmann::json;

json errors_of(const std::optional<rest_response>& r) { return r && r->body ? (*r->body)["errors"] : json(); }

TEST(message_validation, accepts_content_or_embeds) {
  EXPECT_FALSE(validate_message({{"content", "hi"}}, {}));
  EXPECT_FALSE(validate_message({{"embeds", {{{"title", "t"}}}}}, {}));
}

TEST(message_validation, empty_message_is_50006) {
  const auto r = validate_message({{"content", "   "}}, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ((*r->body)["code"], 50006);
}

TEST(message_validation, content_limit_counts_characters_after_trimming) {
  EXPECT_FALSE(validate_message({{"content", "  " + std::string(2000, 'a') + "\n"}}, {}));
  std::string two_thousand_umlauts;
  for (int i = 0; i < 2000; ++i) two_thousand_umlauts += "\xC3\xBC";
  EXPECT_FALSE(validate_message({{"content", two_thousand_umlauts}}, {}));
  const auto r = validate_message({{"content", std::string(2001, 'a')}}, {});
  ASSERT_TRUE(r);
  EXPECT_EQ((*r->body)["code"], 50035);
  EXPECT_EQ(errors_of(r)["content"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");
}

TEST(message_validation, embed_limits_point_at_the_field) {
  json fields = json::array();
  for (int i = 0; i < 26; ++i) fields.push_back({{"name", "n"}, {"value", "v"}});
  auto r = validate_message({{"embeds", {{{"fields", fields}}}}}, {});
  EXPECT_EQ(errors_of(r)["embeds"]["0"]["fields"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");

  r = validate_message({{"embeds", {{{"title", std::string(257, 't')}}}}}, {});
  EXPECT_EQ(errors_of(r)["embeds"]["0"]["title"]["_errors"][0]["message"], "Must be 256 or fewer in length.");

  r = validate_message({{"embeds", {{{"fields", {{{"name", "n"}, {"value", std::string(1025, 'v')}}}}}}}}, {});
  EXPECT_TRUE(errors_of(r)["embeds"]["0"]["fields"]["0"]["value"].contains("_errors"));

  r = validate_message({{"embeds", {{{"color", 16777216}}}}}, {});
  EXPECT_EQ(errors_of(r)["embeds"]["0"]["color"]["_errors"][0]["code"], "NUMBER_TYPE_MAX");
  EXPECT_FALSE(validate_message({{"embeds", {{{"color", 16777215}}}}}, {}));

  r = validate_message({{"embeds", json::array({json{{"title", "a"}}, {{"title", "b"}}, {{"title", "c"}}, {{"title", "d"}},
                                               {{"title", "e"}}, {{"title", "f"}}, {{"title", "g"}}, {{"title", "h"}},
                                               {{"title", "i"}}, {{"title", "j"}}, {{"title", "k"}}})}},
                       {});
  EXPECT_EQ(errors_of(r)["embeds"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");
}

TEST(message_validation, embed_total_over_6000_is_rejected) {
  const json embed{{"description", std::string(4000, 'd')}, {"title", std::string(200, 't')}};
  const json two{{"embeds", {embed, embed}}};  // 8400 characters
  const auto r = validate_message(two, {});
  EXPECT_EQ(errors_of(r)["embeds"]["_errors"][0]["code"], "MAX_EMBED_SIZE_EXCEEDED");
  // Surrounding whitespace does not count.
  const json padded{{"embeds", {{{"description", "   " + std::string(4096, 'd') + "   "}}, {{"description", std::string(1904, 'd')}}}}};
  EXPECT_FALSE(validate_message(padded, {}));
}

TEST(message_validation, nonce_is_limited_to_25_characters) {
  message_rules rules;
  rules.nonce_allowed = true;
  EXPECT_FALSE(validate_message({{"content", "x"}, {"nonce", std::string(25, 'n')}}, rules));
  EXPECT_TRUE(errors_of(validate_message({{"content", "x"}, {"nonce", std::string(26, 'n')}}, rules)).contains("nonce"));
}

json command(const std::string& name) { return {{"name", name}, {"description", "d"}, {"type", 1}}; }

TEST(command_validation, accepts_a_valid_set) {
  json c = command("position");
  c["options"] = {{{"type", 3}, {"name", "symbol"}, {"description", "s"}, {"required", true},
                   {"choices", {{{"name", "BTCUSDT"}, {"value", "BTCUSDT"}}}}},
                  {{"type", 5}, {"name", "verbose"}, {"description", "v"}}};
  EXPECT_FALSE(validate_command_array(json::array({c, command("status")})));
}

TEST(command_validation, rejects_bad_names_and_order) {
  EXPECT_EQ(errors_of(validate_command_array(json::array({command("Status")})))["0"]["name"]["_errors"][0]["code"],
            "APPLICATION_COMMAND_INVALID_NAME");
  EXPECT_TRUE(errors_of(validate_command_array(json::array({command(std::string(33, 'a'))})))["0"].contains("name"));
  EXPECT_TRUE(errors_of(validate_command_array(json::array({command("a b")})))["0"].contains("name"));
  EXPECT_EQ(errors_of(validate_command_array(json::array({command("x"), command("x")})))["1"]["name"]["_errors"][0]["code"],
            "APPLICATION_COMMANDS_DUPLICATE_NAME");
  json c = command("order");
  c["options"] = {{{"type", 3}, {"name", "a"}, {"description", "a"}}, {{"type", 3}, {"name", "b"}, {"description", "b"}, {"required", true}}};
  EXPECT_EQ(errors_of(validate_command_array(json::array({c})))["0"]["options"]["_errors"][0]["code"],
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID");
  json d = command("desc");
  d["description"] = std::string(101, 'd');
  EXPECT_TRUE(errors_of(validate_command_array(json::array({d})))["0"].contains("description"));
  EXPECT_TRUE(validate_command_array(json::object()));
}

TEST(command_validation, rejects_too_many_options_and_choices) {
  json c = command("many");
  for (int i = 0; i < 26; ++i) c["options"].push_back({{"type", 3}, {"name", "o" + std::to_string(i)}, {"description", "d"}});
  EXPECT_TRUE(errors_of(validate_command_array(json::array({c})))["0"].contains("options"));
  json ch = command("choices");
  json choices = json::array();
  for (int i = 0; i < 26; ++i) choices.push_back({{"name", "c" + std::to_string(i)}, {"value", "v"}});
  ch["options"] = {{{"type", 3}, {"name", "o"}, {"description", "d"}, {"choices", choices}}};
  EXPECT_TRUE(errors_of(validate_command_array(json::array({ch})))["0"]["options"]["0"].contains("choices"));
}

}  // namespace
}  // namespace tb::fake_discord
