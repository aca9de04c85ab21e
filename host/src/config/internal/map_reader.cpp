#include "config/internal/map_reader.hpp"

#include "config/internal/suggestion.hpp"

namespace tb::host::config_internal {
namespace {

std::string where_text(const std::string& path) {
  return path.empty() ? "at the top level" : "in '" + path + "'";
}

std::string list_keys(std::initializer_list<std::string_view> keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

}  // namespace

map_reader::map_reader(reader& r, const field& f, bool null_is_empty)
    : reader_(r),
      path_(f.path),
      mark_(f.value.IsDefined() && !f.value.IsNull() ? f.value.Mark() : f.key_mark) {
  if (!f.value.IsDefined() || f.value.IsNull()) {
    is_map_ = null_is_empty;
    if (!null_is_empty) reader_.error(f.key_mark, path_ + ": no value given; expected a map");
    return;
  }
  if (!f.value.IsMap()) {
    const std::string name = path_.empty() ? "the top level of the file" : path_;
    reader_.error(f.value.Mark(), name + ": expected a map of settings (key: value lines), got " +
                                      std::string(describe_kind(f.value)));
    return;
  }
  is_map_ = true;
  collect(f.value);
}

void map_reader::collect(const YAML::Node& node) {
  // Each pair is a temporary: copy the nodes (cheap handles) rather than refer into it.
  for (const auto& pair : node) {
    const YAML::Node key = pair.first;
    if (!key.IsScalar()) {
      reader_.error(key.Mark(), "keys must be plain names, got " + std::string(describe_kind(key)) +
                                    " as a key " + where_text(path_));
      continue;
    }
    const std::string name = key.Scalar();
    if (const auto first = get(name)) {
      reader_.error(key.Mark(), "duplicate key '" + name + "' " + where_text(path_) +
                                    " (first given at line " +
                                    std::to_string(first->key_mark.line + 1) + ")");
      continue;
    }
    entries_.emplace_back(name, field{pair.second, join_path(path_, name), key.Mark()});
  }
}

void map_reader::allow_only(std::initializer_list<std::string_view> allowed) {
  const std::vector<std::string_view> candidates(allowed);
  for (const auto& [name, f] : entries_) {
    bool known = false;
    for (std::string_view key : allowed) known = known || key == name;
    if (known) continue;
    std::string message = "unknown key '" + name + "' " + where_text(path_);
    if (name == "<<") {
      message += "; YAML merge keys are not supported, write the settings out";
    } else if (const auto guess = closest_match(name, candidates)) {
      message += "; did you mean '" + *guess + "'?";
    } else {
      message += "; allowed keys: " + list_keys(allowed);
    }
    reader_.error(f.key_mark, std::move(message));
  }
}

std::optional<field> map_reader::get(std::string_view key) const {
  for (const auto& [name, f] : entries_) {
    if (name == key) return f;
  }
  return std::nullopt;
}

std::optional<field> map_reader::require(std::string_view key, std::string_view expected) {
  std::optional<field> found = get(key);
  if (!found && is_map_) {
    const std::string prefix = path_.empty() ? "" : path_ + ": ";
    reader_.error(mark_, prefix + "missing required key '" + std::string(key) + "' (" +
                             std::string(expected) + ")");
  }
  return found;
}

std::optional<std::vector<field>> read_list(reader& r, const field& f, std::string_view expected) {
  if (!f.value.IsDefined() || f.value.IsNull()) {
    r.error(f.key_mark, f.path + ": no value given; expected a list of " + std::string(expected) +
                            " (write [] for none)");
    return std::nullopt;
  }
  if (!f.value.IsSequence()) {
    r.error(f.value.Mark(), f.path + ": expected a list of " + std::string(expected) + ", got " +
                                std::string(describe_kind(f.value)));
    return std::nullopt;
  }
  std::vector<field> items;
  std::size_t index = 0;
  for (const YAML::Node& item : f.value) {
    const YAML::Mark mark = item.Mark().line >= 0 ? item.Mark() : f.value.Mark();
    items.push_back({item, f.path + "[" + std::to_string(index++) + "]", mark});
  }
  return items;
}

}  // namespace tb::host::config_internal
