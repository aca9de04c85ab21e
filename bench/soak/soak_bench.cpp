// tb_bench_soak: the soak of issue #7. `tradingbot run` as the long-running service, in live
// mode against the fake Binance whose market runs `--speed` times faster than real time, for
// `--sim-hours` of market time:
//   - the fake lists 648 symbols and injects random faults (HTTP 5xx, timeouts, resets);
//   - the bot scans every `--scan-every` real seconds with the built strategy_ictsmc (the 1h
//     and 4h candles it needs, 200 of each); at the defaults a scan every 15 simulated
//     minutes. That is 60 times more scans per real minute than a real bot makes, so the IP
//     weight limit of the fake and of the bot's bucket is raised to `--weight-limit` (10x
//     Binance's 2400): at 2400 the scans would wait on the weight, one a minute at best;
//   - every simulated hour the strategy is installed again (`tradingbot plugins install`,
//     write-then-rename) and hot-reloaded through POST /api/reload;
//   - every `--sample-every` seconds the bot's VmRSS, threads and open descriptors are read
//     from /proc, and its last scan from GET /api/status.
// It prints RSS over time, descriptors, threads, scan latency percentiles, the reloads' swap
// times and the missed scans, checks them against the targets and exits 1 when one
// is missed. `--samples FILE` also writes every sample as CSV.
//
//   tb_bench_soak [--sim-hours 24] [--speed 60] [--scan-every 15] [--symbols 648]
//                 [--weight-limit 24000] [--warmup-hours 2] [--sample-every 2]
//                 [--error-rate 0.002] [--timeout-rate 0.0005] [--reset-rate 0.001]
//                 [--samples FILE] [--keep]

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>

#include "fake_process.hpp"
#include "http_test_client.hpp"
#include "proc_sample.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;
using steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

const std::string token = "soak-bench-admin-token-0123456789";

struct options {
  double sim_hours = 24;
  double speed = 60;
  int scan_every_s = 15;
  int symbols = 648;
  std::string weight_limit = "24000";
  double warmup_hours = 2;
  double sample_every_s = 2;
  std::string error_rate = "0.002";
  std::string timeout_rate = "0.0005";
  std::string reset_rate = "0.001";
  std::string samples_file;
  bool keep = false;
};

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--keep") {
      o.keep = true;
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value (or is unknown)");
    const std::string v = argv[++i];
    if (a == "--sim-hours") o.sim_hours = std::stod(v);
    else if (a == "--speed") o.speed = std::stod(v);
    else if (a == "--scan-every") o.scan_every_s = std::stoi(v);
    else if (a == "--symbols") o.symbols = std::stoi(v);
    else if (a == "--weight-limit") o.weight_limit = v;
    else if (a == "--warmup-hours") o.warmup_hours = std::stod(v);
    else if (a == "--sample-every") o.sample_every_s = std::stod(v);
    else if (a == "--error-rate") o.error_rate = v;
    else if (a == "--timeout-rate") o.timeout_rate = v;
    else if (a == "--reset-rate") o.reset_rate = v;
    else if (a == "--samples") o.samples_file = v;
    else throw std::invalid_argument("unknown option " + a);
  }
  if (o.speed <= 0 || o.sim_hours <= o.warmup_hours + 1 || o.scan_every_s <= 0) {
    throw std::invalid_argument("needs --speed > 0, --scan-every > 0 and --sim-hours at least "
                                "one hour more than --warmup-hours");
  }
  return o;
}

double seconds_since(steady::time_point t0) {
  return std::chrono::duration<double>(steady::now() - t0).count();
}

// The nearest-rank percentile of a sorted list.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// `tradingbot run` as the service, its output in `log`, the admin token in its environment.
pid_t start_bot(const fs::path& config, const fs::path& plugin_dir, const fs::path& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "a", stdout);
    ::dup2(STDOUT_FILENO, STDERR_FILENO);
    ::setenv("TB_API_TOKEN", token.c_str(), 1);
    std::vector<std::string> args = {TB_EXECUTABLE, "run", "--config", config.string(),
                                     "--plugin-dir", plugin_dir.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (pid < 0) throw std::runtime_error("fork failed");
  return pid;
}

int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status); }

// The admin API's port, from the log line that names it; 0 when it does not come in time.
int api_port(const fs::path& log, pid_t bot, std::chrono::seconds timeout) {
  const std::regex line("admin API: listening on 127\\.0\\.0\\.1:([0-9]+)");
  for (const auto until = steady::now() + timeout; steady::now() < until;) {
    std::smatch m;
    const std::string text = tb::test::read_file(log);
    if (std::regex_search(text, m, line)) return std::stoi(m[1]);
    if (::waitpid(bot, nullptr, WNOHANG) == bot) return 0;
    std::this_thread::sleep_for(200ms);
  }
  return 0;
}

nlohmann::json call(int port, http::verb verb, const std::string& target) {
  tb::test::http_test_client client(static_cast<std::uint16_t>(port));
  const auto reply = client.request(verb, target, token);
  if (reply.result_int() != 200) {
    throw std::runtime_error(target + ": HTTP " + std::to_string(reply.result_int()) + ": " +
                             reply.body());
  }
  return nlohmann::json::parse(reply.body());
}

std::string config_yaml(const tb::binance::testing::fake_process& fake, const options& o) {
  std::ostringstream y;
  y << "mode: live\nstate_dir: state\n"
    << "logging:\n  level: info\n  console: true\n  file: trading_bot.log\n"
    << "plugins:\n  load:\n"
    << "    - name: exchange_binance\n      settings: {rest_url: \"" << fake.rest_url()
    << "\", ws_url: \"" << fake.ws_url() << "\", api_key: soak-key, api_secret: soak-secret}\n"
    << "    - name: strategy_ictsmc\n"
    << "data:\n  intervals: [1h, 4h]\n  lookback: 200\n  request_timeout: 5s\n  cache_ttl: 5s\n"
    << "rate_limits:\n  - {name: binance.ip_weight, capacity: " << o.weight_limit
    << ", interval: 60s, critical_reserve: 0.1}\n"
    << "  - {name: binance.orders_1m, capacity: 1200, interval: 60s}\n"
    << "  - {name: binance.orders_10s, capacity: 300, interval: 10s}\n"
    << "service:\n  scan_every: " << o.scan_every_s << "s\n  strategy_reload: manual\n"
    << "api:\n  enabled: true\n  port: 0\n  token: ${TB_API_TOKEN}\n"
    << "monitoring:\n  check_every: 5s\n";
  return y.str();
}

struct sample_row {
  double sim_h = 0;
  tb::bench::proc_sample proc;
};

struct reload_row {
  double sim_h = 0;
  std::string result;
  double swap_ms = 0;
  double call_ms = 0;  // POST /api/reload's round trip: waits for a scan in flight
  bool old_unloaded = false;
  std::string problem;
};

struct scan_row {
  double duration_ms = 0;
  bool ok = false;
};

// Samples of the simulated hours [from, to).
std::vector<sample_row> between(const std::vector<sample_row>& rows, double from, double to) {
  std::vector<sample_row> out;
  std::copy_if(rows.begin(), rows.end(), std::back_inserter(out),
               [&](const sample_row& r) { return r.sim_h >= from && r.sim_h < to; });
  return out;
}

template <class F>
double mean_of(const std::vector<sample_row>& rows, F field) {
  if (rows.empty()) return 0;
  double sum = 0;
  for (const auto& r : rows) sum += static_cast<double>(field(r.proc));
  return sum / static_cast<double>(rows.size());
}

template <class F>
long max_of(const std::vector<sample_row>& rows, F field) {
  long m = 0;
  for (const auto& r : rows) m = std::max(m, static_cast<long>(field(r.proc)));
  return m;
}

int run(const options& o) {
  const double real_per_sim_hour = 3600.0 / o.speed;
  const fs::path dir = fs::temp_directory_path() / ("tb-soak-" + std::to_string(::getpid()));
  fs::create_directories(dir / "plugins");
  fs::copy_file(TB_EXCHANGE_PLUGIN, dir / "plugins" / fs::path(TB_EXCHANGE_PLUGIN).filename());
  fs::copy_file(TB_STRATEGY_PLUGIN, dir / "plugins" / fs::path(TB_STRATEGY_PLUGIN).filename());

  std::printf("soak: %d symbols, %.0fx market speed, %.1f simulated hours (%.1f real minutes), "
              "a scan every %d s (%.1f simulated minutes), faults: errors %s, timeouts %s, "
              "resets %s; state in %s\n",
              o.symbols, o.speed, o.sim_hours, o.sim_hours * real_per_sim_hour / 60,
              o.scan_every_s, o.scan_every_s * o.speed / 60, o.error_rate.c_str(),
              o.timeout_rate.c_str(), o.reset_rate.c_str(), dir.c_str());
  std::fflush(stdout);

  tb::binance::testing::fake_process fake(
      {"--symbols", std::to_string(o.symbols), "--seed", "1", "--speed", std::to_string(o.speed),
       "--prewarm-hours", "801", "--weight-limit", o.weight_limit, "--error-rate", o.error_rate, "--timeout-rate", o.timeout_rate,
       "--reset-rate", o.reset_rate, "--api-key", "soak-key", "--api-secret", "soak-secret"},
      300s);
  std::ofstream(dir / "bot.yaml") << config_yaml(fake, o);
  const fs::path log = dir / "bot.out";
  std::ofstream{log};  // exists from now on, so it can be read before the bot writes to it
  fs::current_path(dir);
  const pid_t bot = start_bot(dir / "bot.yaml", dir / "plugins", log);
  const int port = api_port(log, bot, 120s);
  if (port == 0) {
    std::fprintf(stderr, "the bot did not start its admin API:\n%s\n", tb::test::read_file(log).c_str());
    ::kill(bot, SIGKILL);
    return 1;
  }
  // Ready: the first (cold) scan is done.
  const auto ready_by = steady::now() + 600s;
  bool ready = false;
  while (!ready && steady::now() < ready_by) {
    try {
      tb::test::http_test_client client(static_cast<std::uint16_t>(port));
      ready = nlohmann::json::parse(client.request(http::verb::get, "/readyz").body()).value("ready", false);
    } catch (const std::exception&) {
    }
    if (!ready) std::this_thread::sleep_for(500ms);
  }
  if (!ready) {
    std::fprintf(stderr, "the bot was not ready in 600 s:\n%s\n", tb::test::read_file(log).c_str());
    ::kill(bot, SIGKILL);
    return 1;
  }

  const auto t0 = steady::now();
  const double end_s = o.sim_hours * real_per_sim_hour;
  std::vector<sample_row> samples;
  std::vector<reload_row> reloads;
  std::map<std::int64_t, scan_row> scans;  // by finished_ms
  std::size_t api_errors = 0;
  double next_sample = 0;
  double next_reload = real_per_sim_hour;
  double next_report = 0;
  while (seconds_since(t0) < end_s) {
    const double now = seconds_since(t0);
    if (now >= next_sample) {
      next_sample += o.sample_every_s;
      const auto proc = tb::bench::sample_process(bot);
      if (!proc) {
        std::fprintf(stderr, "the bot exited during the soak:\n%s\n", tb::test::read_file(log).c_str());
        return 1;
      }
      samples.push_back({now / real_per_sim_hour, *proc});
      try {
        const auto status = call(port, http::verb::get, "/api/status");
        if (const auto& s = status.at("last_scan"); !s.is_null()) {
          scans[s.at("finished_ms").get<std::int64_t>()] = {s.at("duration_ms").get<double>(),
                                                              s.at("ok").get<bool>()};
        }
      } catch (const std::exception& e) {
        ++api_errors;
        std::fprintf(stderr, "status: %s\n", e.what());
      }
      if (now >= next_report) {
        next_report += real_per_sim_hour;
        std::printf("  sim %5.2f h  RSS %6.1f MB  threads %ld  fds %ld  scans %zu\n",
                    now / real_per_sim_hour, static_cast<double>(proc->rss_kb) / 1024,
                    proc->threads, proc->fds, scans.size());
        std::fflush(stdout);
      }
    }
    if (now >= next_reload) {
      next_reload += real_per_sim_hour;
      reload_row r;
      r.sim_h = now / real_per_sim_hour;
      const std::string install = std::string(TB_EXECUTABLE) + " plugins install '" +
                                  TB_STRATEGY_PLUGIN + "' --plugin-dir '" +
                                  (dir / "plugins").string() + "' >> '" +
                                  (dir / "install.out").string() + "' 2>&1";
      if (const int rc = std::system(install.c_str()); rc != 0) {
        r.result = "install failed";
        r.problem = "exit status " + std::to_string(rc);
      } else {
        try {
          const auto asked = steady::now();
          const auto reply = call(port, http::verb::post, "/api/reload");
          r.call_ms = seconds_since(asked) * 1000;
          const auto& s = reply.at("strategies").at(0);
          r.result = s.at("result").get<std::string>();
          r.swap_ms = s.at("swap_ms").get<double>();
          r.old_unloaded = s.at("old_unloaded").get<bool>();
          r.problem = s.at("problem").get<std::string>();
        } catch (const std::exception& e) {
          r.result = "reload call failed";
          r.problem = e.what();
        }
      }
      reloads.push_back(r);
    }
    const double wake = std::min(next_sample, next_reload);
    const double left = wake - seconds_since(t0);
    if (left > 0) std::this_thread::sleep_for(std::chrono::duration<double>(left));
  }

  nlohmann::json stats;
  try {
    stats = call(port, http::verb::get, "/api/stats");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stats: %s\n", e.what());
  }
  const auto stop_began = steady::now();
  ::kill(bot, SIGTERM);
  int status = 0;
  ::waitpid(bot, &status, 0);
  const double stop_s = seconds_since(stop_began);
  const int bot_exit = exit_code(status);

  if (!o.samples_file.empty()) {
    std::ofstream csv(o.samples_file);
    csv << "real_s,sim_h,rss_kb,threads,fds\n";
    for (const auto& r : samples) {
      csv << r.sim_h * real_per_sim_hour << ',' << r.sim_h << ',' << r.proc.rss_kb << ',' << r.proc.threads << ','
          << r.proc.fds << '\n';
    }
  }

  // RSS over time, one row per two simulated hours.
  std::printf("\nRSS, threads and descriptors by simulated hour (mean RSS, max threads/fds):\n");
  for (double h = 0; h < o.sim_hours; h += 2) {
    const auto rows = between(samples, h, h + 2);
    if (rows.empty()) continue;
    std::printf("  %4.0f-%-4.0f h  RSS %6.1f MB  threads %3ld  fds %3ld\n", h, h + 2,
                mean_of(rows, [](const auto& p) { return p.rss_kb; }) / 1024,
                max_of(rows, [](const auto& p) { return p.threads; }),
                max_of(rows, [](const auto& p) { return p.fds; }));
  }
  const auto base = between(samples, o.warmup_hours, o.warmup_hours + 1);
  const auto last = between(samples, o.sim_hours - 1, o.sim_hours + 1);
  const auto after = between(samples, o.warmup_hours, o.sim_hours + 1);
  const auto rss = [](const tb::bench::proc_sample& p) { return p.rss_kb; };
  const auto threads = [](const tb::bench::proc_sample& p) { return p.threads; };
  const auto fds = [](const tb::bench::proc_sample& p) { return p.fds; };
  const double rss_base = mean_of(base, rss);
  const double rss_last = mean_of(last, rss);
  const double growth = rss_base > 0 ? (rss_last / rss_base - 1) * 100 : 0;
  const double peak_growth = rss_base > 0 ? (static_cast<double>(max_of(after, rss)) / rss_base - 1) * 100 : 0;

  std::vector<double> durations;
  std::size_t failed_scans = 0;
  for (const auto& [finished, s] : scans) {
    if (s.ok) durations.push_back(s.duration_ms);
    else ++failed_scans;
  }
  std::sort(durations.begin(), durations.end());
  std::vector<double> swaps;
  std::vector<double> calls;
  std::size_t reloaded = 0;
  for (const auto& r : reloads) {
    if (r.result == "reloaded" && r.old_unloaded) {
      ++reloaded;
      swaps.push_back(r.swap_ms);
      calls.push_back(r.call_ms);
    } else {
      std::printf("  reload at sim %.2f h: %s%s%s\n", r.sim_h, r.result.c_str(),
                  r.old_unloaded ? "" : " (old copy not unloaded)",
                  r.problem.empty() ? "" : (": " + r.problem).c_str());
    }
  }
  std::sort(swaps.begin(), swaps.end());
  std::sort(calls.begin(), calls.end());
  const double missed = stats.is_null() ? -1 : stats["scans"].value("missed", -1.0);
  const double stats_scans = stats.is_null() ? -1 : stats["scans"].value("count", -1.0);
  const double stats_failures = stats.is_null() ? -1 : stats["scans"].value("failures", -1.0);
  const auto expected_scans =
      static_cast<long>(std::floor(seconds_since(t0) / o.scan_every_s));

  std::printf("\nRSS: %.1f MB in the hour after warm-up (sim %.0f-%.0f h), %.1f MB in the last "
              "hour: growth %.2f %% (peak %.2f %% above)\n",
              rss_base / 1024, o.warmup_hours, o.warmup_hours + 1, rss_last / 1024, growth,
              peak_growth);
  std::printf("descriptors: max %ld after warm-up, %ld in the last hour, %ld at any time\n",
              max_of(base, fds), max_of(last, fds), max_of(samples, fds));
  std::printf("threads: max %ld after warm-up, %ld in the last hour, %ld at any time\n",
              max_of(base, threads), max_of(last, threads), max_of(samples, threads));
  std::printf("scans: %zu seen by the bench (%zu ok, %zu failed), %ld due in %.0f s; the bot "
              "counted %.0f scans, %.0f failed, %.0f missed\n",
              scans.size(), durations.size(), failed_scans, expected_scans, seconds_since(t0),
              stats_scans, stats_failures, missed);
  std::printf("scan latency (ok scans): p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms\n",
              percentile(durations, 50), percentile(durations, 90), percentile(durations, 99),
              durations.empty() ? 0.0 : durations.back());
  std::printf("hot reloads: %zu asked, %zu reloaded with the old copy unloaded; swap p50 %.3f ms, "
              "max %.3f ms; POST /api/reload round trip p50 %.0f ms, max %.0f ms\n",
              reloads.size(), reloaded, percentile(swaps, 50), swaps.empty() ? 0.0 : swaps.back(),
              percentile(calls, 50), calls.empty() ? 0.0 : calls.back());
  if (!stats.is_null()) {
    std::printf("data: %s\nerrors per minute at the end: %s\n", stats["data"].dump().c_str(),
                stats["errors"].dump().c_str());
  }
  std::printf("admin API calls that failed: %zu\nstop: SIGTERM -> exit %d in %.2f s\n", api_errors,
              bot_exit, stop_s);

  std::vector<std::string> missed_targets;
  if (growth >= 5) missed_targets.push_back("RSS grew 5 % or more after warm-up");
  if (max_of(last, fds) > max_of(base, fds)) missed_targets.push_back("descriptors grew");
  if (max_of(last, threads) > max_of(base, threads)) missed_targets.push_back("threads grew");
  if (swaps.empty() || swaps.back() > 50) missed_targets.push_back("a swap over 50 ms, or none");
  if (reloaded != reloads.size()) missed_targets.push_back("a reload did not complete");
  if (missed != 0) missed_targets.push_back("missed scans");
  if (bot_exit != 0) missed_targets.push_back("the stop did not exit 0");
  for (const auto& m : missed_targets) std::printf("TARGET MISSED: %s\n", m.c_str());
  if (missed_targets.empty()) std::printf("every target met\n");

  fs::current_path(fs::temp_directory_path());
  if (!o.keep && missed_targets.empty()) fs::remove_all(dir);
  return missed_targets.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tb_bench_soak: %s\n", e.what());
    return 2;
  }
}
