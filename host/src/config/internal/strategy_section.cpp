#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {

void read_strategy(reader& r, const field& f, strategy_settings& out) {
  map_reader section(r, f);
  section.allow_only({"max_signals"});
  if (auto v = section.get("max_signals")) {
    read_integer<std::uint32_t>(r, *v, 1, 100, out.max_signals);
  }
}

}  // namespace tb::host::config_internal
