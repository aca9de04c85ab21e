// Typed reads of one field. Each reports any problem at the field's position, in the form
// "<path>: expected <what is allowed>, got <value as written>", and leaves `out` unchanged
// then, so the caller's default stays in place and reading carries on.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/internal/enum_names.hpp"
#include "config/internal/reader.hpp"

namespace tb::host::config_internal {

bool read_bool(reader& r, const field& f, bool& out);

bool read_integer(reader& r, const field& f, std::int64_t min, std::int64_t max, std::int64_t& out);

template <class Int>
bool read_integer(reader& r, const field& f, Int min, Int max, Int& out) {
  std::int64_t value = 0;
  if (!read_integer(r, f, static_cast<std::int64_t>(min), static_cast<std::int64_t>(max), value)) {
    return false;
  }
  out = static_cast<Int>(value);
  return true;
}

// A finite number in [min, max]; infinite bounds mean no limit on that side.
bool read_number(reader& r, const field& f, double min, double max, double& out);

bool read_duration(reader& r, const field& f, std::chrono::milliseconds min,
                   std::chrono::milliseconds max, std::chrono::milliseconds& out);

// A name `allowed` accepts. Returns the scalar too, so a message about the name (a
// duplicate, say) can quote it with shown() and never print a value from the environment.
std::optional<scalar> read_name(reader& r, const field& f, std::string_view allowed_description,
                                bool (*allowed)(std::string_view), std::string& out);

// A non-empty path, as written (resolved later against the right directory).
bool read_path(reader& r, const field& f, std::filesystem::path& out);

// One of `names`; suggests the closest when the value was written in the file.
bool read_enum_name(reader& r, const field& f, const std::vector<std::string_view>& names,
                    std::size_t& index);

template <class Enum, std::size_t N>
bool read_enum(reader& r, const field& f, const std::array<enum_name<Enum>, N>& names, Enum& out) {
  std::vector<std::string_view> spelled;
  for (const auto& entry : names) spelled.push_back(entry.name);
  std::size_t index = 0;
  if (!read_enum_name(r, f, spelled, index)) return false;
  out = names[index].value;
  return true;
}

// "one of demo, paper, live"
template <class Enum, std::size_t N>
std::string one_of(const std::array<enum_name<Enum>, N>& names) {
  std::string out = "one of ";
  for (std::size_t i = 0; i < N; ++i) out += (i ? ", " : "") + std::string(names[i].name);
  return out;
}

// Character classes for read_name.
bool is_plugin_name(std::string_view text);  // [a-z0-9_]+, the descriptor id rule
bool is_object_name(std::string_view text);  // [A-Za-z0-9_.-]+: buckets, breakers, rules
bool is_metric_name(std::string_view text);  // [A-Za-z_:][A-Za-z0-9_:]*

}  // namespace tb::host::config_internal
