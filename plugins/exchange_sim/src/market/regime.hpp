// The market regime that sets the drift and the volatility level of a symbol.
#pragma once

#include <cstdint>
#include <string_view>

namespace tb::exchange_sim {

enum class regime : std::uint8_t { ranging = 0, trending_up = 1, trending_down = 2 };

inline constexpr int regime_count = 3;

constexpr std::string_view to_string(regime r) noexcept {
  switch (r) {
    case regime::ranging: return "ranging";
    case regime::trending_up: return "trending_up";
    case regime::trending_down: return "trending_down";
  }
  return "?";
}

}  // namespace tb::exchange_sim
