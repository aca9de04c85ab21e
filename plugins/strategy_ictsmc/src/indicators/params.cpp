#include "indicators/params.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace tb::ictsmc {

const std::string* params::find(const std::string& key) {
  read_.insert(key);
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

int params::integer(const std::string& key, int fallback, int min, int max) {
  const std::string* text = find(key);
  if (text == nullptr) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    throw std::invalid_argument("parameter " + key + "=\"" + *text + "\": expected a whole number from " +
                                std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

double params::number(const std::string& key, double fallback, double min, double max) {
  const std::string* text = find(key);
  if (text == nullptr) return fallback;
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(value) ||
      value < min || value > max) {
    throw std::invalid_argument("parameter " + key + "=\"" + *text + "\": expected a number from " +
                                std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

bool params::boolean(const std::string& key, bool fallback) {
  const std::string* text = find(key);
  if (text == nullptr) return fallback;
  if (*text == "true" || *text == "True" || *text == "1") return true;
  if (*text == "false" || *text == "False" || *text == "0") return false;
  throw std::invalid_argument("parameter " + key + "=\"" + *text + "\": expected true or false");
}

std::string params::text(const std::string& key, const std::string& fallback) {
  const std::string* value = find(key);
  return value == nullptr ? fallback : *value;
}

std::vector<std::string> params::unread() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : values_) {
    if (read_.count(key) == 0) out.push_back(key);
  }
  return out;
}

}  // namespace tb::ictsmc
