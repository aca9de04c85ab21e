// The tradingbot executable end to end: its verbs, exit codes, the files it writes, and the
// promise that a secret from the environment never reaches a log.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "process.hpp"

namespace fs = std::filesystem;
using tb::test::shell_quoted;
using tb::test::run_command;

namespace {

const std::string executable = TB_EXECUTABLE;
const fs::path fixtures = TB_FIXTURE_PLUGIN_DIR;
const fs::path source_dir = TB_SOURCE_DIR;

std::string tradingbot(const std::string& arguments) {
  return shell_quoted(executable) + " " + arguments;
}

// A configuration in its own directory, so the state directory (logs, metrics) is private.
class cli : public ::testing::Test {
 protected:
  fs::path write_config(const std::string& plugins_yaml) {
    const fs::path file = dir_.write("bot.yaml", "mode: paper\nstate_dir: state\nplugins:\n  load:\n" + plugins_yaml);
    return file;
  }
  std::string run_with_fixtures(const fs::path& config,
                                const std::vector<std::pair<std::string, std::string>>& env = {}) {
    last_ = run_command(tradingbot("run --once --config " + shell_quoted(config) + " --plugin-dir " +
                                   shell_quoted(fixtures)),
                        env);
    return last_.output;
  }
  fs::path state() const { return dir_.path() / "state"; }

  tb::test::temp_dir dir_;
  tb::test::process_result last_;
};

// The README's first command: the shipped demo, verbatim, in a directory of its own (its
// state_dir is relative to the file). Nothing external: the simulated exchange's synthetic
// market, the whole pipeline, the outputs and the summary.
TEST_F(cli, the_shipped_demo_runs_the_whole_bot_offline) {
  const fs::path config =
      dir_.write("demo.yaml", tb::test::read_file(source_dir / "config" / "demo.yaml"));
  const auto result = run_command(tradingbot("run --once --config " + shell_quoted(config)));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_NE(out.find("loaded exchange_sim 0.1.0 (exchange, ABI 1.5)"), std::string::npos) << out;
  EXPECT_NE(out.find("loaded strategy_ictsmc 0.2.0"), std::string::npos);
  EXPECT_NE(out.find("universe: 20 symbols from exchange_sim"), std::string::npos);
  EXPECT_NE(out.find("rank #1: "), std::string::npos) << "signals were ranked";
  EXPECT_NE(out.find("): entered"), std::string::npos) << "orders were placed";
  EXPECT_NE(out.find("stop-loss filled at"), std::string::npos) << "exchange-held stops fired";
  EXPECT_NE(out.find("take-profit filled at"), std::string::npos) << "targets were reached";
  EXPECT_NE(out.find("Backtest performance"), std::string::npos);
  const fs::path outputs = state() / "backtest";
  EXPECT_NE(out.find("report:  " + (outputs / "report.html").string()), std::string::npos);
  for (const char* file : {"trades.json", "trades.csv", "summary.txt", "report.html", "metrics.json"}) {
    EXPECT_TRUE(fs::exists(outputs / file)) << file;
  }
  const auto metrics = nlohmann::json::parse(tb::test::read_file(outputs / "metrics.json"));
  EXPECT_FALSE(metrics["metrics"].empty());
  const std::string log = tb::test::read_file(state() / "trading_bot.log");
  EXPECT_NE(log.find("2025-09-01 00:00:00.000 [info] [backtest] TradingBot"), std::string::npos)
      << "a backtest's log lines show the simulated time";
}

TEST_F(cli, a_required_plugin_that_is_missing_stops_start_up_with_exit_code_2) {
  const auto config = write_config("    - name: no_such_plugin\n");
  const std::string output = run_with_fixtures(config);
  EXPECT_EQ(last_.exit_code, 2) << output;
  EXPECT_NE(output.find("required plugin 'no_such_plugin' failed"), std::string::npos) << output;
  EXPECT_NE(output.find(fixtures.string()), std::string::npos) << "names the directories searched";
}

TEST_F(cli, a_required_plugin_whose_start_fails_stops_start_up_and_shows_its_message) {
  const auto config = write_config("    - name: good_strategy\n    - name: start_fails\n");
  const std::string output = run_with_fixtures(config);
  EXPECT_EQ(last_.exit_code, 2) << output;
  EXPECT_NE(output.find("required plugin 'start_fails' failed"), std::string::npos) << output;
  EXPECT_NE(output.find("start()"), std::string::npos) << output;
}

TEST_F(cli, an_optional_plugin_that_fails_is_reported_and_skipped) {
  const auto config = write_config(
      "    - name: good_strategy\n    - name: start_fails\n      optional: true\n"
      "    - name: missing_entry\n      optional: true\n");
  const std::string output = run_with_fixtures(config);
  EXPECT_EQ(last_.exit_code, 0) << output;
  EXPECT_NE(output.find("optional plugin 'start_fails' skipped"), std::string::npos) << output;
  EXPECT_NE(output.find("optional plugin 'missing_entry' skipped"), std::string::npos);
  EXPECT_NE(output.find("tb_plugin_entry_v1"), std::string::npos) << "names the missing symbol";
  EXPECT_NE(output.find("good_strategy 1.2.3 (strategy): running"), std::string::npos) << output;
}

TEST_F(cli, an_sdk_plugin_that_throws_is_reported_as_a_plugin_fault_with_its_message) {
  const auto config = write_config("    - name: sdk_throws\n");
  const std::string output = run_with_fixtures(config);
  EXPECT_EQ(last_.exit_code, 2) << output;
  EXPECT_NE(output.find("TB_E_PLUGIN_FAULT"), std::string::npos) << output;
  EXPECT_NE(output.find("sdk_throws: deliberate failure in start()"), std::string::npos) << output;
}

TEST_F(cli, a_kind_that_does_not_match_the_configuration_is_refused) {
  const auto config = write_config("    - name: good_strategy\n      kind: exchange\n");
  const std::string output = run_with_fixtures(config);
  EXPECT_EQ(last_.exit_code, 2) << output;
  EXPECT_NE(output.find("the configuration says kind 'exchange'"), std::string::npos) << output;
}

TEST_F(cli, a_secret_from_the_environment_never_reaches_the_log_or_the_console) {
  const std::string secret = "sk-live-3f9a7c1e5b2d4068";
  const auto config = write_config(
      "    - name: sdk_logs_settings\n      settings:\n        api_secret: ${TB_TEST_API_SECRET}\n");
  const std::string output = run_with_fixtures(config, {{"TB_TEST_API_SECRET", secret}});
  ASSERT_EQ(last_.exit_code, 0) << output;
  const std::string log = tb::test::read_file(state() / "trading_bot.log");
  // The plugin did log its settings, with the secret masked.
  EXPECT_NE(log.find("my settings are {\"api_secret\":\"***\"}"), std::string::npos) << log;
  EXPECT_EQ(log.find(secret), std::string::npos);
  EXPECT_EQ(output.find(secret), std::string::npos);
  EXPECT_EQ(tb::test::read_file(state() / "metrics.json").find(secret), std::string::npos);
}

TEST_F(cli, a_configuration_with_errors_is_refused_before_anything_starts) {
  const fs::path file = dir_.write("bad.yaml", "mode: demo\nlogging:\n  levle: info\ncache:\n  default_ttl: 30 parsecs\n");
  const auto result = run_command(tradingbot("run --once --config " + shell_quoted(file)));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("bad.yaml:3:3: error:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("did you mean 'level'?"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("bad.yaml:5:16: error:"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(dir_.path() / "state")) << "nothing was started";
}

TEST_F(cli, config_check_prints_every_problem_and_exits_2) {
  const fs::path file = dir_.write("bad.yaml", "mode: demmo\nplugins:\n  load:\n    - name: x\n      optional: maybe\n");
  const auto result = run_command(tradingbot("config check " + shell_quoted(file)));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("bad.yaml:1:7: error:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("bad.yaml:5:17: error:"), std::string::npos) << result.output;
}

TEST_F(cli, config_check_accepts_every_shipped_configuration) {
  for (const char* name : {"demo.yaml", "paper.yaml", "reference.yaml"}) {
    const auto result = run_command(tradingbot("config check " + shell_quoted(source_dir / "config" / name)));
    EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.output;
  }
}

TEST_F(cli, plugins_check_passes_a_good_plugin_and_names_the_problem_of_a_bad_one) {
  const auto good = run_command(tradingbot("plugins check " + shell_quoted(fixtures / "good_strategy.so")));
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_NE(good.output.find("good_strategy"), std::string::npos);
  EXPECT_NE(good.output.find("strategy"), std::string::npos);

  const auto bad = run_command(tradingbot("plugins check " + shell_quoted(fixtures / "wrong_abi_major.so")));
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("ABI 2"), std::string::npos) << bad.output;
}

TEST_F(cli, plugins_list_shows_the_built_plugins_without_any_flag) {
  const auto result = run_command(tradingbot("plugins list"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* id : {"exchange_binance", "strategy_ictsmc", "notify_discord"}) {
    EXPECT_NE(result.output.find(id), std::string::npos) << id << "\n" << result.output;
  }
}

TEST_F(cli, plugins_list_searches_plugin_dir_first_and_reports_broken_files) {
  const auto result = run_command(tradingbot("plugins list --plugin-dir " + shell_quoted(fixtures)));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_LT(result.output.find(fixtures.string()), result.output.find("lib/tradingbot/plugins"));
  EXPECT_NE(result.output.find("not_a_library.so"), std::string::npos) << result.output;
}

TEST_F(cli, bad_usage_exits_with_code_2) {
  EXPECT_EQ(run_command(tradingbot("run")).exit_code, 2);
  EXPECT_EQ(run_command(tradingbot("frobnicate")).exit_code, 2);
  EXPECT_EQ(run_command(tradingbot("--version")).exit_code, 0);
}

}  // namespace
