// The host extension "tb.bot/1" of host_api_table: offered only when the host runs a bot
// (a bot_commands_slot in host_services), its thunks mapping the slot's exceptions to
// statuses with messages, the caller-buffer convention of report(), the instance name added
// to who asked for a pause, and unbind() waiting for a call in flight. Then the same table
// through the SDK's tb::sdk::bot, as a plugin sees it.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <tradingbot/sdk/bot.hpp>
#include <tradingbot/sdk/host.hpp>

#include "plugin/bot_commands.hpp"
#include "plugin/host_api_table.hpp"

namespace tb::host {
namespace {

// Answers fixed reports; remembers every pause request.
class test_bot final : public bot_commands {
 public:
  std::string report(std::string_view name) override {
    if (name == "status") return status;
    if (name == "stats") return stats;
    throw unknown_report("no report named '" + std::string(name) + "'");
  }
  void set_paused(bool paused, std::string_view who) override {
    std::lock_guard lock(mutex_);
    pauses.emplace_back(paused, std::string(who));
  }
  std::vector<std::pair<bool, std::string>> pause_requests() {
    std::lock_guard lock(mutex_);
    return pauses;
  }

  std::string status = R"({"state":"running","paused":false})";
  std::string stats = "{}";

 private:
  std::mutex mutex_;
  std::vector<std::pair<bool, std::string>> pauses;
};

// Every call fails: a std::exception from report(), a non-std throw from set_paused().
class throwing_bot final : public bot_commands {
 public:
  std::string report(std::string_view) override { throw std::runtime_error("database is locked"); }
  void set_paused(bool, std::string_view) override { throw 42; }
};

// report() blocks until released, telling the test once it is inside.
class blocking_bot final : public bot_commands {
 public:
  std::string report(std::string_view) override {
    entered.set_value();
    release_signal.wait();
    return "{}";
  }
  void set_paused(bool, std::string_view) override {}

  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> release_signal = release.get_future().share();
};

const tb_bot_v1* bot_table_of(const host_api_table& table) {
  const tb_host_api* api = table.api();
  return static_cast<const tb_bot_v1*>(api->get_extension(api->ctx, TB_EXTENSION_BOT_V1));
}

std::string message_of(const tb_error& err) {
  return std::string(err.message, strnlen(err.message, sizeof err.message));
}

class BotExtension : public ::testing::Test {
 protected:
  BotExtension() { services_.bot = &slot_; }

  // report() through the C table into a buffer of `capacity`.
  tb_status report(const host_api_table& table, const char* name, std::string& out,
                   std::size_t capacity, std::size_t& length, tb_error& err) {
    const tb_bot_v1* bot = bot_table_of(table);
    out.assign(capacity, '#');
    err = tb_error{};
    length = 0;
    return bot->report(table.api()->ctx, name, capacity == 0 ? nullptr : out.data(), capacity,
                       &length, &err);
  }

  bot_commands_slot slot_;
  host_services services_;
  test_bot bot_;
};

TEST_F(BotExtension, AHostWithoutABotOffersNoTable) {
  host_services none;  // no slot: a backtest or `plugins check`
  host_api_table table(none, "discord", "{}");
  EXPECT_EQ(bot_table_of(table), nullptr);
  EXPECT_EQ(table.api()->get_extension(table.api()->ctx, nullptr), nullptr);

  const sdk::host services(table.api());
  const sdk::bot bot(services);
  EXPECT_FALSE(bot.available());
  try {
    (void)bot.report("status");
    FAIL() << "report() without the extension must throw";
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_UNSUPPORTED);
  }
  try {
    bot.set_paused(true, "alice");
    FAIL() << "set_paused() without the extension must throw";
  } catch (const sdk::error& e) {
    EXPECT_EQ(e.status(), TB_E_UNSUPPORTED);
  }
}

TEST_F(BotExtension, OnlyTheBotIdIsAnExtension) {
  host_api_table table(services_, "discord", "{}");
  const tb_host_api* api = table.api();
  EXPECT_EQ(api->get_extension(api->ctx, "tb.bot/2"), nullptr);
  EXPECT_EQ(api->get_extension(api->ctx, "tb.indicators/1"), nullptr);
  const tb_bot_v1* bot = bot_table_of(table);
  ASSERT_NE(bot, nullptr);
  EXPECT_EQ(bot->struct_size, sizeof(tb_bot_v1));
  EXPECT_NE(bot->report, nullptr);
  EXPECT_NE(bot->set_paused, nullptr);
}

TEST_F(BotExtension, AnUnboundSlotAnswersStateWithAMessage) {
  host_api_table table(services_, "discord", "{}");
  ASSERT_NE(bot_table_of(table), nullptr);  // offered before the bot runs
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(report(table, "status", buf, 64, length, err), TB_E_STATE);
  EXPECT_EQ(err.code, TB_E_STATE);
  EXPECT_FALSE(message_of(err).empty());

  err = tb_error{};
  EXPECT_EQ(bot_table_of(table)->set_paused(table.api()->ctx, 1, "alice", &err), TB_E_STATE);
  EXPECT_FALSE(message_of(err).empty());

  // Bound, then unbound again (stopping): the same.
  {
    bot_commands_binding binding(slot_, bot_);
    EXPECT_EQ(report(table, "status", buf, 64, length, err), TB_OK);
  }
  EXPECT_EQ(report(table, "status", buf, 64, length, err), TB_E_STATE);
  EXPECT_TRUE(bot_.pause_requests().empty());
}

TEST_F(BotExtension, ReportCopiesTheJsonWithoutANul) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  ASSERT_EQ(report(table, "status", buf, 64, length, err), TB_OK) << message_of(err);
  ASSERT_EQ(length, bot_.status.size());
  EXPECT_EQ(buf.substr(0, length), bot_.status);
  EXPECT_EQ(buf[length], '#');  // nothing written after the text

  // Exactly the size fits.
  ASSERT_EQ(report(table, "status", buf, bot_.status.size(), length, err), TB_OK);
  EXPECT_EQ(buf, bot_.status);

  // An empty report is not an error.
  bot_.stats = "";
  ASSERT_EQ(report(table, "stats", buf, 0, length, err), TB_OK);
  EXPECT_EQ(length, 0u);
}

TEST_F(BotExtension, ASmallBufferGetsTheLengthNeeded) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(report(table, "status", buf, 0, length, err), TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, bot_.status.size());
  EXPECT_EQ(report(table, "status", buf, bot_.status.size() - 1, length, err),
            TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, bot_.status.size());
  EXPECT_EQ(buf, std::string(bot_.status.size() - 1, '#'));  // untouched
}

TEST_F(BotExtension, AnUnknownReportIsNotFound) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(report(table, "balances", buf, 64, length, err), TB_E_NOT_FOUND);
  EXPECT_EQ(err.code, TB_E_NOT_FOUND);
  EXPECT_NE(message_of(err).find("balances"), std::string::npos) << message_of(err);
}

TEST_F(BotExtension, BadArgumentsAreRefused) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  const tb_bot_v1* bot = bot_table_of(table);
  void* ctx = table.api()->ctx;
  char buf[8];
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(bot->report(ctx, nullptr, buf, sizeof buf, &length, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(bot->report(ctx, "status", buf, sizeof buf, nullptr, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(bot->report(ctx, "status", nullptr, 8, &length, &err), TB_E_INVALID_ARGUMENT);
  // No error record to fill is fine too.
  EXPECT_EQ(bot->report(ctx, "nope", buf, sizeof buf, &length, nullptr), TB_E_NOT_FOUND);
}

TEST_F(BotExtension, AFailingBotIsInternalAndNothingEscapes) {
  host_api_table table(services_, "discord", "{}");
  throwing_bot failing;
  bot_commands_binding binding(slot_, failing);
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(report(table, "status", buf, 64, length, err), TB_E_INTERNAL);
  EXPECT_EQ(err.code, TB_E_INTERNAL);
  EXPECT_EQ(message_of(err), "database is locked");

  err = tb_error{};
  EXPECT_EQ(bot_table_of(table)->set_paused(table.api()->ctx, 0, "alice", &err), TB_E_INTERNAL);
  EXPECT_FALSE(message_of(err).empty());
}

TEST_F(BotExtension, APauseReachesTheBotWithTheInstanceNamed) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  const tb_bot_v1* bot = bot_table_of(table);
  tb_error err{};
  ASSERT_EQ(bot->set_paused(table.api()->ctx, 1, "discord user 123 (alice)", &err), TB_OK);
  ASSERT_EQ(bot->set_paused(table.api()->ctx, 0, nullptr, &err), TB_OK);
  const auto requests = bot_.pause_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_TRUE(requests[0].first);
  EXPECT_EQ(requests[0].second, "discord: discord user 123 (alice)");
  EXPECT_FALSE(requests[1].first);
  EXPECT_EQ(requests[1].second.rfind("discord: ", 0), 0u) << requests[1].second;
}

TEST_F(BotExtension, UnbindWaitsForACallInFlight) {
  host_api_table table(services_, "discord", "{}");
  blocking_bot blocking;
  slot_.bind(blocking);
  std::future<tb_status> call = std::async(std::launch::async, [&] {
    char buf[16];
    std::size_t length = 0;
    tb_error err{};
    return bot_table_of(table)->report(table.api()->ctx, "status", buf, sizeof buf, &length, &err);
  });
  blocking.entered.get_future().wait();  // the call is inside the bot

  std::promise<void> unbound;
  std::future<void> unbound_signal = unbound.get_future();
  std::thread unbinder([&] {
    slot_.unbind();
    unbound.set_value();
  });
  // Still in flight: unbind() must not have returned. (A bounded wait only to detect the
  // failure; passing does not depend on timing.)
  EXPECT_EQ(unbound_signal.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  blocking.release.set_value();
  unbinder.join();
  EXPECT_EQ(unbound_signal.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(call.get(), TB_OK);

  // And afterwards nothing reaches the bot that is going away.
  std::string buf;
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(report(table, "status", buf, 16, length, err), TB_E_STATE);
}

// ---- The same table through the SDK wrapper ---------------------------------------------

TEST_F(BotExtension, TheSdkWrapperReadsReportsAndPauses) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  const sdk::host services(table.api());
  const sdk::bot bot(services);
  ASSERT_TRUE(bot.available());
  EXPECT_EQ(bot.report("status"), bot_.status);
  bot_.stats = "";
  EXPECT_EQ(bot.report("stats"), "");

  bot.set_paused(true, "alice");
  bot.set_paused(false, "bob");
  const auto requests = bot_.pause_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0], std::make_pair(true, std::string("discord: alice")));
  EXPECT_EQ(requests[1], std::make_pair(false, std::string("discord: bob")));
}

TEST_F(BotExtension, TheSdkWrapperGrowsItsBufferForALongReport) {
  host_api_table table(services_, "discord", "{}");
  bot_commands_binding binding(slot_, bot_);
  bot_.status = R"({"positions":")" + std::string(5000, 'p') + R"("})";
  const sdk::bot bot{sdk::host(table.api())};
  EXPECT_EQ(bot.report("status"), bot_.status);
  bot_.status = std::string(1024, 'x');  // exactly the first buffer
  EXPECT_EQ(bot.report("status"), bot_.status);
  bot_.status = std::string(1025, 'y');  // one more
  EXPECT_EQ(bot.report("status"), bot_.status);
}

TEST_F(BotExtension, TheSdkWrapperThrowsTheHostsStatusAndMessage) {
  host_api_table table(services_, "discord", "{}");
  const sdk::bot bot{sdk::host(table.api())};
  ASSERT_TRUE(bot.available());
  auto status_of = [](auto&& call) -> std::pair<tb_status, std::string> {
    try {
      call();
    } catch (const sdk::error& e) {
      return {e.status(), e.what()};
    }
    return {TB_OK, ""};
  };

  // Not bound yet.
  auto [unbound, unbound_text] = status_of([&] { (void)bot.report("status"); });
  EXPECT_EQ(unbound, TB_E_STATE);
  EXPECT_NE(unbound_text.find("status"), std::string::npos) << unbound_text;
  EXPECT_EQ(status_of([&] { bot.set_paused(true, "alice"); }).first, TB_E_STATE);

  {
    bot_commands_binding binding(slot_, bot_);
    auto [missing, missing_text] = status_of([&] { (void)bot.report("balances"); });
    EXPECT_EQ(missing, TB_E_NOT_FOUND);
    EXPECT_NE(missing_text.find("no report named 'balances'"), std::string::npos) << missing_text;
  }
  {
    throwing_bot failing;
    bot_commands_binding binding(slot_, failing);
    auto [failed, failed_text] = status_of([&] { (void)bot.report("status"); });
    EXPECT_EQ(failed, TB_E_INTERNAL);
    EXPECT_NE(failed_text.find("database is locked"), std::string::npos) << failed_text;
    EXPECT_EQ(status_of([&] { bot.set_paused(false, "bob"); }).first, TB_E_INTERNAL);
  }
}

// config_json() reads through the same sized-text helper as report().
TEST(SdkConfigJson, ReadsTheHostTablesSettingsOfAnySize) {
  const host_services none;
  const std::string big = R"({"pad":")" + std::string(5000, 'p') + R"("})";
  host_api_table large(none, "discord", big);
  EXPECT_EQ(sdk::host(large.api()).config_json(), big);
  host_api_table small(none, "discord", R"({"a":1})");
  EXPECT_EQ(sdk::host(small.api()).config_json(), R"({"a":1})");
  host_api_table empty(none, "discord", "");
  EXPECT_EQ(sdk::host(empty.api()).config_json(), "{}");
}

}  // namespace
}  // namespace tb::host
