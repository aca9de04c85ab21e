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
#include <vector>

#include "app/core_services.hpp"
#include "config/settings.hpp"
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
  bool running = false;             // created and started
  std::string problem;              // why it is not running
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

  const std::vector<plugin_outcome>& outcomes() const noexcept { return outcomes_; }
  std::vector<plugin_instance*> of_kind(std::int32_t kind) const { return registry_.of_kind(kind); }

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
