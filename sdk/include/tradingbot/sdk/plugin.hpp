// tb::sdk::plugin: what every plugin instance has, whatever its kind.
//
// Derive from tb::sdk::strategy, tb::sdk::exchange or tb::sdk::notifier (never from plugin
// directly) and export the class with the matching macro of export.hpp. The SDK constructs
// the class with (host, instance_name) in the descriptor's create(), and deletes it in
// destroy(). The C++ vtable never crosses the ABI: the host only sees the C tables the macro
// generates.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "tradingbot/sdk/host.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

namespace detail {
struct plugin_access;
}

class plugin {
 public:
  plugin(::tb::sdk::host services, std::string instance_name)
      : host_(services), instance_name_(std::move(instance_name)) {}
  virtual ~plugin() = default;
  plugin(const plugin&) = delete;
  plugin& operator=(const plugin&) = delete;

  // [control] Begin work: read and validate settings, open connections, start threads.
  // Throw tb::sdk::error to refuse to start; the host reports the message and the instance
  // stays unstarted. Called once, after create and before any interface call.
  virtual void start() {}

  // [control] Stop work. Must return only when no plugin-owned work is running any more:
  // join threads, cancel timers, close sockets. After stop() the host may call destroy()
  // at once, or start() again. An exception here is logged through the host and swallowed.
  virtual void stop() {}

  // The host's services for this instance; valid for the instance's whole life.
  const ::tb::sdk::host& host() const noexcept { return host_; }
  // The instance name from the configuration (e.g. "strategy_ictsmc" or "ictsmc_fast").
  const std::string& instance_name() const noexcept { return instance_name_; }
  // The plugin's id and version, as exported in its descriptor. Empty inside the
  // constructor: the SDK fills them in right after construction.
  std::string_view id() const noexcept { return text(descriptor_ ? descriptor_->id : nullptr); }
  std::string_view version() const noexcept {
    return text(descriptor_ ? descriptor_->version : nullptr);
  }

 private:
  friend struct detail::plugin_access;
  static std::string_view text(const char* s) noexcept {
    return s != nullptr ? std::string_view(s) : std::string_view();
  }

  ::tb::sdk::host host_;
  std::string instance_name_;
  const tb_plugin_descriptor* descriptor_ = nullptr;
};

namespace detail {
// Lets the generated create() tell a fresh instance which descriptor it belongs to.
struct plugin_access {
  static void bind(plugin& instance, const tb_plugin_descriptor* descriptor) noexcept {
    instance.descriptor_ = descriptor;
  }
};
}  // namespace detail

}  // namespace tb::sdk
