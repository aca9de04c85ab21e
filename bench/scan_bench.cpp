// tb_bench_scan: the whole kline scan of issue #3 against the fake exchange.
//
// Starts tests/fakes/fake_binance as a child process (--latency-ms 50 --symbols 648 --seed 1),
// builds the host's core services from settings the way the app does, loads the built
// exchange_binance plugin through plugin_set, and runs a data_service with batch_size 50:
//   1. cold scan: the whole universe x 200 1h klines;
//   2. warm refresh by REST after the cache TTL, then the same refresh inside the TTL (cache);
//   3. the process's VmRSS after 648 symbols x 3 intervals x 500 candles sit in the store.
// Figures are printed with their lower bounds and the targets. Timing is wall time
// on std::chrono::steady_clock.
//
//   tb_bench_scan [--weight-limit N]   (default 2400: Binance's USD-M figure)

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "http/http_client.hpp"
#include "services/data_service.hpp"

#ifndef TB_FAKE_BINANCE_PATH
#error "TB_FAKE_BINANCE_PATH must name the fake-binance executable"
#endif
#ifndef TB_EXCHANGE_PLUGIN_DIR
#error "TB_EXCHANGE_PLUGIN_DIR must name the folder of exchange_binance.so"
#endif

namespace {

using steady = std::chrono::steady_clock;

constexpr int latency_ms = 50;
constexpr int symbol_count = 648;
constexpr std::size_t batch_size = 50;
constexpr std::uint32_t cold_limit = 200;
constexpr std::uint32_t store_candles = 500;
constexpr std::chrono::milliseconds cache_ttl{2'000};

double seconds_since(steady::time_point t0) {
  return std::chrono::duration<double>(steady::now() - t0).count();
}

// The fake exchange as a child process; SIGTERM and waitpid on destruction.
class fake_exchange {
 public:
  explicit fake_exchange(std::vector<std::string> args) {
    args.insert(args.begin(), TB_FAKE_BINANCE_PATH);
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    // Only the first line matters; the fake prints nothing else on stdout that we need.
    std::string text;
    const auto deadline = steady::now() + std::chrono::seconds(30);
    while (text.find('\n') == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
      pollfd p{out[0], POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[256];
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    const std::string marker = "listening 127.0.0.1:";
    if (text.rfind(marker, 0) != 0) {
      stop();
      throw std::runtime_error("fake-binance did not print its port; output: " + text);
    }
    port_ = std::stoi(text.substr(marker.size()));
    tb::binance::endpoint e;
    e.tls = false;
    e.host = "127.0.0.1";
    e.port = std::to_string(port_);
    admin_ = std::make_unique<tb::binance::http_client>(e, 1);
  }
  ~fake_exchange() { stop(); }
  fake_exchange(const fake_exchange&) = delete;
  fake_exchange& operator=(const fake_exchange&) = delete;

  int port() const { return port_; }

  nlohmann::json admin(const char* method, const std::string& path) {
    tb::binance::http_request r;
    r.method = method;
    r.target = path;
    const auto res = admin_->send(r, steady::now() + std::chrono::seconds(30), false);
    if (res.status < 200 || res.status >= 300) {
      throw std::runtime_error("admin " + path + ": HTTP " + std::to_string(res.status));
    }
    return nlohmann::json::parse(res.body);
  }

  void stop() noexcept {
    admin_.reset();
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::unique_ptr<tb::binance::http_client> admin_;
};

// What the fake saw on /fapi/v1/klines since the last clear of its request log.
struct fake_view {
  std::size_t requests = 0;
  std::size_t status_429 = 0;
  std::size_t status_418 = 0;
  std::size_t other_errors = 0;
  std::uint64_t weight = 0;        // klines weight by the fake's table (from `limit`)
  std::int64_t max_used_1m = 0;    // highest X-MBX-USED-WEIGHT-1M it answered
};

std::uint64_t klines_weight_of(const std::string& query) {
  std::uint32_t limit = 500;  // Binance's default
  const auto at = query.find("limit=");
  if (at != std::string::npos) limit = static_cast<std::uint32_t>(std::stoul(query.substr(at + 6)));
  return tb::host::data_service::klines_weight(limit);
}

fake_view read_fake(fake_exchange& fake) {
  fake_view v;
  for (const auto& r : fake.admin("GET", "/_admin/requests")) {
    const int status = r.value("status", 0);
    v.max_used_1m = std::max<std::int64_t>(v.max_used_1m, r.value("usedWeight", std::int64_t{0}));
    if (r.value("path", std::string()) != "/fapi/v1/klines") continue;
    ++v.requests;
    if (status == 429) ++v.status_429;
    else if (status == 418) ++v.status_418;
    else if (status != 200) ++v.other_errors;
    if (status == 200) v.weight += klines_weight_of(r.value("query", std::string()));
  }
  return v;
}

long vm_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

void print_report(const char* what, const tb::host::scan_report& r, double wall_s,
                  const fake_view& f) {
  std::printf(
      "%-14s wall %.3f s (report %.3f s)  ok %zu  failed %zu  timeouts %zu  stale %zu\n"
      "%-14s requests %zu  cache hits %zu  weight (report) %llu  weight (fake) %llu  "
      "max X-MBX-USED-WEIGHT-1M %lld\n"
      "%-14s fake: klines requests %zu  429s %zu  418s %zu  other errors %zu\n",
      what, wall_s, static_cast<double>(r.duration_ns) / 1e9, r.ok.size(), r.failed.size(),
      r.timeouts(), r.stale.size(), "", r.requests, r.cache_hits,
      static_cast<unsigned long long>(r.weight), static_cast<unsigned long long>(f.weight),
      static_cast<long long>(f.max_used_1m), "", f.requests, f.status_429, f.status_418,
      f.other_errors);
  if (!r.failed.empty()) {
    std::printf("%-14s first failure: %s: %s\n", "", r.failed.front().symbol.c_str(),
                r.failed.front().status.message.c_str());
  }
}

int run(std::uint32_t weight_limit) {
  std::printf("tb_bench_scan: %d symbols, batch_size %zu, latency %d ms, weight limit %u/min\n",
              symbol_count, batch_size, latency_ms, weight_limit);

  fake_exchange fake({"--port", "0", "--latency-ms", std::to_string(latency_ms), "--symbols",
                      std::to_string(symbol_count), "--seed", "1", "--weight-limit",
                      std::to_string(weight_limit)});
  const std::string base = "127.0.0.1:" + std::to_string(fake.port());
  std::printf("fake-binance on %s\n", base.c_str());

  tb::host::bot_settings settings;
  settings.logging.level = tb::host::log_level::warn;
  settings.logging.console = true;
  settings.logging.file.clear();
  settings.rate_limits = tb::host::default_rate_limits();
  for (auto& b : settings.rate_limits) {
    if (b.name == "binance.ip_weight") b.capacity = weight_limit;
  }
  tb::host::plugin_entry entry;
  entry.name = "exchange_binance";
  entry.kind = tb::host::plugin_kind::exchange;
  entry.settings = {{"rest_url", "http://" + base}, {"ws_url", "ws://" + base}};
  settings.plugins.load.push_back(entry);

  tb::host::core_services services(settings);
  tb::host::plugin_set plugins(services, {std::filesystem::path(TB_EXCHANGE_PLUGIN_DIR)});
  plugins.load(settings.plugins.load);
  const auto exchanges = plugins.of_kind(TB_KIND_EXCHANGE);
  if (exchanges.empty()) throw std::runtime_error("exchange_binance did not load");

  tb::host::data_service_config config;
  config.batch_size = batch_size;
  config.cache_ttl = cache_ttl;
  config.lookback = store_candles;
  int rc = 0;
  {
    tb::host::data_service data(services.time(), &services.metrics(), &services.health(),
                                &services.cache(), *exchanges.front(), config);
    const auto st = data.load_universe();
    if (st.code != TB_OK) throw std::runtime_error("load_universe: " + st.message);
    const auto universe = data.universe();
    std::printf("universe: %zu symbols\n\n", universe.size());
    fake.admin("DELETE", "/_admin/requests");

    // 1. Cold scan.
    auto t0 = steady::now();
    const auto cold = data.fetch_klines_batch(universe, "1h", cold_limit);
    const double cold_s = seconds_since(t0);
    const auto cold_fake = read_fake(fake);
    print_report("cold scan", cold, cold_s, cold_fake);

    const double batches = std::ceil(static_cast<double>(universe.size()) / batch_size);
    const double latency_bound_s = batches * latency_ms / 1000.0;
    // The fake (like Binance) counts weight over a rolling minute: past `weight_limit` in
    // the first minute, the rest can only be served once the first requests age out.
    const double cold_weight = static_cast<double>(cold.weight);
    const double weight_bound_s =
        cold_weight <= weight_limit ? 0.0 : 60.0 * std::ceil(cold_weight / weight_limit - 1.0);
    const double bound_s = std::max(latency_bound_s, weight_bound_s);
    std::printf(
        "%-14s lower bound: latency ceil(%zu/%zu) x %d ms = %.3f s; weight %.0f/%u per min -> "
        "%.3f s; bound %.3f s; ratio %.2f (target <= 1.25, 429s = 0)\n\n",
        "", universe.size(), batch_size, latency_ms, latency_bound_s, cold_weight, weight_limit,
        weight_bound_s, bound_s, cold_s / bound_s);
    if (cold_fake.status_429 != 0 || !cold.failed.empty()) rc = 1;

    // 2. Warm refresh by REST, after the cache entries of the cold scan have expired.
    std::this_thread::sleep_for(cache_ttl + std::chrono::milliseconds(200));
    fake.admin("DELETE", "/_admin/requests");
    t0 = steady::now();
    const auto warm = data.fetch_klines_batch(universe, "1h", cold_limit);
    const double warm_s = seconds_since(t0);
    print_report("warm (REST)", warm, warm_s, read_fake(fake));
    std::printf("%-14s target: < 1 s (ratio %.2f), weight <= 700 (ratio %.2f)\n\n", "", warm_s,
                static_cast<double>(warm.weight) / 700.0);

    // 2b. The same refresh again inside the cache TTL: the host cache path.
    fake.admin("DELETE", "/_admin/requests");
    t0 = steady::now();
    const auto cached = data.fetch_klines_batch(universe, "1h", cold_limit);
    const double cached_s = seconds_since(t0);
    print_report("warm (cache)", cached, cached_s, read_fake(fake));
    std::printf("\n");

    // 3. RSS with 648 symbols x 3 intervals x 500 closed candles in the store. The candles
    // are merged directly (a REST load of 1944 x 500 candles costs 9720 weight: four minutes
    // of Binance's budget, which measures the limit, not the memory).
    const long rss_before = vm_rss_kb();
    const std::int64_t hour = 3'600'000;
    const std::int64_t now_ms = services.time().wall_ms();
    struct iv {
      const char* code;
      std::int64_t ms;
    };
    const iv intervals[] = {{"15m", hour / 4}, {"1h", hour}, {"4h", 4 * hour}};
    std::vector<tb_candle> candles(store_candles);
    for (const auto& name : universe) {
      const std::uint32_t id = data.symbols().intern(name);
      for (const auto& i : intervals) {
        const std::int64_t last_open = (now_ms / i.ms - 1) * i.ms;
        for (std::uint32_t k = 0; k < store_candles; ++k) {
          tb_candle& c = candles[k];
          c = tb_candle{};
          c.open_time_ms = last_open - static_cast<std::int64_t>(store_candles - 1 - k) * i.ms;
          c.close_time_ms = c.open_time_ms + i.ms - 1;
          c.open = c.high = c.low = c.close = 100.0 + k;
          c.volume = c.quote_volume = 1.0;
          c.trade_count = 1;
          c.flags = TB_CANDLE_CLOSED;
        }
        data.store().merge(id, name, i.code, candles.data(), candles.size());
      }
    }
    const long rss_after = vm_rss_kb();
    std::printf(
        "store          series %zu x %u candles (%zu B each)  VmRSS before %.1f MB, after %.1f MB "
        "(target <= 64 MB, ratio %.2f)\n",
        data.store().series_count(), store_candles, sizeof(tb_candle), rss_before / 1024.0,
        rss_after / 1024.0, rss_after / 1024.0 / 64.0);
  }
  plugins.stop_all();
  fake.stop();
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint32_t weight_limit = 2400;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--weight-limit" && i + 1 < argc) {
      weight_limit = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: tb_bench_scan [--weight-limit N]\n");
      return 2;
    }
  }
  try {
    return run(weight_limit);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tb_bench_scan: %s\n", e.what());
    return 1;
  }
}
