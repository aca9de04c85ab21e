// The command line only: parse, then hand over to the app layer. Exit codes: 0 success,
// 1 a runtime failure, 2 bad usage, bad configuration or a required plugin that failed.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"

namespace {

constexpr int exit_usage = 2;

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  CLI::App cli{"TradingBot: an automated crypto-futures trading bot with plugins", "tradingbot"};
  cli.set_version_flag("--version", std::string{tb::host::version_string()});
  cli.require_subcommand(1);

  tb::host::run_options run;
  auto* run_cmd = cli.add_subcommand("run", "Run the bot (demo, paper or live, per the YAML)");
  run_cmd->add_option("--config", run.config, "YAML configuration file")->required();
  run_cmd->add_option("--plugin-dir", run.plugin_dirs,
                      "Search DIR for plugins before the YAML's and the default directories");
  run_cmd->add_flag("--once", run.once,
                    "One reconciliation, scan, strategy pass and execution, then stop (paper and "
                    "live; for cron-style use)");

  tb::host::run_options backtest;
  auto* backtest_cmd = cli.add_subcommand(
      "backtest", "Run the pipeline over a period on a simulated exchange (mode: backtest)");
  backtest_cmd->add_option("--config", backtest.config, "YAML configuration file")->required();
  backtest_cmd->add_option("--plugin-dir", backtest.plugin_dirs,
                           "Search DIR for plugins before the YAML's and the default directories");

  auto* plugins_cmd = cli.add_subcommand("plugins", "List, check or install plugins");
  plugins_cmd->require_subcommand(1);
  tb::host::list_options list;
  auto* list_cmd = plugins_cmd->add_subcommand("list", "List the plugins found in the plugin directories");
  list_cmd->add_option("--config", list.config, "Also search the YAML's plugin directories");
  list_cmd->add_option("--plugin-dir", list.plugin_dirs, "Search DIR first");
  fs::path plugin_file;
  auto* check_cmd = plugins_cmd->add_subcommand("check", "Validate a plugin file, then create, start and stop it");
  check_cmd->add_option("FILE", plugin_file, "The plugin (.so) to check")->required();
  tb::host::install_options install;
  auto* install_cmd = plugins_cmd->add_subcommand(
      "install", "Validate a plugin file, then install it atomically (a running bot keeps running)");
  install_cmd->add_option("FILE", install.file, "The plugin (.so) to install")->required();
  install_cmd->add_option("--plugin-dir", install.plugin_dir, "Install into DIR");
  install_cmd->add_option("--config", install.config,
                          "Install into the YAML's first plugins.directories entry");

  tb::host::analyze_options analyze;
  auto* analyze_cmd = cli.add_subcommand(
      "analyze", "Compute a plugin's indicator over a candle file and print it as CSV");
  analyze_cmd->add_option("--strategy", analyze.strategy, "The plugin, by name (strategy_ictsmc)")
      ->required();
  analyze_cmd->add_option("--candles", analyze.candles,
                          "Candle file: CSV with a header, or a JSON array of klines")
      ->required();
  analyze_cmd->add_option("--indicator", analyze.indicator, "The indicator (fvg, ob, ...)")
      ->required();
  analyze_cmd->add_option("--param", analyze.params, "An indicator parameter, key=value; repeatable")
      ->allow_extra_args(false);
  analyze_cmd->add_option("--out", analyze.out, "Write the CSV to FILE instead of standard output");
  analyze_cmd->add_option("--plugin-dir", analyze.plugin_dirs,
                          "Search DIR for the plugin before the default directory")
      ->allow_extra_args(false);

  auto* config_cmd = cli.add_subcommand("config", "Validate configuration files");
  config_cmd->require_subcommand(1);
  fs::path config_file;
  auto* config_check_cmd = config_cmd->add_subcommand("check", "Print every problem in a YAML file");
  config_check_cmd->add_option("FILE", config_file, "The YAML file to check")->required();

  tb::host::download_options download;
  auto* download_cmd = cli.add_subcommand(
      "download", "Download closed klines from the exchange into CSV files (resumable)");
  download_cmd->add_option("--config", download.config, "YAML configuration (its exchange plugin)")
      ->required();
  download_cmd->add_option("--symbols", download.symbols,
                           "Comma-separated symbols; default: the configuration's data.universe")
      ->delimiter(',');
  download_cmd->add_option("--interval", download.interval, "Binance interval code")
      ->capture_default_str();
  download_cmd->add_option("--start", download.start, "UTC date or date-time (2024-01-01)")
      ->required();
  download_cmd->add_option("--end", download.end, "UTC date or date-time, exclusive")->required();
  download_cmd->add_option("--out", download.out, "Directory of the <SYMBOL>-<interval>.csv files")
      ->required();
  download_cmd->add_option("--plugin-dir", download.plugin_dirs,
                           "Search DIR for plugins before the YAML's and the default directories")
      ->allow_extra_args(false);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return exit_usage;
  }

  if (run_cmd->parsed()) return tb::host::run_bot(run);
  if (backtest_cmd->parsed()) return tb::host::backtest(backtest, std::cout);
  if (list_cmd->parsed()) return tb::host::list_plugins(list, std::cout);
  if (check_cmd->parsed()) return tb::host::check_plugin_file(plugin_file, std::cout);
  if (install_cmd->parsed()) return tb::host::install_plugin(install, std::cout, std::cerr);
  if (config_check_cmd->parsed()) return tb::host::check_config(config_file, std::cout);
  if (analyze_cmd->parsed()) return tb::host::analyze(analyze, std::cout, std::cerr);
  if (download_cmd->parsed()) return tb::host::download(download, std::cout, std::cerr);
  return exit_usage;
}
