#pragma once

#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tb::host {

// What a validated plugin says about itself, copied out of its descriptor so it stays valid
// after the library is unloaded.
struct plugin_info {
  std::filesystem::path path;
  std::string id;
  std::int32_t kind = 0;  // TB_KIND_*
  std::string version;
  std::string description;  // may be empty
  std::string build_info;   // may be empty
  std::uint16_t abi_major = 0;
  std::uint16_t abi_minor = 0;
  std::uint32_t descriptor_size = 0;
};

// "exchange", "strategy", "notifier", or "unknown kind N".
std::string kind_name(std::int32_t kind);

// The versioned interface id every plugin of `kind` must offer ("tb.strategy/1"); empty for
// an unknown kind.
std::string_view kind_interface_id(std::int32_t kind) noexcept;

// Exchange and notifier plugins own threads and sockets, so they are never unloaded.
bool kind_stays_resident(std::int32_t kind) noexcept;

// A plugin id (and so a plugin file stem): non-empty, only [a-z0-9_].
bool is_valid_plugin_id(std::string_view id) noexcept;

// One line for the start-up log: "fixture_strategy 1.0.0 (strategy, ABI 1.0) from PATH
// [build info]".
std::string describe(const plugin_info& info);

}  // namespace tb::host
