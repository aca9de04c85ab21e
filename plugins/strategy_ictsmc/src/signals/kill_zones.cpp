#include "signals/kill_zones.hpp"

#include <stdexcept>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

struct zone_name {
  const char* id;
  const char* session;  // the reference's name
};

constexpr zone_name zone_names[] = {
    {"asian", "Asian kill zone"},
    {"london_open", "London open kill zone"},
    {"new_york", "New York kill zone"},
    {"london_close", "london close kill zone"},
};

constexpr std::int64_t ms_per_minute = 60'000;
constexpr std::int64_t minutes_per_day = 1'440;

}  // namespace

kill_zones::kill_zones(const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    const zone_name* found = nullptr;
    std::string known;
    for (const zone_name& z : zone_names) {
      if (id == z.id) found = &z;
      known += std::string(known.empty() ? "" : ", ") + z.id;
    }
    if (found == nullptr) {
      throw std::invalid_argument("unknown kill zone \"" + id + "\" (known: " + known + ")");
    }
    const auto bounds = session_minutes(found->session);
    zones_.push_back({id, bounds->first, bounds->second});
  }
}

std::string_view kill_zones::zone_at(std::int64_t time_ms) const noexcept {
  std::int64_t minute = time_ms / ms_per_minute;
  if (time_ms % ms_per_minute < 0) --minute;
  minute %= minutes_per_day;
  if (minute < 0) minute += minutes_per_day;
  for (const zone& z : zones_) {
    const bool inside = z.start < z.end ? (z.start <= minute && minute <= z.end)
                                        : (minute >= z.start || minute <= z.end);
    if (inside) return z.id;
  }
  return {};
}

}  // namespace tb::ictsmc
