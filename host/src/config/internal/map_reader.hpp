// Walks one YAML map: reports a node that is not a map, keys that are not plain strings,
// duplicate keys and unknown keys, and hands out fields by key.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/internal/reader.hpp"

namespace tb::host::config_internal {

class map_reader {
 public:
  // `f.value` should be a map; anything else is reported as "expected a map" (a missing
  // value, null, reads as an empty map only when `null_is_empty`).
  map_reader(reader& r, const field& f, bool null_is_empty = false);

  // Reports every key outside `allowed`, with a suggestion when one is close.
  void allow_only(std::initializer_list<std::string_view> allowed);

  bool is_map() const { return is_map_; }

  // The field under `key`, or nullopt when absent.
  std::optional<field> get(std::string_view key) const;
  // As get(), reporting "missing required key" at the map when absent.
  std::optional<field> require(std::string_view key, std::string_view expected);

  // Every entry in file order, without the later copies of a duplicate key.
  const std::vector<std::pair<std::string, field>>& entries() const { return entries_; }

  const std::string& path() const { return path_; }
  YAML::Mark mark() const { return mark_; }

 private:
  void collect(const YAML::Node& node);

  reader& reader_;
  std::string path_;
  YAML::Mark mark_;
  bool is_map_ = false;
  std::vector<std::pair<std::string, field>> entries_;
};

// Reads a list: reports a non-list (nullopt) and gives each item a field named path[i].
std::optional<std::vector<field>> read_list(reader& r, const field& f, std::string_view expected);

}  // namespace tb::host::config_internal
