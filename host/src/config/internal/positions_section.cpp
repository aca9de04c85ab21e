#include <chrono>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

void read_positions(reader& r, const field& f, position_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  map_reader section(r, f);
  section.allow_only(
      {"check_every", "follow_for", "break_even_at_r", "trailing_stop_r", "max_hold"});
  if (auto v = section.get("check_every")) read_duration(r, *v, seconds{1}, hours{1}, out.check_every);
  if (auto v = section.get("follow_for")) {
    read_duration(r, *v, milliseconds{0}, hours{30 * 24}, out.follow_for);
  }
  if (auto v = section.get("break_even_at_r")) read_number(r, *v, 0, 100, out.break_even_at_r);
  if (auto v = section.get("trailing_stop_r")) read_number(r, *v, 0, 100, out.trailing_stop_r);
  if (auto v = section.get("max_hold")) {
    read_duration(r, *v, milliseconds{0}, hours{90 * 24}, out.max_hold);
  }
}

}  // namespace tb::host::config_internal
