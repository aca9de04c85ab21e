#pragma once
// Faults the admin API (or start flags) arms: extra latency, 5xx answers, held requests,
// connection resets, malformed bodies, and orders executed with their answer lost. A fault
// fires either for the next `count` matching requests or with probability `rate`, on requests
// whose path starts with `path` (empty: every Binance route). Thread-safe.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/rng.hpp"

namespace tb::fake {

enum class fault_kind { error_5xx, timeout, reset, malformed };

std::optional<fault_kind> parse_fault_kind(const std::string& name);
std::string to_string(fault_kind kind);

struct fault_rule {
  fault_kind kind = fault_kind::error_5xx;
  double rate = 0;          // probability per matching request, when count == 0
  std::int64_t count = 0;   // fire for the next `count` matching requests
  std::string path;         // path prefix, empty = all
  int status = 503;         // for error_5xx
  std::int64_t hold_ms = 30000;  // for timeout: how long to hold before closing
};

class fault_injector {
 public:
  explicit fault_injector(std::uint64_t seed) : rng_(seed) {}

  void add(const fault_rule& rule);
  // The first armed rule that fires for this path, consuming one of its count.
  std::optional<fault_rule> roll(const std::string& path);

  void set_latency_ms(std::int64_t ms);
  std::int64_t latency_ms();
  void arm_lost_order_responses(std::int64_t count);
  bool take_lost_order_response();

  std::vector<fault_rule> rules();
  void reset();

 private:
  std::mutex mutex_;
  rng rng_;
  std::vector<fault_rule> rules_;
  std::int64_t latency_ms_ = 0;
  std::int64_t lost_orders_ = 0;
};

}  // namespace tb::fake
