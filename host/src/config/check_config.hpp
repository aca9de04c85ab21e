// `tradingbot config check FILE`: validate a configuration file and say what is wrong.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "config/load_settings.hpp"

namespace tb::host {

// Loads `path` with the process environment and prints every diagnostic, one per line, then
// either a short summary of valid settings (mode, paths, plugins, buckets; never a value
// from the environment) or a count of the errors. Returns 0 when the file is valid (warnings
// allowed) and 2 when it is not.
int check_config_file(const std::filesystem::path& path, std::ostream& out);
// The same, reading ${VAR} from `env`.
int check_config_file(const std::filesystem::path& path, std::ostream& out, const env_lookup& env);

// The summary printed for valid settings. An item written with ${VAR}, or whose text contains
// a secret, is printed as "<hidden: from the environment>".
std::string summarize_settings(const bot_settings& settings);

}  // namespace tb::host
