#pragma once
// The verbs of the command line. Each returns the process exit code: 0 success, 1 a runtime
// failure, 2 bad configuration or a required plugin that failed to load or start.
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::host {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_config = 2;

std::string_view version_string() noexcept;

struct run_options {
  std::filesystem::path config;
  std::vector<std::filesystem::path> plugin_dirs;  // searched before the YAML's and defaults
  bool once = false;  // paper and live: one cycle, then an orderly stop (no service loop)
};

struct list_options {
  std::optional<std::filesystem::path> config;
  std::vector<std::filesystem::path> plugin_dirs;
};

struct analyze_options {
  std::string strategy;                             // plugin name: strategy_ictsmc
  std::filesystem::path candles;                    // CSV or JSON kline file
  std::string indicator;                            // fvg, swing_highs_lows, ...
  std::vector<std::string> params;                  // "key=value", as given
  std::filesystem::path out;                        // empty: standard output
  std::vector<std::filesystem::path> plugin_dirs;   // searched before the default directory
};

// `tradingbot run`: load the configuration and plugins, run the pipeline, shut down cleanly.
int run_bot(const run_options& options);

// `tradingbot backtest`: the configuration's backtest (mode backtest or demo) on its simulated
// exchange; the summary table and the output paths go to `out`, progress to standard error.
int backtest(const run_options& options, std::ostream& out);
// The same with loaded settings (`tradingbot run` in demo or backtest mode comes here).
// `timing`, when given, receives the real time each phase took (the benchmark reads it).
struct bot_settings;
struct backtest_timing {
  double warm_up_seconds = 0;  // start-up, reconciliation, the universe and the warm-up scan
  double loop_seconds = 0;     // the period, from the first move of the clock to the end
  double output_seconds = 0;   // closing what is open, the outputs
  std::size_t trades = 0;
};
int run_backtest(const bot_settings& settings, const run_options& options, std::ostream& out,
                 backtest_timing* timing = nullptr);

// `tradingbot plugins list`: every plugin file in the search path, with its info or problem.
int list_plugins(const list_options& options, std::ostream& out);

// `tradingbot plugins check FILE.so`: validate, instantiate, start and stop one plugin.
int check_plugin_file(const std::filesystem::path& file, std::ostream& out);

struct install_options {
  std::filesystem::path file;                       // the plugin (.so) to install
  std::optional<std::filesystem::path> plugin_dir;  // the target directory, if given
  std::optional<std::filesystem::path> config;      // else its first plugins.directories entry
};

// `tradingbot plugins install FILE.so`: validate the file as `plugins check` does, then put it
// in the target directory (--plugin-dir, else the YAML's first plugins.directories entry, else
// the default plugin directory) as <id>.so by copy, fsync and rename, never writing over the
// file a running bot has loaded. The id must equal the file name (the check enforces it).
// The check report and what was done go to `out`, errors to `err`. Exit 2 when the file fails
// validation or the target directory is missing (nothing installed), 1 when the copy fails.
int install_plugin(const install_options& options, std::ostream& out, std::ostream& err);

// `tradingbot analyze`: one indicator of a plugin ("tb.indicators/1") over a candle file, as
// CSV to `out` or options.out. Bad input, an unknown indicator or parameter, or a plugin
// without the interface: a message on `err` and exit 2.
int analyze(const analyze_options& options, std::ostream& out, std::ostream& err);

// `tradingbot config check FILE`: every problem in the file at once.
int check_config(const std::filesystem::path& file, std::ostream& out);

struct download_options {
  std::filesystem::path config;                    // its exchange plugin fetches the klines
  std::vector<std::string> symbols;                // empty: the configuration's data.universe
  std::string interval = "1m";
  std::string start;                               // UTC date or date-time, inclusive
  std::string end;                                 // exclusive
  std::filesystem::path out;                       // <out>/<SYMBOL>-<interval>.csv
  std::vector<std::filesystem::path> plugin_dirs;  // searched before the YAML's and defaults
};

// `tradingbot download`: closed klines into Binance-archive CSV files, resuming each file
// after its last complete line. Summary lines to `out`; progress, warnings and errors to
// `err`. Exit 1 when any symbol failed (the others still complete), 2 for bad arguments or
// configuration.
int download(const download_options& options, std::ostream& out, std::ostream& err);

}  // namespace tb::host
