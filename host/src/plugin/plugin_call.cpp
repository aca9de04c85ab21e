#include "plugin/plugin_call.hpp"

#include <cstring>

namespace tb::host {

std::string describe_site(const call_site& site) {
  std::string text = "plugin '" + site.plugin.id + "'";
  if (!site.instance.empty()) text += " instance '" + std::string(site.instance) + "'";
  text += " (" + site.plugin.path.string() + ")";
  return text;
}

std::string error_text(const tb_error& err) {
  return std::string(err.message, strnlen(err.message, sizeof err.message));
}

void throw_plugin_threw(const call_site& site, const char* what) {
  const std::string cause = what != nullptr
                                ? std::string(what)
                                : std::string("an exception that is not a std::exception");
  throw plugin_error(plugin_errc::plugin_threw, site.plugin.path,
                     describe_site(site) + " threw a C++ exception across the C ABI in " +
                         std::string(site.function) + ": " + cause +
                         "; plugins must catch their exceptions (the SDK's C++ layer does)");
}

void throw_call_failed(const call_site& site, tb_status status, const tb_error& err) {
  std::string message = describe_site(site) + ": " + std::string(site.function) + " failed with " +
                        tb_status_name(status) + " (" + std::to_string(status) + ")";
  const std::string text = error_text(err);
  message += text.empty() ? std::string(" and gave no error message") : ": " + text;
  throw plugin_error(plugin_errc::call_failed, site.plugin.path, message);
}

}  // namespace tb::host
