#pragma once
// Everything `fake-binance` can be started with; every field has a command-line flag.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fake_common/parse_result.hpp"

namespace tb::fake {

struct server_options {
  std::uint16_t port = 0;  // 0: the OS picks
  std::string api_key = "fake-api-key";
  std::string api_secret = "fake-api-secret";
  int symbols = 650;
  std::uint64_t seed = 1;
  double speed = 1.0;
  std::int64_t start_time_ms = -1;  // simulated clock start; -1: now
  int threads = 2;
  std::int64_t prewarm_hours = 0;  // closed hour bars per symbol built at start-up

  std::int64_t weight_limit = 2400;
  std::int64_t ban_seconds = 120;
  std::int64_t order_limit_10s = 300;
  std::int64_t order_limit_1m = 1200;

  std::int64_t latency_ms = 0;
  double error_rate = 0;
  double timeout_rate = 0;
  double reset_rate = 0;
  double malformed_rate = 0;
  std::int64_t clock_skew_ms = 0;

  std::int64_t kline_push_ms = 250;
  int ws_max_streams = 200; // issue #3; Binance now documents 1024
  int ws_max_messages_per_second = 10;
  std::int64_t ws_ping_interval_ms = 180'000;
  std::int64_t ws_pong_timeout_ms = 600'000;
  std::int64_t ws_max_lifetime_ms = 86'400'000;

  // Account side.
  double balance = 10'000;
  double taker_fee = 0.0005;
  double maker_fee = 0.0002;
  double slippage_bps = 1.0;
};

using parse_result = fake_common::parse_result<server_options>;

parse_result parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace tb::fake
