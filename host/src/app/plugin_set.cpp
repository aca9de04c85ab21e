#include "app/plugin_set.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "plugin/plugin_directories.hpp"
#include "plugin/plugin_error.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"

namespace tb::host {
namespace {

std::int32_t to_abi_kind(plugin_kind kind) {
  switch (kind) {
    case plugin_kind::exchange: return TB_KIND_EXCHANGE;
    case plugin_kind::strategy: return TB_KIND_STRATEGY;
    case plugin_kind::notifier: return TB_KIND_NOTIFIER;
  }
  return 0;
}

}  // namespace

plugin_set::plugin_set(core_services& services, std::vector<std::filesystem::path> search_path)
    : services_(services), search_path_(std::move(search_path)) {}

plugin_set::~plugin_set() { stop_all(); }

void plugin_set::load(std::span<const plugin_entry> entries) {
  auto log = services_.logs().logger_for("plugins");
  for (const auto& entry : entries) {
    plugin_outcome& outcome = outcomes_.emplace_back();
    outcome.name = entry.name;
    outcome.optional = entry.optional;
    try {
      load_one(entry, outcome);
      outcome.running = true;
    } catch (const std::exception& e) {
      outcome.problem = e.what();
      if (!entry.optional) {
        log->error("required plugin '{}' failed: {}", entry.name, outcome.problem);
        stop_all();
        throw startup_error("required plugin '" + entry.name + "' failed: " + outcome.problem);
      }
      log->warn("optional plugin '{}' skipped: {}", entry.name, outcome.problem);
    }
  }
}

void plugin_set::load_one(const plugin_entry& entry, plugin_outcome& outcome) {
  auto log = services_.logs().logger_for("plugins");
  const auto file = find_plugin(entry.name, search_path_);
  outcome.loaded_identity = identify(file);
  auto library = plugin_library::open(file, entry.name);
  outcome.info = library->info();
  log->info("loaded {}", describe(library->info()));
  if (entry.kind && to_abi_kind(*entry.kind) != library->info().kind) {
    throw plugin_error(plugin_errc::bad_descriptor, file,
                       file.string() + ": the configuration says kind '" +
                           std::string(to_string(*entry.kind)) + "', but '" + entry.name +
                           "' is a plugin of kind '" + kind_name(library->info().kind) +
                           "'; fix `kind` in the YAML or load another plugin");
  }
  auto table = std::make_unique<host_api_table>(services_.services(), entry.name,
                                                entry.settings.dump());
  auto instance = plugin_instance::create(std::move(library), table->api(), entry.name);
  // Started before it is registered: one that fails to start is destroyed right here (the
  // instance goes before its table, in reverse order of declaration).
  instance->start();
  tables_.push_back(std::move(table));
  registry_.add(std::move(instance));
  services_.health().update("plugin." + entry.name, health_state::healthy, "started");
}

std::filesystem::path plugin_set::find(std::string_view name) const {
  return find_plugin(name, search_path_);
}

const host_api_table* plugin_set::table_of(std::string_view name) const noexcept {
  for (const auto& table : tables_) {
    if (table->instance_name() == name) return table.get();
  }
  return nullptr;
}

owned_instance plugin_set::replace(std::string_view name, owned_instance next) {
  if (!next.instance || !next.table || next.instance->name() != name ||
      next.table->instance_name() != name) {
    throw plugin_error(plugin_errc::host_failure, {},
                       "plugin_set::replace: the replacement for '" + std::string(name) +
                           "' must be an instance of that name with its own table");
  }
  const auto table = std::find_if(tables_.begin(), tables_.end(),
                                  [&](const auto& t) { return t->instance_name() == name; });
  if (table == tables_.end()) {
    throw plugin_error(plugin_errc::host_failure, {},
                       "plugin_set::replace: no plugin instance is named '" + std::string(name) +
                           "'");
  }
  owned_instance old;
  old.instance = registry_.replace(std::move(next.instance));  // throws, changing nothing
  old.table = std::exchange(*table, std::move(next.table));
  return old;
}

void plugin_set::stop_all() noexcept {
  try {
    registry_.stop_all();
  } catch (const std::exception& e) {
    spdlog::error("stopping plugins: {}", e.what());
  }
}

}  // namespace tb::host
