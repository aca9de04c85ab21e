#include <map>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/settings_json.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

constexpr std::string_view plugin_name_rule =
    "a plugin name: lower-case letters, digits and '_', the file name without '.so'";

struct first_use {
  std::string path;
  int line;
};

void read_entry(reader& r, const field& f, std::map<std::string, first_use>& seen,
                std::vector<plugin_entry>& out) {
  map_reader entry(r, f);
  if (!entry.is_map()) return;
  entry.allow_only({"name", "kind", "optional", "settings"});
  plugin_entry plugin;
  bool ok = false;
  if (auto v = entry.require("name", plugin_name_rule)) {
    const auto name = read_name(r, *v, plugin_name_rule, is_plugin_name, plugin.name);
    ok = name.has_value();
    if (ok) {
      const auto [it, fresh] =
          seen.emplace(plugin.name, first_use{v->path, v->value.Mark().line + 1});
      if (!fresh) {
        r.error(v->value.Mark(), v->path + ": plugin " + name->shown() + " is already loaded by " +
                                     it->second.path + " (line " + std::to_string(it->second.line) +
                                     "); each plugin may be loaded once");
        ok = false;
      }
    }
  }
  if (auto v = entry.get("kind")) {
    plugin_kind kind = plugin_kind::exchange;
    if (read_enum(r, *v, plugin_kind_names, kind)) plugin.kind = kind;
  }
  if (auto v = entry.get("optional")) read_bool(r, *v, plugin.optional);
  if (auto v = entry.get("settings")) {
    if (auto json = settings_to_json(r, *v)) plugin.settings = std::move(*json);
  }
  if (ok) out.push_back(std::move(plugin));
}

}  // namespace

void read_plugins(reader& r, const field& f, plugins_settings& out) {
  map_reader section(r, f);
  section.allow_only({"directories", "load"});
  if (auto v = section.get("directories")) {
    if (auto items = read_list(r, *v, "directories")) {
      for (const field& item : *items) {
        std::filesystem::path dir;
        if (read_path(r, item, dir)) out.directories.push_back(std::move(dir));
      }
    }
  }
  if (auto v = section.get("load")) {
    if (auto items = read_list(r, *v, "plugins to load")) {
      std::map<std::string, first_use> seen;
      for (const field& item : *items) read_entry(r, item, seen, out.load);
    }
  }
}

}  // namespace tb::host::config_internal
