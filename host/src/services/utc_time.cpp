#include "services/utc_time.hpp"

#include <ctime>

namespace tb::host {

std::int64_t utc_day(std::int64_t ms) noexcept {
  return ms >= 0 ? ms / day_ms : -((-ms + day_ms - 1) / day_ms);
}

std::string utc_text(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(utc_day(ms) * 86'400) +
                              static_cast<std::time_t>((ms - start_of_utc_day(ms)) / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return buffer;
}

}  // namespace tb::host
