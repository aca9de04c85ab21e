// Command-line parsing.
#include <gtest/gtest.h>

#include "server/server_options.hpp"

namespace tb::fake_discord {
namespace {

TEST(options, defaults_and_flags) {
  auto r = parse_options({});
  ASSERT_TRUE(r.options);
  EXPECT_EQ(r.options->token, "fake-bot-token");
  EXPECT_EQ(r.options->heartbeat_interval_ms, 41250);
  ASSERT_EQ(r.options->webhooks.size(), 1U);
  r = parse_options({"--port", "0", "--token", "T", "--heartbeat-ms", "200", "--webhook", "5:tok:77", "--channel", "88",
                     "--heartbeat-slack=2.5", "--enabled-privileged-intents", "32768"});
  ASSERT_TRUE(r.options) << r.message;
  EXPECT_EQ(r.options->token, "T");
  EXPECT_EQ(r.options->heartbeat_interval_ms, 200);
  EXPECT_DOUBLE_EQ(r.options->heartbeat_slack, 2.5);
  ASSERT_EQ(r.options->webhooks.size(), 1U);
  EXPECT_EQ(r.options->webhooks[0].token, "tok");
  EXPECT_EQ(r.options->channels.size(), 4U);  // two defaults, 88, and the webhook's 77
  EXPECT_EQ(r.options->enabled_privileged_intents, 32768U);
}

TEST(options, bad_input_exits_2_naming_the_flag) {
  auto r = parse_options({"--nope", "1"});
  EXPECT_FALSE(r.options);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("--nope"), std::string::npos);
  r = parse_options({"--heartbeat-ms", "abc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.message.find("--heartbeat-ms"), std::string::npos);
  EXPECT_EQ(parse_options({"--webhook", "1:2"}).exit_code, 2);
  EXPECT_EQ(parse_options({"--port"}).exit_code, 2);
  r = parse_options({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.message.find("--message-limit"), std::string::npos);
}

}  // namespace
}  // namespace tb::fake_discord
