#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

void read_cache(reader& r, const field& f, cache_settings& out) {
  using std::chrono::hours;
  using std::chrono::milliseconds;
  map_reader section(r, f);
  section.allow_only({"default_ttl", "max_entries", "max_size_mb"});
  if (auto v = section.get("default_ttl")) {
    read_duration(r, *v, milliseconds{100}, hours{24}, out.default_ttl);
  }
  if (auto v = section.get("max_entries")) {
    read_integer<std::uint64_t>(r, *v, 1, 100'000'000, out.max_entries);
  }
  if (auto v = section.get("max_size_mb")) {
    read_integer<std::uint32_t>(r, *v, 1, 65'536, out.max_size_mb);
  }
}

}  // namespace tb::host::config_internal
