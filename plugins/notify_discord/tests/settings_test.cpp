#include "config/discord_settings.hpp"

#include <gtest/gtest.h>

#include "tradingbot/sdk/error.hpp"

namespace tb::discord {
namespace {

std::string error_of_settings(const std::string& text) {
  try {
    parse_settings(text);
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
    return e.what();
  }
  return "";
}

TEST(discord_settings, a_channel_with_the_bot_token) {
  const auto s = parse_settings(R"({"token":"Bot abc","channel_id":"1284839000000000000",
    "alerts_channel_id":12848390000000001,"allowed_user_ids":["53908232506183680"],"extra":1})");
  EXPECT_EQ(s.token, "abc");  // pasted with its header word
  EXPECT_EQ(s.channel_id, "1284839000000000000");
  EXPECT_EQ(s.alerts_channel_id, "12848390000000001");
  EXPECT_FALSE(s.webhook_mode());
  EXPECT_TRUE(s.gateway_enabled());
  ASSERT_EQ(s.unknown_keys.size(), 1u);
  EXPECT_EQ(s.unknown_keys[0], "extra");
  EXPECT_EQ(describe(s).find("abc"), std::string::npos);
}

TEST(discord_settings, a_webhook_alone) {
  const auto s = parse_settings(
      R"({"webhook_url":"https://discord.com/api/webhooks/200000000000000001/tok-en_1"})");
  EXPECT_TRUE(s.webhook_mode());
  EXPECT_EQ(s.webhook_id, "200000000000000001");
  EXPECT_EQ(s.webhook_token, "tok-en_1");
  EXPECT_FALSE(s.gateway_enabled());
  EXPECT_EQ(describe(s).find("tok-en_1"), std::string::npos);
}

TEST(discord_settings, every_mistake_names_the_key_and_never_the_secret) {
  EXPECT_NE(error_of_settings("{}").find("nowhere to send"), std::string::npos);
  EXPECT_NE(error_of_settings(R"({"channel_id":"1"})").find("channel_id needs the bot token"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"t","channel_id":"12a"})").find("channel_id must be"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"t","channel_id":"1","allowed_user_ids":["x"]})")
                .find("allowed_user_ids[0]"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"webhook_url":"https://discord.com/api/nothooks/1/secret-x"})")
                .find("webhook_url must look like"),
            std::string::npos);
  EXPECT_EQ(error_of_settings(R"({"webhook_url":"https://discord.com/api/nothooks/1/secret-x"})")
                .find("secret-x"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"t","channel_id":"1","api_url":"ftp://x"})")
                .find("api_url"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"t","channel_id":"1","queue_capacity":0})")
                .find("queue_capacity"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"t","trades_channel_id":"1"})").find("set channel_id"),
            std::string::npos);
  EXPECT_NE(error_of_settings(R"({"token":"secret-y", )").find("not valid JSON"), std::string::npos);
  EXPECT_EQ(error_of_settings(R"({"token":"secret-y", )").find("secret-y"), std::string::npos);
}

}  // namespace
}  // namespace tb::discord
