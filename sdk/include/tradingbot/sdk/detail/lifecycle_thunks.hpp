// The descriptor's create/start/stop/destroy thunks for a plugin class T. Internal.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <type_traits>

#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/plugin.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

template <class T>
struct lifecycle_thunks {
  static_assert(std::is_constructible<T, ::tb::sdk::host, std::string>::value,
                "a plugin class must be constructible from (tb::sdk::host, std::string "
                "instance_name); add `using tb::sdk::strategy::strategy;` (or exchange, "
                "notifier) to the class");

  static void* create(const tb_host_api* api, const char* instance_name, tb_error* err,
                      const tb_plugin_descriptor* descriptor) noexcept {
    char place[160];
    std::snprintf(place, sizeof place, "%s: create", descriptor->id);
    void* made = nullptr;
    guarded(err, place, [&] {
      if (api == nullptr) {
        throw error(TB_E_INVALID_ARGUMENT, std::string(place) + ": the host API table is NULL");
      }
      if (!TB_HAS(api, tb_host_api, ctx)) {
        throw error(TB_E_INVALID_ARGUMENT, std::string(place) +
                                               ": the host API table is too small "
                                               "(struct_size " +
                                               std::to_string(api->struct_size) + ")");
      }
      if (api->abi_major != TB_ABI_MAJOR) {
        throw error(TB_E_INVALID_ARGUMENT,
                    std::string(place) + ": the host API table is ABI " +
                        std::to_string(api->abi_major) + ", this plugin was built for ABI " +
                        std::to_string(TB_ABI_MAJOR));
      }
      std::unique_ptr<T> instance(
          new T(::tb::sdk::host(api), std::string(instance_name != nullptr ? instance_name : "")));
      plugin_access::bind(*instance, descriptor);
      made = instance.release();
    });
    return made;
  }

  static tb_status start(void* self, tb_error* err) noexcept {
    return run<T>(err, self, "start", [](T& instance) { static_cast<plugin&>(instance).start(); });
  }

  // stop() has no error out-parameter: a failure is logged through the host.
  static void stop(void* self) noexcept {
    if (self == nullptr) return;
    tb_error err{};
    const tb_status status =
        run<T>(&err, self, "stop", [](T& instance) { static_cast<plugin&>(instance).stop(); });
    if (status != TB_OK) static_cast<T*>(self)->host().error(err.message);
  }

  static void destroy(void* self) noexcept { delete static_cast<T*>(self); }
};

}  // namespace tb::sdk::detail
