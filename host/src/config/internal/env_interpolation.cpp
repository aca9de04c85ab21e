#include "config/internal/env_interpolation.hpp"

namespace tb::host::config_internal {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

void substitute(std::string_view name, const env_lookup& env, interpolated& out) {
  if (!valid_name(name)) {
    out.errors.push_back("invalid environment variable name '" + std::string(name) +
                         "' (use letters, digits and '_', not starting with a digit)");
    return;
  }
  const std::string key(name);
  std::optional<std::string> value = env(key);
  if (!value) {
    out.errors.push_back("environment variable '" + key +
                         "' is not set; export it before starting the bot");
    return;
  }
  if (value->empty()) out.empty.push_back(key);
  out.variables.push_back(key);
  out.text += *value;
  out.values.push_back(std::move(*value));
}

}  // namespace

interpolated interpolate(std::string_view raw, const env_lookup& env) {
  interpolated out;
  std::size_t i = 0;
  while (i < raw.size()) {
    if (raw.compare(i, 3, "$${") == 0) {
      out.text += "${";
      i += 3;
      continue;
    }
    if (raw.compare(i, 2, "${") != 0) {
      out.text += raw[i++];
      continue;
    }
    const std::size_t close = raw.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back("unterminated '${' in '" + std::string(raw) +
                           "'; close it with '}' or write '$${' for a literal '${'");
      return out;
    }
    substitute(raw.substr(i + 2, close - i - 2), env, out);
    i = close + 1;
  }
  return out;
}

}  // namespace tb::host::config_internal
