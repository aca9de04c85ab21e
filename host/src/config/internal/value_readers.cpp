#include "config/internal/value_readers.hpp"

#include <cmath>

#include "config/internal/scalar_text.hpp"
#include "config/internal/suggestion.hpp"

namespace tb::host::config_internal {
namespace {

void report(reader& r, const field& f, const scalar& s, std::string_view expected) {
  r.error(s.mark, f.path + ": expected " + std::string(expected) + ", got " + s.shown());
}

std::string range_text(double min, double max) {
  const bool low = std::isfinite(min);
  const bool high = std::isfinite(max);
  if (low && high) return " from " + format_number(min) + " to " + format_number(max);
  if (low) return " of at least " + format_number(min);
  if (high) return " of at most " + format_number(max);
  return "";
}

}  // namespace

bool read_bool(reader& r, const field& f, bool& out) {
  // YAML 1.1 also reads yes/no/on/off as booleans; a setting that moves money should not
  // depend on that, so only true and false are accepted.
  static constexpr std::string_view expected = "a boolean (true or false)";
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  if (s->text == "true" || s->text == "false") {
    out = s->text == "true";
    return true;
  }
  report(r, f, *s, expected);
  return false;
}

bool read_integer(reader& r, const field& f, std::int64_t min, std::int64_t max,
                  std::int64_t& out) {
  const std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  const auto value = parse_integer(s->text);
  if (!value || *value < min || *value > max) {
    report(r, f, *s, expected);
    return false;
  }
  out = *value;
  return true;
}

bool read_number(reader& r, const field& f, double min, double max, double& out) {
  const std::string expected = "a number" + range_text(min, max);
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  const auto value = parse_number(s->text);
  if (!value || *value < min || *value > max) {
    report(r, f, *s, expected);
    return false;
  }
  out = *value;
  return true;
}

bool read_duration(reader& r, const field& f, std::chrono::milliseconds min,
                   std::chrono::milliseconds max, std::chrono::milliseconds& out) {
  const std::string expected = "a duration from " + format_duration(min) + " to " +
                               format_duration(max) +
                               " (like 500ms, 30s, 5m, 1h, or a whole number of milliseconds)";
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  const auto value = parse_duration(s->text);
  if (!value || *value < min || *value > max) {
    report(r, f, *s, expected);
    return false;
  }
  out = *value;
  return true;
}

std::optional<scalar> read_name(reader& r, const field& f, std::string_view allowed_description,
                                bool (*allowed)(std::string_view), std::string& out) {
  auto s = r.get_scalar(f, allowed_description);
  if (!s) return std::nullopt;
  if (!allowed(s->text)) {
    report(r, f, *s, allowed_description);
    return std::nullopt;
  }
  out = s->text;
  return s;
}

bool read_path(reader& r, const field& f, std::filesystem::path& out) {
  static constexpr std::string_view expected = "a path";
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  if (s->text.empty()) {
    r.error(s->mark, f.path + ": expected a path, got an empty string");
    return false;
  }
  out = s->text;
  return true;
}

bool read_enum_name(reader& r, const field& f, const std::vector<std::string_view>& names,
                    std::size_t& index) {
  std::string expected = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i)
    expected += (i ? ", " : "") + std::string(names[i]);
  const auto s = r.get_scalar(f, expected);
  if (!s) return false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s->text) {
      index = i;
      return true;
    }
  }
  std::string message = f.path + ": expected " + expected + ", got " + s->shown();
  // A suggestion computed from an environment value would hint at the secret.
  if (!s->from_env) {
    if (const auto guess = closest_match(s->text, names))
      message += "; did you mean '" + *guess + "'?";
  }
  r.error(s->mark, std::move(message));
  return false;
}

bool is_plugin_name(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool is_object_name(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_metric_name(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == ':';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tb::host::config_internal
