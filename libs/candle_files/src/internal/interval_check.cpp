#include "internal/interval_check.hpp"

#include "candle_files/candle_time.hpp"

namespace tb::candle_files::internal {

std::string off_grid(std::int64_t open_ms, std::int64_t interval_ms) {
  if (interval_ms == 0 || open_ms % interval_ms == 0) return {};
  return format_candle_time(open_ms) + " is not on the grid of the " + std::to_string(interval_ms) +
         " ms interval; open times must be whole multiples of it since the epoch";
}

std::string wrong_close_time(std::int64_t open_ms, std::int64_t close_ms,
                             std::int64_t interval_ms) {
  if (interval_ms == 0 || close_ms == open_ms + interval_ms - 1) return {};
  return "close time " + format_candle_time(close_ms) + " is not " +
         format_candle_time(open_ms + interval_ms - 1) + " (open time + " +
         std::to_string(interval_ms) + " ms - 1); is the file of another interval?";
}

}  // namespace tb::candle_files::internal
