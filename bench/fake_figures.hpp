// What tb_bench_scan reads off the fake exchange (a fake_process, shared with the plugin's
// integration tests): its request log's view of the klines requests, and CPU times.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fake_process.hpp"

namespace tb::bench {

// What the fake saw since the last clear of its request log.
struct fake_view {
  std::size_t requests = 0;      // /fapi/v1/klines
  std::size_t status_429 = 0;
  std::size_t status_418 = 0;
  std::size_t other_errors = 0;
  std::size_t other_paths = 0;   // every other Binance request (time, exchangeInfo)
  std::uint64_t weight = 0;      // klines weight by the fake's table (from `limit`)
  std::int64_t max_used_1m = 0;  // highest X-MBX-USED-WEIGHT-1M it answered
};

using fake_exchange = tb::binance::testing::fake_process;

fake_view read_fake(fake_exchange& fake);

// User + system CPU time process `pid` has used so far (from /proc/PID/stat).
double cpu_seconds(pid_t pid);

// User + system CPU time of this process so far.
double own_cpu_seconds();

}  // namespace tb::bench
