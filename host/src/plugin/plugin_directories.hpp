#pragma once

// Where plugins are looked for.
//
// Resolution order, first match wins:
//   1. every --plugin-dir flag on the command line, in the order given;
//   2. the YAML file's plugins.directories, in the order listed;
//   3. default_plugin_directories(): <directory of the running executable>/../lib/tradingbot/
//      plugins. The build tree mirrors the install layout (<build>/bin/tradingbot and
//      <build>/lib/tradingbot/plugins/*.so), so the same rule finds the plugins of a build
//      and of an installation.
// plugin_search_path() builds that list; find_plugin() walks it.

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace tb::host {

// The plugin directory relative to the running executable (see above).
std::vector<std::filesystem::path> default_plugin_directories();

// command_line, then configured, then default_plugin_directories(); later duplicates of a
// directory are dropped.
std::vector<std::filesystem::path> plugin_search_path(
    std::span<const std::filesystem::path> command_line,
    std::span<const std::filesystem::path> configured);

// The path of <name>.so in the first directory that has one. Throws plugin_error
// (plugin_errc::not_found) listing every directory searched and why it had none, or
// (plugin_errc::bad_descriptor) when name is not a valid plugin id.
std::filesystem::path find_plugin(std::string_view name,
                                  std::span<const std::filesystem::path> directories);

}  // namespace tb::host
