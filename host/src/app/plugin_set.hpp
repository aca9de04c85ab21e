#pragma once
// The plugins a configuration asks for: found, validated, created with their own host API
// table, started, and stopped again in reverse order. A plugin marked `optional` that fails
// is reported and skipped; a required one that fails stops start-up (startup_error).
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/core_services.hpp"
#include "config/settings.hpp"
#include "plugin/file_identity.hpp"
#include "plugin/host_api_table.hpp"
#include "plugin/plugin_info.hpp"
#include "plugin/plugin_registry.hpp"

namespace tb::host {

// A required plugin failed: start-up cannot go on (exit code 2).
class startup_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct plugin_outcome {
  std::string name;
  bool optional = false;
  std::optional<plugin_info> info;  // set once the file loaded and validated
  // The file's identity (device, inode, size, mtime) just before it was opened: hot reload
  // compares it with the file's later ones.
  std::optional<file_identity> loaded_identity;
  bool running = false;             // created and started
  std::string problem;              // why it is not running
};

// A plugin instance with the host API table it points at. Declared in that order, so the
// instance is destroyed first.
struct owned_instance {
  std::unique_ptr<host_api_table> table;
  std::unique_ptr<plugin_instance> instance;
};

class plugin_set {
 public:
  plugin_set(core_services& services, std::vector<std::filesystem::path> search_path);
  ~plugin_set();
  plugin_set(const plugin_set&) = delete;
  plugin_set& operator=(const plugin_set&) = delete;

  // Loads and starts each entry in order. Throws startup_error for a required plugin that
  // fails, after stopping the ones already started.
  void load(std::span<const plugin_entry> entries);
  void stop_all() noexcept;

  // What load() did, at start-up: a hot reload does not change these.
  const std::vector<plugin_outcome>& outcomes() const noexcept { return outcomes_; }
  std::vector<plugin_instance*> of_kind(std::int32_t kind) const { return registry_.of_kind(kind); }

  // For hot reload (app/strategy_reloader), [control] thread only:
  // The file <name>.so along the search path, found again now; throws plugin_error as
  // find_plugin() does.
  std::filesystem::path find(std::string_view name) const;
  // The host API table of the instance `name`; null when there is none.
  const host_api_table* table_of(std::string_view name) const noexcept;
  // Puts `next` (its instance named `name`, created and started) in the place of the instance
  // `name`, in the same place of the stop order, and hands back that instance and its table;
  // the caller stops and destroys them. Throws plugin_error, changing nothing, when there is
  // no instance `name` or next's instance has another name.
  owned_instance replace(std::string_view name, owned_instance next);

 private:
  void load_one(const plugin_entry& entry, plugin_outcome& outcome);

  core_services& services_;
  std::vector<std::filesystem::path> search_path_;
  std::vector<plugin_outcome> outcomes_;
  // Declared before the registry: the tables must outlive the instances that point at them.
  std::vector<std::unique_ptr<host_api_table>> tables_;
  plugin_registry registry_;
};

}  // namespace tb::host
