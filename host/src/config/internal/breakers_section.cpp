#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

// Applies the keys `f` gives on top of `out`.
void read_breaker(reader& r, const field& f, breaker_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  map_reader section(r, f);
  section.allow_only({"consecutive_failures", "failure_rate", "window_calls", "minimum_calls",
                      "cooldown", "half_open_probes"});
  if (auto v = section.get("consecutive_failures")) {
    read_integer<std::uint32_t>(r, *v, 1, 1000, out.consecutive_failures);
  }
  if (auto v = section.get("failure_rate")) read_number(r, *v, 0.01, 1.0, out.failure_rate);
  if (auto v = section.get("window_calls")) {
    read_integer<std::uint32_t>(r, *v, 1, 10'000, out.window_calls);
  }
  if (auto v = section.get("minimum_calls")) {
    read_integer<std::uint32_t>(r, *v, 1, 10'000, out.minimum_calls);
  }
  if (auto v = section.get("cooldown"))
    read_duration(r, *v, milliseconds{100}, hours{1}, out.cooldown);
  if (auto v = section.get("half_open_probes")) {
    read_integer<std::uint32_t>(r, *v, 1, 100, out.half_open_probes);
  }
  // The values may come from the environment, so the message names the keys, not values.
  const auto minimum = section.get("minimum_calls");
  const auto window = section.get("window_calls");
  if ((minimum || window) && out.minimum_calls > out.window_calls) {
    r.error(minimum ? minimum->value.Mark() : window->value.Mark(),
            f.path + ": minimum_calls must not be greater than window_calls" +
                (minimum ? "" : "; set minimum_calls here too"));
  }
}

}  // namespace

void read_circuit_breakers(reader& r, const field& f, circuit_breaker_settings& out) {
  map_reader section(r, f);
  section.allow_only({"default", "overrides"});
  if (auto v = section.get("default")) read_breaker(r, *v, out.defaults);
  const auto overrides = section.get("overrides");
  if (!overrides) return;
  map_reader named(r, *overrides);
  for (const auto& [name, value] : named.entries()) {
    if (!is_object_name(name)) {
      r.error(value.key_mark, overrides->path + ": breaker name '" + name +
                                  "' may hold only letters, digits, '_', '.' and '-'");
      continue;
    }
    breaker_settings merged = out.defaults;
    read_breaker(r, value, merged);
    out.overrides[name] = merged;
  }
}

}  // namespace tb::host::config_internal
