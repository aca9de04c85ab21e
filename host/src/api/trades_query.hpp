#pragma once
// The query of GET /api/trades: `limit` (1..1000, default 100) and `since` (epoch ms >= 0).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "api/query_string.hpp"

namespace tb::host {

struct trades_query {
  static constexpr std::size_t default_limit = 100;
  static constexpr std::size_t max_limit = 1000;

  std::size_t limit = default_limit;
  std::optional<std::int64_t> since_ms;
};

// Throws std::invalid_argument naming the parameter that is unknown, repeated, not a whole
// decimal number or out of range, and quoting (a short excerpt of) what was given.
trades_query read_trades_query(const std::vector<query_param>& params);

}  // namespace tb::host
