#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "plugin/plugin_instance.hpp"

namespace tb::host {

// The app's loaded plugin instances, by instance name. Instances are started in the order
// they were added and stopped and destroyed in the reverse order, so add them in dependency
// order (what others use first). [control] thread only.
class plugin_registry {
 public:
  plugin_registry() = default;
  ~plugin_registry();  // destroys the instances, last added first
  plugin_registry(const plugin_registry&) = delete;
  plugin_registry& operator=(const plugin_registry&) = delete;

  // Throws plugin_error when an instance of that name is already registered.
  plugin_instance& add(std::unique_ptr<plugin_instance> instance);

  // Puts `instance` in the place of the registered one of the same name (the same place in
  // the start and stop order) and returns that one, for hot reload. Throws plugin_error when
  // no instance of that name is registered; nothing changes then.
  std::unique_ptr<plugin_instance> replace(std::unique_ptr<plugin_instance> instance);

  plugin_instance* find(std::string_view name) const noexcept;
  std::vector<plugin_instance*> of_kind(std::int32_t kind) const;
  std::size_t size() const noexcept { return instances_.size(); }

  // Starts every instance not yet started, in order. When one fails, those this call started
  // are stopped again (last first) and the failure is rethrown.
  void start_all();
  // Stops every started instance, last added first; all are stopped even when one fails, and
  // the first failure is rethrown afterwards.
  void stop_all();

 private:
  std::vector<std::unique_ptr<plugin_instance>> instances_;
};

}  // namespace tb::host
