#pragma once

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "plugin/plugin_info.hpp"

namespace boost::dll {
class shared_library;
}

namespace tb::host {

// Bytes of a descriptor with every SDK 1.0 field; a plugin's struct_size may be larger.
inline constexpr std::size_t descriptor_v1_size =
    offsetof(tb_plugin_descriptor, get_interface) + sizeof(tb_plugin_descriptor::get_interface);

// One opened and validated plugin file.
//
// open() loads the file with Boost.DLL in RTLD_NOW | RTLD_LOCAL mode (every symbol is bound
// now, so an unresolved one fails here rather than in the middle of a trade; the plugin's
// symbols do not leak into other plugins), calls tb_plugin_entry_v1 and validates the
// descriptor: struct_size, ABI major, kind, id (equal to the expected name), version and the
// five required functions. Exchange and notifier libraries are then promoted to
// RTLD_NODELETE: they own threads and sockets and must never be unmapped, so they stay
// loaded until the process exits. A strategy library unloads when its last shared_ptr goes
// (hot reload relies on that).
//
// Every failure throws a plugin_error whose message starts with the file's path and says
// what is wrong and what to do.
class plugin_library {
 public:
  // expected_id: the name the plugin was asked for (from the YAML file); empty means the file
  // name without ".so". A relative path is made absolute first.
  static std::shared_ptr<const plugin_library> open(const std::filesystem::path& file,
                                                    std::string_view expected_id = {});

  ~plugin_library();
  plugin_library(const plugin_library&) = delete;
  plugin_library& operator=(const plugin_library&) = delete;

  const plugin_info& info() const noexcept { return info_; }
  // Valid while this object lives; validated by open().
  const tb_plugin_descriptor& descriptor() const noexcept { return *descriptor_; }
  // True for exchange and notifier libraries: marked RTLD_NODELETE, never unloaded.
  bool resident() const noexcept { return resident_; }

 private:
  plugin_library();

  std::unique_ptr<boost::dll::shared_library> library_;
  const tb_plugin_descriptor* descriptor_ = nullptr;
  plugin_info info_;
  bool resident_ = false;
};

}  // namespace tb::host
