// Reading a YAML configuration file into validated bot_settings.
//
//   auto result = tb::host::load_settings("config/live.yaml");
//   if (!result.ok()) {
//     for (const auto& d : result.diagnostics) std::cerr << format_diagnostic(d) << '\n';
//     return 2;
//   }
//   const bot_settings& settings = *result.settings;
//
// Every problem in the file is reported in one pass, each with its line and column. Warnings
// may accompany valid settings. Nothing here throws for a bad file; only std::bad_alloc
// escapes.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.hpp"
#include "config/settings.hpp"

namespace tb::host {

// Looks up an environment variable for ${NAME}; std::nullopt when it is not set.
using env_lookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
env_lookup process_environment();

struct load_result {
  std::optional<bot_settings> settings;  // set exactly when no diagnostic is an error
  std::vector<diagnostic> diagnostics;   // errors and warnings, in file order

  bool ok() const { return settings.has_value(); }
};

// Loads the file at `path`. Relative paths inside it resolve against its directory.
load_result load_settings(const std::filesystem::path& path);
load_result load_settings(const std::filesystem::path& path, const env_lookup& env);

// Loads YAML held in memory (an embedded default). `file_name` names it in diagnostics and
// in bot_settings::source_file; relative paths inside it resolve against `base_dir`.
load_result load_settings_text(std::string_view yaml, const std::string& file_name,
                               const std::filesystem::path& base_dir, const env_lookup& env);

}  // namespace tb::host
