#pragma once
// The settings a verb runs with: the YAML file loaded and validated, every diagnostic printed
// to `err` (warnings too), and on failure one closing line naming the file. Shared by run,
// backtest and download, so they all speak of a bad file the same way.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string_view>

#include "config/settings.hpp"

namespace tb::host {

// nullopt when the file is not a valid configuration (the caller exits with exit_config).
// `verb` prefixes the closing line ("tradingbot", "tradingbot download").
std::optional<bot_settings> load_command_settings(const std::filesystem::path& file,
                                                  std::string_view verb, std::ostream& err);

}  // namespace tb::host
