#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tb::host {

// What went wrong while finding, loading or calling a plugin. The message of the
// plugin_error carrying it always names the file (and the plugin and call, when there is
// one); the code lets callers tell the cases apart without parsing text.
enum class plugin_errc {
  not_found,          // no <name>.so in any plugin directory
  file_missing,       // the path does not exist or is not a regular file
  not_loadable,       // dlopen refused it: not a shared library, another CPU, missing dependency
  unresolved_symbol,  // dlopen with RTLD_NOW found a symbol nothing defines
  missing_entry,      // no tb_plugin_entry_v1 symbol
  abi_mismatch,       // built for another SDK ABI major
  bad_descriptor,     // the descriptor is malformed (size, kind, id, version, NULL functions)
  id_mismatch,        // the descriptor's id is not the expected name
  bad_interface,      // an interface table is too small or has NULL functions
  call_failed,        // a plugin function returned an error status (or create returned NULL)
  plugin_threw,       // a C++ exception escaped a plugin function
  host_failure,       // the loader itself failed (e.g. could not pin the library resident)
};

// Short stable name of a code ("abi_mismatch").
std::string_view to_string(plugin_errc code) noexcept;

class plugin_error : public std::runtime_error {
 public:
  plugin_error(plugin_errc code, std::filesystem::path file, const std::string& message);

  plugin_errc code() const noexcept { return code_; }
  // The plugin file concerned; empty when no single file is (plugin not found).
  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  plugin_errc code_;
  std::filesystem::path file_;
};

}  // namespace tb::host
