#pragma once
// Discord snowflake ids: ((ms - 2015 epoch) << 22) | worker | process | increment, so that
// ordering by id matches creation time. Thread-safe and strictly increasing.
#include <cstdint>
#include <mutex>
#include <string>

namespace tb::fake_discord {

inline constexpr std::int64_t discord_epoch_ms = 1420070400000;

class snowflake_generator {
 public:
  std::string next();
  std::uint64_t next_value();

 private:
  std::mutex mutex_;
  std::uint64_t last_ = 0;
};

// The creation time (epoch ms) a snowflake encodes.
std::int64_t snowflake_time_ms(std::uint64_t id);

}  // namespace tb::fake_discord
