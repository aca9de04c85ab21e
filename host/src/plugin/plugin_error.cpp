#include "plugin/plugin_error.hpp"

#include <utility>

namespace tb::host {

std::string_view to_string(plugin_errc code) noexcept {
  switch (code) {
    case plugin_errc::not_found:
      return "not_found";
    case plugin_errc::file_missing:
      return "file_missing";
    case plugin_errc::not_loadable:
      return "not_loadable";
    case plugin_errc::unresolved_symbol:
      return "unresolved_symbol";
    case plugin_errc::missing_entry:
      return "missing_entry";
    case plugin_errc::abi_mismatch:
      return "abi_mismatch";
    case plugin_errc::bad_descriptor:
      return "bad_descriptor";
    case plugin_errc::id_mismatch:
      return "id_mismatch";
    case plugin_errc::bad_interface:
      return "bad_interface";
    case plugin_errc::call_failed:
      return "call_failed";
    case plugin_errc::plugin_threw:
      return "plugin_threw";
    case plugin_errc::host_failure:
      return "host_failure";
  }
  return "unknown";
}

plugin_error::plugin_error(plugin_errc code, std::filesystem::path file, const std::string& message)
    : std::runtime_error(message), code_(code), file_(std::move(file)) {}

}  // namespace tb::host
