#include "util/snowflake.hpp"

#include "util/time_format.hpp"

namespace tb::fake_discord {

namespace {
constexpr std::uint64_t worker_id = 1;
constexpr std::uint64_t process_id = 0;
}  // namespace

std::uint64_t snowflake_generator::next_value() {
  const auto ms = static_cast<std::uint64_t>(wall_ms() - discord_epoch_ms);
  const std::uint64_t fresh = (ms << 22) | (worker_id << 17) | (process_id << 12);
  std::lock_guard lock(mutex_);
  // Same millisecond (or a clock step back): bump the 12-bit increment, which carries into the
  // time bits on overflow; ids stay strictly increasing either way.
  last_ = fresh > last_ ? fresh : last_ + 1;
  return last_;
}

std::string snowflake_generator::next() { return std::to_string(next_value()); }

std::int64_t snowflake_time_ms(std::uint64_t id) { return static_cast<std::int64_t>(id >> 22) + discord_epoch_ms; }

}  // namespace tb::fake_discord
