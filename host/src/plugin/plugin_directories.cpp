#include "plugin/plugin_directories.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <string>
#include <system_error>

#include "plugin/plugin_error.hpp"
#include "plugin/plugin_info.hpp"

#ifndef TB_PLUGIN_DIR_FROM_PREFIX
// The plugin directory relative to the install prefix, from CMake's TB_PLUGIN_INSTALL_DIR.
#error "TB_PLUGIN_DIR_FROM_PREFIX must be defined by the build"
#endif

namespace tb::host {

namespace fs = std::filesystem;

std::vector<fs::path> default_plugin_directories() {
  const fs::path executable = boost::dll::program_location();
  return {(executable.parent_path() / ".." / TB_PLUGIN_DIR_FROM_PREFIX).lexically_normal()};
}

std::vector<fs::path> plugin_search_path(std::span<const fs::path> command_line,
                                         std::span<const fs::path> configured) {
  std::vector<fs::path> result;
  auto add = [&](const fs::path& directory) {
    const fs::path normal = directory.lexically_normal();
    if (std::find(result.begin(), result.end(), normal) == result.end()) result.push_back(normal);
  };
  for (const fs::path& d : command_line) add(d);
  for (const fs::path& d : configured) add(d);
  for (const fs::path& d : default_plugin_directories()) add(d);
  return result;
}

fs::path find_plugin(std::string_view name, std::span<const fs::path> directories) {
  if (!is_valid_plugin_id(name)) {
    throw plugin_error(plugin_errc::bad_descriptor, {},
                       "plugin name '" + std::string(name) +
                           "' is not a valid plugin id: use only a-z, 0-9 and _ (it is the file "
                           "name without .so)");
  }
  const std::string file = std::string(name) + ".so";
  std::string searched;
  for (const fs::path& directory : directories) {
    std::error_code ec;
    const fs::path candidate = directory / file;
    std::string note;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!fs::is_directory(directory, ec)) {
      note = " (no such directory)";
    } else if (fs::exists(candidate, ec)) {
      note = " (" + file + " is not a regular file)";
    }
    searched += (searched.empty() ? "" : ", ") + directory.string() + note;
  }
  if (searched.empty()) searched = "no directories";
  throw plugin_error(plugin_errc::not_found, {},
                     "plugin '" + std::string(name) + "' not found: no " + file +
                         " in any plugin directory; searched: " + searched +
                         ". Add a directory with --plugin-dir or plugins.directories in the "
                         "configuration file");
}

}  // namespace tb::host
