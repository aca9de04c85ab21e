#include "server/server_options.hpp"

#include <functional>
#include <map>
#include <stdexcept>

namespace tb::fake {

std::string usage() {
  return R"(fake-binance: a local Binance USD-M futures simulator (REST + websocket) on 127.0.0.1

Usage: fake-binance [flags]
  --port N              TCP port; 0 picks a free one (default 0). The first stdout line is
                        "listening 127.0.0.1:PORT".
  --api-key K           the one accepted API key (default fake-api-key)
  --api-secret S        its HMAC secret (default fake-api-secret)
  --symbols N           TRADING USDT perpetuals listed (default 650), plus 7 entries to filter out
  --seed S              market and fault seed (default 1)
  --speed X             simulated time runs X times real time (default 1)
  --start-time MS       simulated clock start, epoch ms (default: now)
  --threads N           io threads (default 2)
  --prewarm-hours H     build the last H closed hour bars of every symbol before listening,
                        so the first klines requests are served from the cache (default 0)
  --weight-limit W      request weight per IP per minute (default 2400)
  --ban-seconds S       first 418 ban length, doubling per ban up to 3 days (default 120)
  --order-limit-10s N   orders per account per 10 s (default 300)
  --order-limit-1m N    orders per account per minute (default 1200)
  --latency-ms L        delay before every Binance answer (default 0)
  --error-rate P        probability of a 503 answer (default 0)
  --timeout-rate P      probability of holding a request 30 s then closing (default 0)
  --reset-rate P        probability of a TCP reset instead of an answer (default 0)
  --malformed-rate P    probability of a truncated JSON body (default 0)
  --clock-skew-ms MS    offset added to the server clock (default 0)
  --kline-push-ms MS    websocket kline push period (default 250)
  --ws-max-streams N    streams per websocket connection (default 200)
  --ws-max-msg-rate N   client messages per second before the server closes (default 10)
  --ws-ping-ms MS       server ping period (default 180000)
  --ws-pong-timeout-ms MS  close when no pong for this long (default 600000)
  --ws-lifetime-ms MS   forced close after this long (default 86400000)
  --balance USDT        starting wallet balance (default 10000)
  --taker-fee F         (default 0.0005)   --maker-fee F (default 0.0002)
  --slippage-bps B      market order slippage (default 1)
  --help                this text
)";
}

parse_result parse_options(const std::vector<std::string>& args) {
  server_options o;
  using setter = std::function<void(const std::string&)>;
  const auto i64 = [](std::int64_t& f) { return setter([&f](const std::string& v) { f = std::stoll(v); }); };
  const auto dbl = [](double& f) { return setter([&f](const std::string& v) { f = std::stod(v); }); };
  const auto int_ = [](int& f) { return setter([&f](const std::string& v) { f = std::stoi(v); }); };
  const std::map<std::string, setter> flags{
      {"--port", [&o](const std::string& v) { o.port = static_cast<std::uint16_t>(std::stoul(v)); }},
      {"--api-key", [&o](const std::string& v) { o.api_key = v; }},
      {"--api-secret", [&o](const std::string& v) { o.api_secret = v; }},
      {"--symbols", int_(o.symbols)},
      {"--seed", [&o](const std::string& v) { o.seed = std::stoull(v); }},
      {"--speed", dbl(o.speed)},
      {"--start-time", i64(o.start_time_ms)},
      {"--threads", int_(o.threads)},
      {"--prewarm-hours", i64(o.prewarm_hours)},
      {"--weight-limit", i64(o.weight_limit)},
      {"--ban-seconds", i64(o.ban_seconds)},
      {"--order-limit-10s", i64(o.order_limit_10s)},
      {"--order-limit-1m", i64(o.order_limit_1m)},
      {"--latency-ms", i64(o.latency_ms)},
      {"--error-rate", dbl(o.error_rate)},
      {"--timeout-rate", dbl(o.timeout_rate)},
      {"--reset-rate", dbl(o.reset_rate)},
      {"--malformed-rate", dbl(o.malformed_rate)},
      {"--clock-skew-ms", i64(o.clock_skew_ms)},
      {"--kline-push-ms", i64(o.kline_push_ms)},
      {"--ws-max-streams", int_(o.ws_max_streams)},
      {"--ws-max-msg-rate", int_(o.ws_max_messages_per_second)},
      {"--ws-ping-ms", i64(o.ws_ping_interval_ms)},
      {"--ws-pong-timeout-ms", i64(o.ws_pong_timeout_ms)},
      {"--ws-lifetime-ms", i64(o.ws_max_lifetime_ms)},
      {"--balance", dbl(o.balance)},
      {"--taker-fee", dbl(o.taker_fee)},
      {"--maker-fee", dbl(o.maker_fee)},
      {"--slippage-bps", dbl(o.slippage_bps)},
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") return {std::nullopt, usage(), 0};
    std::string name = a;
    std::string value;
    const auto eq = a.find('=');
    if (eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    const auto it = flags.find(name);
    if (it == flags.end()) return {std::nullopt, "fake-binance: unknown flag " + a + "\n" + usage(), 2};
    if (eq == std::string::npos) {
      if (i + 1 >= args.size()) return {std::nullopt, "fake-binance: " + a + " needs a value\n", 2};
      value = args[++i];
    }
    try {
      it->second(value);
    } catch (const std::exception&) {
      return {std::nullopt, "fake-binance: bad value '" + value + "' for " + name + "\n", 2};
    }
  }
  if (o.symbols < 1 || o.threads < 1 || o.speed <= 0 || o.weight_limit < 1)
    return {std::nullopt, "fake-binance: --symbols, --threads, --speed and --weight-limit must be positive\n", 2};
  return {o, "", 0};
}

}  // namespace tb::fake
