// Deadlines as the ABI takes them: nanoseconds on the monotonic clock.
#pragma once

#include <chrono>
#include <cstdint>

namespace tb::binance::testing {

inline std::int64_t deadline_in(std::chrono::milliseconds ms) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             (std::chrono::steady_clock::now() + ms).time_since_epoch()).count();
}

}  // namespace tb::binance::testing
