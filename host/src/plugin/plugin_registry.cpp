#include "plugin/plugin_registry.hpp"

#include <exception>
#include <utility>

namespace tb::host {

plugin_registry::~plugin_registry() {
  while (!instances_.empty()) instances_.pop_back();
}

plugin_instance& plugin_registry::add(std::unique_ptr<plugin_instance> instance) {
  if (!instance) {
    throw plugin_error(plugin_errc::host_failure, {}, "plugin_registry::add: no instance");
  }
  if (const plugin_instance* existing = find(instance->name()); existing != nullptr) {
    throw plugin_error(plugin_errc::host_failure, instance->info().path,
                       "plugin instance name '" + instance->name() + "' is used twice (by " +
                           existing->info().id + " and " + instance->info().id +
                           "); give each instance its own name in the configuration file");
  }
  instances_.push_back(std::move(instance));
  return *instances_.back();
}

std::unique_ptr<plugin_instance> plugin_registry::replace(
    std::unique_ptr<plugin_instance> instance) {
  if (!instance) {
    throw plugin_error(plugin_errc::host_failure, {}, "plugin_registry::replace: no instance");
  }
  for (auto& slot : instances_) {
    if (slot->name() == instance->name()) return std::exchange(slot, std::move(instance));
  }
  throw plugin_error(plugin_errc::host_failure, instance->info().path,
                     "plugin_registry::replace: no instance named '" + instance->name() +
                         "' is registered");
}

plugin_instance* plugin_registry::find(std::string_view name) const noexcept {
  for (const auto& instance : instances_) {
    if (instance->name() == name) return instance.get();
  }
  return nullptr;
}

std::vector<plugin_instance*> plugin_registry::of_kind(std::int32_t kind) const {
  std::vector<plugin_instance*> result;
  for (const auto& instance : instances_) {
    if (instance->info().kind == kind) result.push_back(instance.get());
  }
  return result;
}

void plugin_registry::start_all() {
  std::vector<plugin_instance*> started_here;
  try {
    for (const auto& instance : instances_) {
      if (instance->started()) continue;
      instance->start();
      started_here.push_back(instance.get());
    }
  } catch (...) {
    for (auto it = started_here.rbegin(); it != started_here.rend(); ++it) {
      try {
        (*it)->stop();
      } catch (...) {
        // The start failure is the one to report; this instance is destroyed later anyway.
      }
    }
    throw;
  }
}

void plugin_registry::stop_all() {
  std::exception_ptr first_failure;
  for (auto it = instances_.rbegin(); it != instances_.rend(); ++it) {
    try {
      (*it)->stop();
    } catch (...) {
      if (!first_failure) first_failure = std::current_exception();
    }
  }
  if (first_failure) std::rethrow_exception(first_failure);
}

}  // namespace tb::host
