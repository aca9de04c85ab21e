#include "plugin/plugin_info.hpp"

#include <algorithm>

namespace tb::host {

std::string kind_name(std::int32_t kind) {
  switch (kind) {
    case TB_KIND_EXCHANGE:
      return "exchange";
    case TB_KIND_STRATEGY:
      return "strategy";
    case TB_KIND_NOTIFIER:
      return "notifier";
    default:
      return "unknown kind " + std::to_string(kind);
  }
}

std::string_view kind_interface_id(std::int32_t kind) noexcept {
  switch (kind) {
    case TB_KIND_EXCHANGE:
      return TB_IFACE_EXCHANGE_V1;
    case TB_KIND_STRATEGY:
      return TB_IFACE_STRATEGY_V1;
    case TB_KIND_NOTIFIER:
      return TB_IFACE_NOTIFIER_V1;
    default:
      return {};
  }
}

bool kind_stays_resident(std::int32_t kind) noexcept {
  return kind == TB_KIND_EXCHANGE || kind == TB_KIND_NOTIFIER;
}

bool is_valid_plugin_id(std::string_view id) noexcept {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string describe(const plugin_info& info) {
  std::string line = info.id + " " + info.version + " (" + kind_name(info.kind) + ", ABI " +
                     std::to_string(info.abi_major) + "." + std::to_string(info.abi_minor) +
                     ") from " + info.path.string();
  if (!info.build_info.empty()) line += " [" + info.build_info + "]";
  return line;
}

}  // namespace tb::host
