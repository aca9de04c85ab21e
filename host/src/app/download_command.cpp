// `tradingbot download`: closed klines from the configuration's exchange plugin into
// <out>/<SYMBOL>-<interval>.csv (Binance's archive layout), resumable. The arguments and the
// plugin are set up here; the work is tb_download's (host/src/download).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "app/commands.hpp"
#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/diagnostic.hpp"
#include "app/command_settings.hpp"
#include "config/load_settings.hpp"
#include "download/download_run.hpp"
#include <candle_files/utc_time.hpp>
#include "plugin/plugin_directories.hpp"
#include "services/exchange_client.hpp"
#include "services/interval.hpp"
#include "services/universe.hpp"

namespace tb::host {
namespace {

namespace dl = downloader;

bool valid_symbol(const std::string& symbol) {
  return !symbol.empty() && std::all_of(symbol.begin(), symbol.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The arguments as a request (symbols, when given, and the period); nullopt after printing
// what is wrong.
std::optional<dl::download_request> read_arguments(const download_options& options,
                                                   std::ostream& err) {
  dl::download_request request;
  request.interval = options.interval;
  request.out_dir = options.out;
  if (interval_ms(options.interval) == 0) {
    err << "tradingbot download: --interval \"" << options.interval
        << "\" is not a Binance interval (1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)\n";
    return std::nullopt;
  }
  const auto start = candle_files::parse_utc_time(options.start);
  const auto end = candle_files::parse_utc_time(options.end);
  if (!start || !end) {
    err << "tradingbot download: --" << (start ? "end" : "start") << " \""
        << (start ? options.end : options.start)
        << "\" is not a UTC date (2024-01-01) or date-time (2024-01-01T12:30)\n";
    return std::nullopt;
  }
  if (*start >= *end) {
    err << "tradingbot download: --start must be before --end (the end is exclusive)\n";
    return std::nullopt;
  }
  request.start_ms = *start;
  request.end_ms = *end;
  for (std::string symbol : options.symbols) {
    symbol.erase(0, symbol.find_first_not_of(' '));
    symbol.erase(symbol.find_last_not_of(' ') + 1);
    if (!valid_symbol(symbol)) {
      err << "tradingbot download: \"" << symbol
          << "\" is not a symbol (upper-case letters, digits and '_', like BTCUSDT)\n";
      return std::nullopt;
    }
    if (std::find(request.symbols.begin(), request.symbols.end(), symbol) ==
        request.symbols.end()) {
      request.symbols.push_back(symbol);
    }
  }
  return request;
}

// Only the configuration's exchange: its `kind: exchange` entries, and those without a kind
// named exchange_* (strategies and notifiers have no part in a download).
std::vector<plugin_entry> exchange_entries(const bot_settings& settings) {
  std::vector<plugin_entry> entries;
  for (const auto& entry : settings.plugins.load) {
    const bool exchange = entry.kind ? *entry.kind == plugin_kind::exchange
                                     : entry.name.starts_with("exchange_");
    if (exchange) entries.push_back(entry);
  }
  return entries;
}

// Quiet services: no log file, and only warnings on the console (the progress is ours).
bot_settings download_settings(bot_settings settings) {
  settings.logging.file.clear();
  settings.logging.level = std::max(settings.logging.level, log_level::warn);
  return settings;
}

std::int64_t request_timeout_ns(const bot_settings& settings) {
  // The deadline covers the wait for rate-limit tokens too: at least a minute of them.
  const auto timeout = std::max<std::chrono::milliseconds>(settings.data.request_timeout,
                                                           std::chrono::seconds(60));
  return std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
}

int download_with(const bot_settings& settings, const download_options& options,
                  dl::download_request request, std::ostream& out, std::ostream& err) {
  core_services services(settings);
  plugin_set plugins(services,
                     plugin_search_path(options.plugin_dirs, settings.plugins.directories));
  try {
    plugins.load(exchange_entries(settings));
  } catch (const startup_error& e) {
    err << "tradingbot download: " << e.what() << '\n';
    return exit_config;
  }
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  if (exchanges.empty()) {
    err << "tradingbot download: " << settings.source_file.string()
        << " loads no exchange plugin\n";
    return exit_config;
  }
  const exchange_client exchange(*exchanges.front());
  const std::int64_t timeout_ns = request_timeout_ns(settings);
  const auto deadline = [&] { return services.time().monotonic_ns() + timeout_ns; };

  if (request.symbols.empty()) {
    std::vector<tb_symbol_info> infos;
    const exchange_status status = exchange.list_symbols(deadline(), infos);
    if (!status.ok()) {
      err << "tradingbot download: the symbols could not be listed from "
          << exchanges.front()->name() << ": " << status.describe() << '\n';
      return exit_failure;
    }
    const universe_filter filter{settings.data.universe.quote, settings.data.universe.include,
                                 settings.data.universe.exclude};
    request.symbols = select_universe(infos, filter);
    if (request.symbols.empty()) {
      err << "tradingbot download: the configuration's universe (data.universe) selects no "
             "symbol of "
          << exchanges.front()->name() << '\n';
      return exit_config;
    }
  }
  request.now_ms = services.time().wall_ms();

  const dl::candle_fetch fetch = [&](const candle_request& r, std::vector<tb_candle>& candles) {
    return exchange.fetch_candles(r, deadline(), candles);
  };
  dl::download_progress progress(out, err, ::isatty(::fileno(stderr)) == 1);
  const std::size_t failed = dl::download_all(request, fetch, progress);
  plugins.stop_all();
  if (failed > 0) {
    err << "tradingbot download: " << failed << " of " << request.symbols.size()
        << " symbols failed\n";
    return exit_failure;
  }
  return exit_ok;
}

}  // namespace

int download(const download_options& options, std::ostream& out, std::ostream& err) {
  auto request = read_arguments(options, err);
  if (!request) return exit_config;
  const auto loaded = load_command_settings(options.config, "tradingbot download", err);
  if (!loaded) return exit_config;
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec) {
    err << "tradingbot download: cannot create --out " << options.out.string() << ": "
        << ec.message() << '\n';
    return exit_config;
  }
  try {
    return download_with(download_settings(*loaded), options, std::move(*request), out,
                         err);
  } catch (const std::exception& e) {
    err << "tradingbot download: " << e.what() << '\n';
    return exit_failure;
  }
}

}  // namespace tb::host
