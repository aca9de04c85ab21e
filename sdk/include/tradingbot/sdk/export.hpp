// Exporting a plugin class: one macro per kind, used once, in one .cpp of the plugin.
//
//   class my_strategy final : public tb::sdk::strategy { ... };
//   TB_PLUGIN_STRATEGY(my_strategy, "my_strategy", "1.0.0", "One line about it");
//
//   TB_PLUGIN_EXCHANGE(Class, "id", "version", "description");
//   TB_PLUGIN_NOTIFIER(Class, "id", "version", "description");
//
// The id must match [a-z0-9_]+ and equal the .so's file name without ".so" (tb_add_plugin
// names the file after its target, so name the target after the id). The macro generates,
// all with internal linkage in that .cpp:
//   - the kind's interface table (tb_strategy_v1, tb_exchange_v1 or tb_notifier_v1) and the
//     tb_plugin_descriptor, as constant-initialized statics: no function-local statics in
//     inline functions, which g++ would emit as STB_GNU_UNIQUE and so pin the .so in memory;
//   - noexcept thunks that run the class's methods under tb::sdk::guarded(), so every
//     exception becomes a status and a message and none reaches the host;
//   - create(), which constructs Class(tb::sdk::host, std::string instance_name) and catches
//     what the constructor throws; get_interface(), which answers the kind's id, and also
//     "tb.indicators/1" (a tb_indicators_v1 table, equally constant-initialized) when Class
//     derives from tb::sdk::indicators;
//   - build_info: compiler and version, C++ standard, C++ library ABI
//     (_GLIBCXX_USE_CXX11_ABI), SDK and ABI versions.
// and the one exported symbol, `extern "C" const tb_plugin_descriptor* tb_plugin_entry_v1()`.
// Build the plugin with tb_add_plugin() so nothing else is exported.
#pragma once

#include <type_traits>

#include "tradingbot/sdk/detail/exchange_thunks.hpp"
#include "tradingbot/sdk/detail/indicators_thunks.hpp"
#include "tradingbot/sdk/detail/simulator_thunks.hpp"
#include "tradingbot/sdk/detail/lifecycle_thunks.hpp"
#include "tradingbot/sdk/detail/notifier_thunks.hpp"
#include "tradingbot/sdk/detail/strategy_thunks.hpp"
#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/exchange.hpp"
#include "tradingbot/sdk/indicators.hpp"
#include "tradingbot/sdk/notifier.hpp"
#include "tradingbot/sdk/strategy.hpp"
#include "tradingbot/sdk/version.hpp"
#include "tradingbot/tb_abi.h"

#define TB_SDK_DETAIL_STRINGIFY2(x) #x
#define TB_SDK_DETAIL_STRINGIFY(x) TB_SDK_DETAIL_STRINGIFY2(x)

#if defined(__clang__)
#define TB_SDK_COMPILER                                                          \
  "clang " TB_SDK_DETAIL_STRINGIFY(__clang_major__) "." TB_SDK_DETAIL_STRINGIFY( \
      __clang_minor__) "." TB_SDK_DETAIL_STRINGIFY(__clang_patchlevel__)
#elif defined(__GNUC__)
#define TB_SDK_COMPILER "gcc " __VERSION__
#elif defined(_MSC_VER)
#define TB_SDK_COMPILER "msvc " TB_SDK_DETAIL_STRINGIFY(_MSC_FULL_VER)
#else
#define TB_SDK_COMPILER "unknown compiler"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define TB_SDK_CXX_LIBRARY \
  "libstdc++ _GLIBCXX_USE_CXX11_ABI=" TB_SDK_DETAIL_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define TB_SDK_CXX_LIBRARY "libc++ " TB_SDK_DETAIL_STRINGIFY(_LIBCPP_VERSION)
#else
#define TB_SDK_CXX_LIBRARY "unknown C++ library"
#endif

// The descriptor's build_info, e.g. "gcc 12.2.0; C++ 202002L; libstdc++
// _GLIBCXX_USE_CXX11_ABI=1; TradingBot SDK 0.1.0; ABI 1.1". Diagnostic only.
#define TB_SDK_BUILD_INFO                                                                   \
  TB_SDK_COMPILER "; C++ " TB_SDK_DETAIL_STRINGIFY(__cplusplus) "; " TB_SDK_CXX_LIBRARY     \
                  "; TradingBot SDK " TB_SDK_VERSION_STRING "; ABI " TB_SDK_DETAIL_STRINGIFY( \
                      TB_ABI_MAJOR) "." TB_SDK_DETAIL_STRINGIFY(TB_ABI_MINOR)

// The generic form behind the three macros below. The trailing static_assert makes the
// caller's semicolon part of a declaration.
#define TB_SDK_DETAIL_PLUGIN(Class, Kind, Base, Thunks, Table, InterfaceId, Id, Version,      \
                             Description)                                                   \
  static_assert(std::is_base_of<Base, Class>::value, #Class " must derive from " #Base);     \
  static_assert(::tb::sdk::detail::valid_plugin_id(Id),                                     \
                "the plugin id must match [a-z0-9_]+ (it is also the .so file name)");      \
  static_assert(::tb::sdk::detail::non_empty(Version), "the plugin version is empty");      \
  namespace {                                                                               \
  void* tb_sdk_create_(const tb_host_api* api, const char* instance_name,                   \
                       tb_error* err) noexcept;                                             \
  const void* tb_sdk_get_interface_(void* self, const char* interface_id) noexcept;         \
  const Table tb_sdk_interface_ = Thunks<Class>::table();                                   \
  const tb_indicators_v1 tb_sdk_indicators_ =                                               \
      ::tb::sdk::detail::optional_indicators<Class>::table();                               \
  const tb_simulator_v1 tb_sdk_simulator_ =                                                 \
      ::tb::sdk::detail::optional_simulator<Class>::table();                                \
  const tb_plugin_descriptor tb_sdk_descriptor_ = {                                         \
      static_cast<std::uint32_t>(sizeof(tb_plugin_descriptor)),                             \
      static_cast<std::uint16_t>(TB_ABI_MAJOR),                                             \
      static_cast<std::uint16_t>(TB_ABI_MINOR),                                             \
      Kind,                                                                                 \
      0,                                                                                    \
      Id,                                                                                   \
      Version,                                                                              \
      Description,                                                                          \
      TB_SDK_BUILD_INFO,                                                                    \
      &tb_sdk_create_,                                                                      \
      &::tb::sdk::detail::lifecycle_thunks<Class>::start,                                   \
      &::tb::sdk::detail::lifecycle_thunks<Class>::stop,                                    \
      &::tb::sdk::detail::lifecycle_thunks<Class>::destroy,                                 \
      &tb_sdk_get_interface_};                                                              \
  void* tb_sdk_create_(const tb_host_api* api, const char* instance_name,                   \
                       tb_error* err) noexcept {                                            \
    return ::tb::sdk::detail::lifecycle_thunks<Class>::create(api, instance_name, err,      \
                                                              &tb_sdk_descriptor_);         \
  }                                                                                         \
  const void* tb_sdk_get_interface_(void*, const char* interface_id) noexcept {             \
    if (const void* table =                                                                 \
            ::tb::sdk::detail::find_interface(interface_id, InterfaceId, &tb_sdk_interface_)) { \
      return table;                                                                         \
    }                                                                                       \
    if (::tb::sdk::detail::optional_indicators<Class>::offered) {                           \
      if (const void* table = ::tb::sdk::detail::find_interface(                            \
              interface_id, TB_IFACE_INDICATORS_V1, &tb_sdk_indicators_)) {                 \
        return table;                                                                       \
      }                                                                                     \
    }                                                                                       \
    if (!::tb::sdk::detail::optional_simulator<Class>::offered) return nullptr;             \
    return ::tb::sdk::detail::find_interface(interface_id, TB_IFACE_SIMULATOR_V1,           \
                                             &tb_sdk_simulator_);                           \
  }                                                                                         \
  }                                                                                         \
  extern "C" TB_EXPORT const tb_plugin_descriptor* tb_plugin_entry_v1(void) {               \
    return &tb_sdk_descriptor_;                                                             \
  }                                                                                         \
  static_assert(true, "")

// Export Class (derived from tb::sdk::strategy) as the strategy plugin `Id`.
#define TB_PLUGIN_STRATEGY(Class, Id, Version, Description)                                 \
  TB_SDK_DETAIL_PLUGIN(Class, TB_KIND_STRATEGY, ::tb::sdk::strategy,                        \
                       ::tb::sdk::detail::strategy_thunks, tb_strategy_v1,                  \
                       TB_IFACE_STRATEGY_V1, Id, Version, Description)

// Export Class (derived from tb::sdk::exchange) as the exchange plugin `Id`.
#define TB_PLUGIN_EXCHANGE(Class, Id, Version, Description)                                 \
  TB_SDK_DETAIL_PLUGIN(Class, TB_KIND_EXCHANGE, ::tb::sdk::exchange,                        \
                       ::tb::sdk::detail::exchange_thunks, tb_exchange_v1,                  \
                       TB_IFACE_EXCHANGE_V1, Id, Version, Description)

// Export Class (derived from tb::sdk::notifier) as the notifier plugin `Id`.
#define TB_PLUGIN_NOTIFIER(Class, Id, Version, Description)                                 \
  TB_SDK_DETAIL_PLUGIN(Class, TB_KIND_NOTIFIER, ::tb::sdk::notifier,                        \
                       ::tb::sdk::detail::notifier_thunks, tb_notifier_v1,                  \
                       TB_IFACE_NOTIFIER_V1, Id, Version, Description)
