#pragma once

// Listing what is in the plugin directories: backs `tradingbot plugins list`.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plugin/plugin_error.hpp"
#include "plugin/plugin_info.hpp"

namespace tb::host {

// One *.so file: either what the plugin says about itself, or the exact problem.
struct catalog_entry {
  std::filesystem::path path;
  std::optional<plugin_info> info;   // set when the file loads and validates
  std::optional<plugin_errc> error;  // set otherwise, with problem
  std::string problem;
  // Set when an earlier directory holds a file of the same name: find_plugin() picks that one.
  std::filesystem::path shadowed_by;

  bool ok() const noexcept { return info.has_value(); }
};

struct plugin_catalog {
  std::vector<std::filesystem::path> directories;  // searched, in order
  std::vector<std::string> notes;                  // directories that are missing or unreadable
  std::vector<catalog_entry> entries;              // directory order, then file name order
};

// Loads and validates one file without creating an instance; never throws plugin_error.
// Exchange and notifier libraries loaded here stay resident like any other (see
// plugin_library).
catalog_entry inspect_plugin(const std::filesystem::path& file);

// Every *.so file directly in each directory.
plugin_catalog list_plugins(std::span<const std::filesystem::path> directories);

// Human-readable listing: per plugin its id, kind, version, ABI, build info, description and
// path with "OK", or the file name with the exact problem.
void print_catalog(std::ostream& out, const plugin_catalog& catalog);

}  // namespace tb::host
