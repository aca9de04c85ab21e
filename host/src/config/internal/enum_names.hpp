// The YAML spelling of every settings enum, shared by the parser and to_string().
#pragma once

#include <array>
#include <string_view>

#include "config/settings.hpp"

namespace tb::host::config_internal {

template <class Enum>
struct enum_name {
  std::string_view name;
  Enum value;
};

inline constexpr std::array<enum_name<run_mode>, 4> run_mode_names{{
    {"demo", run_mode::demo},
    {"paper", run_mode::paper},
    {"live", run_mode::live},
    {"backtest", run_mode::backtest},
}};

inline constexpr std::array<enum_name<log_level>, 6> log_level_names{{
    {"trace", log_level::trace},
    {"debug", log_level::debug},
    {"info", log_level::info},
    {"warn", log_level::warn},
    {"error", log_level::error},
    {"critical", log_level::critical},
}};

inline constexpr std::array<enum_name<log_format>, 2> log_format_names{{
    {"text", log_format::text},
    {"json", log_format::json},
}};

inline constexpr std::array<enum_name<plugin_kind>, 3> plugin_kind_names{{
    {"exchange", plugin_kind::exchange},
    {"strategy", plugin_kind::strategy},
    {"notifier", plugin_kind::notifier},
}};

inline constexpr std::array<enum_name<severity_level>, 3> alert_severity_names{{
    {"info", severity_level::info},
    {"warning", severity_level::warning},
    {"critical", severity_level::critical},
}};

inline constexpr std::array<enum_name<reload_mode>, 2> reload_mode_names{{
    {"manual", reload_mode::manual},
    {"watch", reload_mode::watch},
}};

template <class Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<enum_name<Enum>, N>& names, Enum value) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return "unknown";
}

}  // namespace tb::host::config_internal
