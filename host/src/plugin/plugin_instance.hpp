#pragma once

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "plugin/plugin_call.hpp"
#include "plugin/plugin_error.hpp"
#include "plugin/plugin_interfaces.hpp"
#include "plugin/plugin_library.hpp"

namespace tb::host {

// One instance of a plugin: the `self` its create() returned, with the library it came from.
//
// Lifecycle: create() -> start() -> stop() -> close() or destruction. close() (and the
// destructor, when close() was not called) calls stop() if the instance is started, then the
// plugin's destroy(); the library is let go only after that, so plugin code is never
// unmapped while an instance of it exists.
// stop() is not called after a start() that failed: a plugin whose start fails cleans up
// what it began itself (as in CLAP), and destroy() follows as usual.
//
// Every call into the plugin goes through guarded_call: a failure status or an escaped C++
// exception becomes a plugin_error naming the plugin, the instance and the call. Errors in
// the destructor cannot be thrown; they are logged through the instance's tb_host_api.
// All calls are [control]-thread calls: one thread at a time.
class plugin_instance {
 public:
  // host must outlive the instance (the plugin keeps the pointer).
  static std::unique_ptr<plugin_instance> create(std::shared_ptr<const plugin_library> library,
                                                 const tb_host_api* host,
                                                 std::string instance_name);

  ~plugin_instance();
  plugin_instance(const plugin_instance&) = delete;
  plugin_instance& operator=(const plugin_instance&) = delete;

  void start();
  void stop();  // no-op unless started
  // stop() if started, then destroy(); throws the first failure (destroy() runs even when
  // stop() failed). Idempotent; nothing but the accessors may be called afterwards.
  void close();

  // The plugin's table for an interface, or NULL when it does not offer one. Throws
  // plugin_errc::bad_interface when the table is smaller than its SDK 1.0 size or has a
  // NULL function.
  template <class T>
  const T* interface(const char* id = interface_traits<T>::id) const;

  const std::string& name() const noexcept { return name_; }
  const plugin_info& info() const noexcept { return library_->info(); }
  const std::shared_ptr<const plugin_library>& library() const noexcept { return library_; }
  void* self() const noexcept { return self_; }
  bool started() const noexcept { return started_; }
  bool closed() const noexcept { return self_ == nullptr; }

  // For calls on the plugin's interfaces: where they happen, for the guard's messages.
  call_site site(std::string_view function) const noexcept {
    return call_site{library_->info(), name_, function};
  }

 private:
  plugin_instance(std::shared_ptr<const plugin_library> library, const tb_host_api* host,
                  std::string name, void* self);

  const void* raw_interface(const char* id) const;
  [[noreturn]] void fail_interface(const char* id, const std::string& problem) const;
  void log_error(const std::string& message) const noexcept;

  std::shared_ptr<const plugin_library> library_;  // first member: released last
  const tb_host_api* host_;
  std::string name_;
  void* self_;
  bool started_ = false;
};

template <class T>
const T* plugin_instance::interface(const char* id) const {
  const auto* table = static_cast<const T*>(raw_interface(id));
  if (table == nullptr) return nullptr;
  if (table->struct_size < interface_traits<T>::v1_size) {
    fail_interface(id, "is " + std::to_string(table->struct_size) + " bytes, smaller than the " +
                           std::to_string(interface_traits<T>::v1_size) +
                           " bytes of its SDK 1.0 table");
  }
  if (const char* missing = interface_traits<T>::first_null(*table); missing != nullptr) {
    fail_interface(id, std::string("has a NULL ") + missing +
                           "; every v1 function is required (return TB_E_UNSUPPORTED instead)");
  }
  return table;
}

}  // namespace tb::host
