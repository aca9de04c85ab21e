#include "market/interval.hpp"

namespace tb::exchange_sim {

namespace {

struct interval_info {
  std::string_view name;
  std::int64_t minutes;
};

constexpr std::array<interval_info, all_intervals.size()> infos{{{"1m", 1},
                                                                 {"3m", 3},
                                                                 {"5m", 5},
                                                                 {"15m", 15},
                                                                 {"30m", 30},
                                                                 {"1h", 60},
                                                                 {"2h", 120},
                                                                 {"4h", 240},
                                                                 {"6h", 360},
                                                                 {"8h", 480},
                                                                 {"12h", 720},
                                                                 {"1d", 1440}}};

}  // namespace

std::int64_t interval_minutes(interval iv) noexcept {
  return infos[static_cast<std::size_t>(iv)].minutes;
}

std::string_view to_string(interval iv) noexcept { return infos[static_cast<std::size_t>(iv)].name; }

std::optional<interval> parse_interval(std::string_view text) noexcept {
  for (std::size_t i = 0; i < infos.size(); ++i) {
    if (infos[i].name == text) return all_intervals[i];
  }
  return std::nullopt;
}

}  // namespace tb::exchange_sim
