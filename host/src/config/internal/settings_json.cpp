#include "config/internal/settings_json.hpp"

#include <charconv>
#include <set>
#include <string>

#include "config/internal/scalar_text.hpp"

namespace tb::host::config_internal {
namespace {

constexpr int max_depth = 64;
constexpr std::string_view str_tag = "tag:yaml.org,2002:str";

bool is_digits(std::string_view text, int base) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok =
        base == 8    ? (c >= '0' && c <= '7')
        : base == 10 ? (c >= '0' && c <= '9')
                     : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    if (!ok) return false;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, the core schema's float.
bool looks_like_float(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i - start;
  };
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  const std::size_t whole = digits();
  std::size_t fraction = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (whole == 0 && fraction == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == t.size();
}

std::optional<nlohmann::json> resolve_integer(std::string_view text, int base, bool& too_large) {
  const bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
  if (base != 10) digits.remove_prefix(2);  // 0o / 0x
  if (!is_digits(digits, base)) return std::nullopt;
  std::uint64_t magnitude = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  constexpr std::uint64_t int64_limit = std::uint64_t{1} << 63;
  if (ec != std::errc{} || end != digits.data() + digits.size() ||
      (negative && magnitude > int64_limit)) {
    too_large = true;
    return std::nullopt;
  }
  if (negative) return nlohmann::json(static_cast<std::int64_t>(0 - magnitude));
  if (magnitude < int64_limit) return nlohmann::json(static_cast<std::int64_t>(magnitude));
  return nlohmann::json(magnitude);
}

}  // namespace

std::optional<nlohmann::json> resolve_plain(std::string_view text, bool& too_large) {
  too_large = false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nlohmann::json(nullptr);
  }
  if (text == "true" || text == "True" || text == "TRUE") return nlohmann::json(true);
  if (text == "false" || text == "False" || text == "FALSE") return nlohmann::json(false);
  if (text.starts_with("0o")) return resolve_integer(text, 8, too_large);
  if (text.starts_with("0x")) return resolve_integer(text, 16, too_large);
  if (auto integer = resolve_integer(text, 10, too_large); integer || too_large) return integer;
  if (!looks_like_float(text)) return std::nullopt;
  if (const auto number = parse_number(text)) return nlohmann::json(*number);
  too_large = true;
  return std::nullopt;
}

namespace {

std::optional<nlohmann::json> convert(reader& r, const YAML::Node& node, const std::string& path,
                                      int depth);

bool valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

std::optional<nlohmann::json> convert_scalar(reader& r, const YAML::Node& node,
                                             const std::string& path) {
  const std::string& tag = node.Tag();
  if (tag != "?" && tag != "!" && tag != str_tag) {
    r.error(node.Mark(), path + ": unsupported tag '" + tag +
                             "'; remove it, or quote the value to pass it as a string");
    return std::nullopt;
  }
  auto s = r.substitute(node.Scalar(), node.Mark(), path);
  if (!s) return std::nullopt;
  if (!valid_utf8(s->text)) {
    r.error(s->mark, path + ": " + s->shown() + " is not valid UTF-8 text");
    return std::nullopt;
  }
  if (tag != "?" || s->from_env) return nlohmann::json(std::move(s->text));
  bool too_large = false;
  if (auto resolved = resolve_plain(s->text, too_large)) return resolved;
  if (too_large) {
    r.error(s->mark, path + ": the number " + s->shown() +
                         " does not fit in 64 bits; quote it to pass it as a string");
    return std::nullopt;
  }
  return nlohmann::json(std::move(s->text));
}

std::optional<nlohmann::json> convert_map(reader& r, const YAML::Node& node,
                                          const std::string& path, int depth) {
  nlohmann::json object = nlohmann::json::object();
  std::set<std::string> seen;
  bool ok = true;
  // Each pair is a temporary: copy the nodes (cheap handles) rather than refer into it.
  for (const auto& pair : node) {
    const YAML::Node key = pair.first;
    if (!key.IsScalar()) {
      r.error(key.Mark(),
              path + ": keys must be plain names, got " + std::string(describe_kind(key)));
      ok = false;
      continue;
    }
    const std::string& name = key.Scalar();
    if (!valid_utf8(name)) {
      r.error(key.Mark(), path + ": a key is not valid UTF-8 text");
      ok = false;
      continue;
    }
    if (!seen.insert(name).second) {
      r.error(key.Mark(), path + ": duplicate key '" + name + "'");
      ok = false;
      continue;
    }
    auto value = convert(r, pair.second, join_path(path, name), depth + 1);
    if (value) object[name] = std::move(*value);
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return object;
}

std::optional<nlohmann::json> convert(reader& r, const YAML::Node& node, const std::string& path,
                                      int depth) {
  if (depth > max_depth && (node.IsMap() || node.IsSequence())) {
    // Past this depth the path is mostly repetition; its start says where to look.
    const std::string shown = path.size() > 80 ? path.substr(0, 80) + "..." : path;
    r.error(node.Mark(), shown + ": nested more than " + std::to_string(max_depth) +
                             " levels deep (does an alias refer to itself?)");
    return std::nullopt;
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return convert_scalar(r, node, path);
    case YAML::NodeType::Map:
      return convert_map(r, node, path, depth);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      bool ok = true;
      std::size_t index = 0;
      for (const YAML::Node& item : node) {
        auto value = convert(r, item, path + "[" + std::to_string(index++) + "]", depth + 1);
        if (value) array.push_back(std::move(*value));
        ok = ok && value.has_value();
      }
      if (!ok) return std::nullopt;
      return array;
    }
    default:
      return nlohmann::json(nullptr);
  }
}

}  // namespace

std::optional<nlohmann::json> settings_to_json(reader& r, const field& f) {
  if (!f.value.IsDefined() || f.value.IsNull()) return nlohmann::json::object();
  if (!f.value.IsMap()) {
    r.error(f.value.Mark(), f.path + ": expected a map of the plugin's settings, got " +
                                std::string(describe_kind(f.value)));
    return std::nullopt;
  }
  return convert_map(r, f.value, f.path, 0);
}

}  // namespace tb::host::config_internal
