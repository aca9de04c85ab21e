#include "plugin_settings/settings_reader.hpp"

#include <algorithm>

#include "tradingbot/sdk/error.hpp"

namespace tb::plugin_settings {

using json = nlohmann::json;

void invalid(const std::string& what) {
  throw sdk::error(TB_E_INVALID_ARGUMENT, "settings: " + what);
}

json parse_object(std::string_view text) {
  json object;
  try {
    object = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() quotes the text near the error, which may be a secret: give the position only.
    invalid("not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  }
  if (object.is_null()) object = json::object();
  if (!object.is_object()) invalid("expected a mapping of setting names to values");
  return object;
}

bool as_bool(const json& value, std::string_view name) {
  if (!value.is_boolean()) invalid(std::string(name) + " must be true or false");
  return value.get<bool>();
}

std::int64_t as_whole_number(const json& value, std::string_view name, std::int64_t min,
                             std::int64_t max, std::string_view unit) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < min ||
      value.get<std::int64_t>() > max) {
    invalid(std::string(name) + " must be a whole number of " + std::string(unit) + " from " +
            std::to_string(min) + " to " + std::to_string(max));
  }
  return value.get<std::int64_t>();
}

std::string read_secret(const json& object, std::string_view key, std::string_view kind) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) invalid(std::string(key) + " must be " + std::string(kind));
  return it->get<std::string>();
}

bool read_bool(const json& object, std::string_view key, bool fallback) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : as_bool(*it, key);
}

std::int64_t read_whole_number(const json& object, std::string_view key, std::int64_t fallback,
                               std::int64_t min, std::int64_t max, std::string_view unit) {
  const auto it = object.find(key);
  return it == object.end() ? fallback : as_whole_number(*it, key, min, max, unit);
}

std::vector<std::string> unknown_keys(const json& object,
                                      std::span<const std::string_view> known) {
  std::vector<std::string> out;
  for (const auto& item : object.items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      out.push_back(item.key());
    }
  }
  return out;
}

}  // namespace tb::plugin_settings
