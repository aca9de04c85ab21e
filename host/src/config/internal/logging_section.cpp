#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

void read_components(reader& r, const field& f, std::map<std::string, log_level>& out) {
  map_reader components(r, f);
  for (const auto& [name, value] : components.entries()) {
    if (!is_object_name(name)) {
      r.error(value.key_mark, f.path + ": component name '" + name +
                                  "' may hold only letters, digits, '_', '.' and '-'");
      continue;
    }
    log_level level = log_level::info;
    if (read_enum(r, value, log_level_names, level)) out[name] = level;
  }
}

}  // namespace

void read_logging(reader& r, const field& f, logging_settings& out) {
  map_reader section(r, f);
  section.allow_only(
      {"level", "console", "file", "max_file_size_mb", "max_files", "format", "components"});
  if (auto v = section.get("level")) read_enum(r, *v, log_level_names, out.level);
  if (auto v = section.get("console")) read_bool(r, *v, out.console);
  if (auto v = section.get("file")) read_path(r, *v, out.file);
  if (auto v = section.get("max_file_size_mb")) {
    read_integer<std::uint32_t>(r, *v, 1, 1024, out.max_file_size_mb);
  }
  if (auto v = section.get("max_files")) read_integer<std::uint32_t>(r, *v, 1, 100, out.max_files);
  if (auto v = section.get("format")) read_enum(r, *v, log_format_names, out.format);
  if (auto v = section.get("components")) read_components(r, *v, out.components);
}

}  // namespace tb::host::config_internal
