#include "services/interval.hpp"

#include <array>
#include <utility>

namespace tb::host {

std::int64_t interval_ms(std::string_view code) noexcept {
  constexpr std::int64_t minute = 60'000;
  constexpr std::array<std::pair<std::string_view, std::int64_t>, 15> table{{
      {"1m", minute},           {"3m", 3 * minute},       {"5m", 5 * minute},
      {"15m", 15 * minute},     {"30m", 30 * minute},     {"1h", 60 * minute},
      {"2h", 120 * minute},     {"4h", 240 * minute},     {"6h", 360 * minute},
      {"8h", 480 * minute},     {"12h", 720 * minute},    {"1d", 1440 * minute},
      {"3d", 3 * 1440 * minute}, {"1w", 7 * 1440 * minute}, {"1M", 30 * 1440 * minute},
  }};
  for (const auto& [name, ms] : table) {
    if (name == code) return ms;
  }
  return 0;
}

bool fixed_interval(std::string_view code) noexcept {
  return code != "1M" && interval_ms(code) != 0;
}

}  // namespace tb::host
