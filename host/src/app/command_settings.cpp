#include "app/command_settings.hpp"

#include "config/diagnostic.hpp"
#include "config/load_settings.hpp"

namespace tb::host {

std::optional<bot_settings> load_command_settings(const std::filesystem::path& file,
                                                  std::string_view verb, std::ostream& err) {
  auto loaded = load_settings(file);
  for (const auto& d : loaded.diagnostics) err << format_diagnostic(d) << '\n';
  if (!loaded.ok()) {
    err << verb << ": " << file.string() << " is not a valid configuration; nothing was started\n";
    return std::nullopt;
  }
  return std::move(*loaded.settings);
}

}  // namespace tb::host
