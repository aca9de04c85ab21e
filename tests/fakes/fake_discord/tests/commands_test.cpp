// Application command bulk overwrite and listing, global and per guild.
#include <string>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace tb::fake_discord::test {
namespace {

using nlohmann::json;

const std::string global = "/applications/1300000000000000001/commands";
const std::string guild = "/applications/1300000000000000001/guilds/300000000000000001/commands";

json position_command() {
  return {{"name", "position"},
          {"type", 1},
          {"description", "Show the open position for a symbol"},
          {"options",
           {{{"type", 3}, {"name", "symbol"}, {"description", "Futures symbol"}, {"required", true}},
            {{"type", 5}, {"name", "verbose"}, {"description", "Include fills"}}}}};
}

TEST(commands, put_replaces_the_set_and_get_lists_it) {
  running_server s;
  auto bot = s.bot();
  auto r = bot.put(global, json::array({position_command(), {{"name", "status"}, {"description", "Bot status"}}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto stored = r.json();
  ASSERT_EQ(stored.size(), 2U);
  EXPECT_TRUE(stored[0]["id"].is_string());
  EXPECT_EQ(stored[0]["application_id"], "1300000000000000001");
  EXPECT_TRUE(stored[0]["version"].is_string());
  EXPECT_EQ(stored[1]["type"], 1);
  EXPECT_FALSE(stored[0].contains("guild_id"));
  EXPECT_EQ(bot.get(global).json(), stored);

  // Overwriting keeps the id of a command that stays, and drops the others.
  r = bot.put(global, json::array({{{"name", "status"}, {"description", "Still here"}}}));
  ASSERT_EQ(r.json().size(), 1U);
  EXPECT_EQ(r.json()[0]["id"], stored[1]["id"]);
  EXPECT_EQ(bot.get(global).json().size(), 1U);
}

TEST(commands, guild_variant_carries_guild_id) {
  running_server s;
  auto bot = s.bot();
  const auto r = bot.put(guild, json::array({position_command()}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()[0]["guild_id"], "300000000000000001");
  EXPECT_EQ(bot.get(guild).json().size(), 1U);
  EXPECT_EQ(bot.get(global).json().size(), 0U);
  EXPECT_EQ(s.control("GET", "/commands")["guilds"]["300000000000000001"].size(), 1U);
  EXPECT_EQ(bot.put("/applications/1300000000000000001/guilds/999/commands", json::array()).status, 403);
  EXPECT_EQ(bot.put("/applications/42/commands", json::array()).status, 403);
}

TEST(commands, invalid_sets_are_rejected_whole) {
  running_server s;
  auto bot = s.bot();
  bot.put(global, json::array({position_command()}));
  auto bad = position_command();
  bad["name"] = "Position";
  auto r = bot.put(global, json::array({bad}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], 50035);
  EXPECT_TRUE(r.json()["errors"]["0"].contains("name"));
  auto order = position_command();
  order["options"][0]["required"] = false;
  order["options"][1]["required"] = true;
  r = bot.put(global, json::array({order}));
  EXPECT_EQ(r.json()["errors"]["0"]["options"]["_errors"][0]["code"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID");
  r = bot.put(global, json::array({position_command(), position_command()}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(bot.get(global).json().size(), 1U);  // the earlier set is untouched
  EXPECT_EQ(bot.get(global).json()[0]["name"], "position");
}

}  // namespace
}  // namespace tb::fake_discord::test
