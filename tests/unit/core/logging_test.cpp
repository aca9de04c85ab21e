#include "core/logging.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace tb::host {
namespace {

log_config file_only(const std::filesystem::path& path, bool json_lines = false) {
  log_config c;
  c.console = false;
  c.file_path = path.string();
  c.json_lines = json_lines;
  c.level = spdlog::level::info;
  return c;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(logging, a_registered_secret_never_reaches_the_log_file) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  const std::string secret = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  {
    logging log(file_only(path));
    EXPECT_TRUE(log.register_secret(secret));
    auto binance = log.logger_for("binance");
    binance->info("signing with key {} for /fapi/v1/order", secret);
    binance->warn("header X-MBX-APIKEY: {}{}", secret, secret);
    binance->error(secret);
    log.logger_for(secret)->info("even a component named after it");
    log.flush();
  }
  const std::string text = test::read_file(path);
  EXPECT_EQ(text.find(secret), std::string::npos) << text;
  EXPECT_NE(text.find("signing with key *** for /fapi/v1/order"), std::string::npos) << text;
  EXPECT_NE(text.find("X-MBX-APIKEY: ******"), std::string::npos) << text;
  EXPECT_EQ(lines_of(text).size(), 4u);
}

TEST(logging, secrets_registered_later_are_masked_from_then_on) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  logging log(file_only(path));
  auto host = log.logger_for("host");
  log.register_secret("webhook-token-123");
  host->info("posting to https://discord/api/webhooks/webhook-token-123");
  EXPECT_FALSE(log.register_secret("abc"));  // too short to mask safely
  log.flush();
  const std::string text = test::read_file(path);
  EXPECT_EQ(text.find("webhook-token-123"), std::string::npos);
  EXPECT_NE(text.find("webhooks/***"), std::string::npos);
}

TEST(logging, plain_lines_have_utc_time_level_and_component) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  logging log(file_only(path));
  log.logger_for("scanner")->info("scan done in {} ms", 42);
  log.logger_for("scanner")->warn("slow");
  log.flush();
  const auto lines = lines_of(test::read_file(path));
  ASSERT_EQ(lines.size(), 2u);
  const std::regex format(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \[info\] \[scanner\] scan done in 42 ms)");
  EXPECT_TRUE(std::regex_match(lines[0], format)) << lines[0];
  EXPECT_NE(lines[1].find("[warning] [scanner] slow"), std::string::npos) << lines[1];
}

TEST(logging, json_lines_are_one_escaped_object_per_line) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  logging log(file_only(path, true));
  log.register_secret("hunter2-secret");
  log.logger_for("binance")->info("quote \" backslash \\ newline \n tab \t pw=hunter2-secret");
  log.logger_for("binance")->error("bad utf8 \xff end");
  log.flush();
  const auto lines = lines_of(test::read_file(path));
  ASSERT_EQ(lines.size(), 2u);
  const auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["level"], "info");
  EXPECT_EQ(first["component"], "binance");
  EXPECT_EQ(first["message"], "quote \" backslash \\ newline \n tab \t pw=***");
  EXPECT_TRUE(std::regex_match(first["time"].get<std::string>(),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")));
  const auto second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["level"], "error");
  EXPECT_EQ(second["message"], "bad utf8 \xEF\xBF\xBD end");
}

TEST(logging, component_levels_override_the_global_level) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  log_config c = file_only(path);
  c.component_levels["binance"] = spdlog::level::debug;
  c.component_levels["noisy"] = spdlog::level::err;
  logging log(c);
  log.logger_for("binance")->debug("binance debug");
  log.logger_for("host")->debug("host debug");
  log.logger_for("noisy")->warn("noisy warn");
  log.logger_for("noisy")->error("noisy error");
  log.flush();
  const std::string text = test::read_file(path);
  EXPECT_NE(text.find("binance debug"), std::string::npos);
  EXPECT_EQ(text.find("host debug"), std::string::npos);
  EXPECT_EQ(text.find("noisy warn"), std::string::npos);
  EXPECT_NE(text.find("noisy error"), std::string::npos);
}

TEST(logging, the_file_rotates_past_its_size) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  log_config c = file_only(path);
  c.max_file_bytes = 1'000;
  c.max_files = 2;
  {
    logging log(c);
    for (int i = 0; i < 100; ++i) log.logger_for("host")->info("line {:04d} padding padding", i);
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "trading_bot.1.log"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "trading_bot.2.log"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "trading_bot.3.log"));
  EXPECT_LE(std::filesystem::file_size(path), 1'000u);
}

TEST(logging, logger_for_returns_one_logger_per_component) {
  test::temp_dir dir;
  logging log(file_only(dir.path() / "x.log"));
  EXPECT_EQ(log.logger_for("a"), log.logger_for("a"));
  EXPECT_NE(log.logger_for("a"), log.logger_for("b"));
  EXPECT_EQ(log.logger_for("a")->name(), "a");
}

TEST(logging, concurrent_logging_keeps_lines_whole_and_secrets_masked) {
  test::temp_dir dir;
  const auto path = dir.path() / "trading_bot.log";
  {
    logging log(file_only(path));
    log.register_secret("api-secret-value");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        auto logger = log.logger_for("worker" + std::to_string(t));
        for (int i = 0; i < 250; ++i) logger->info("req {} key=api-secret-value done", i);
      });
    }
    for (auto& th : threads) th.join();
  }
  const auto lines = lines_of(test::read_file(path));
  EXPECT_EQ(lines.size(), 1'000u);
  for (const auto& line : lines) {
    ASSERT_NE(line.find("key=*** done"), std::string::npos) << line;
  }
}

TEST(logging, an_unwritable_log_file_is_a_clear_error) {
  log_config c;
  c.console = false;
  c.file_path = "/proc/definitely/not/here/trading_bot.log";
  try {
    logging log(c);
    FAIL() << "opened an impossible log file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/definitely/not/here/trading_bot.log"),
              std::string::npos);
  }
}

TEST(logging, parse_log_level_accepts_the_usual_names) {
  EXPECT_EQ(parse_log_level("TRACE"), spdlog::level::trace);
  EXPECT_EQ(parse_log_level("debug"), spdlog::level::debug);
  EXPECT_EQ(parse_log_level("Info"), spdlog::level::info);
  EXPECT_EQ(parse_log_level("warn"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("warning"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("error"), spdlog::level::err);
  EXPECT_EQ(parse_log_level("critical"), spdlog::level::critical);
  EXPECT_EQ(parse_log_level("off"), spdlog::level::off);
  EXPECT_THROW(parse_log_level("verbose"), std::invalid_argument);
}

}  // namespace
}  // namespace tb::host
