// read_options::interval_ms: whether a row is a candle of the expected interval.
#pragma once

#include <cstdint>
#include <string>

namespace tb::candle_files::internal {

// What is wrong with the open time, or "" when it is a multiple of interval_ms.
std::string off_grid(std::int64_t open_ms, std::int64_t interval_ms);

// What is wrong with the close time, or "" when it is open_ms + interval_ms - 1.
std::string wrong_close_time(std::int64_t open_ms, std::int64_t close_ms, std::int64_t interval_ms);

}  // namespace tb::candle_files::internal
