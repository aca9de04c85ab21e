#include "rest/command_validation.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rest/api_error.hpp"
#include "util/utf8.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;
using path_t = std::vector<std::string>;

constexpr std::size_t max_name = 32;
constexpr std::size_t max_description = 100;
constexpr std::size_t max_options = 25;
constexpr std::size_t max_choices = 25;
constexpr std::size_t max_command_text = 8000;
constexpr std::size_t max_chat_input = 100;
constexpr std::size_t max_context_menu = 15;

path_t join(path_t base, const std::string& key) {
  base.push_back(key);
  return base;
}

// ASCII is checked exactly against [-_'a-z0-9]; other code points are accepted (the real rule
// allows letters and digits of any script, which this fake does not classify).
bool valid_name(const std::string& name) {
  const auto n = utf8_length(name);
  if (n < 1 || n > max_name) return false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) continue;
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '\'';
    if (!ok) return false;
  }
  return true;
}

std::size_t text_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? utf8_length(it->get<std::string>()) : 0;
}

void check_name(const json& j, const path_t& at, form_errors& errors, std::size_t& total) {
  const auto it = j.find("name");
  if (it == j.end() || !it->is_string()) return errors.add(join(at, "name"), "BASE_TYPE_REQUIRED", "This field is required");
  const auto name = it->get<std::string>();
  total += utf8_length(name);
  const auto n = utf8_length(name);
  if (n < 1 || n > max_name) return errors.add(join(at, "name"), "BASE_TYPE_BAD_LENGTH", length_range_message(1, max_name));
  if (!valid_name(name))
    errors.add(join(at, "name"), "APPLICATION_COMMAND_INVALID_NAME",
               "Command name is invalid (lower case letters, digits, '-', '_' and ''' only)");
}

void check_description(const json& j, bool required, const path_t& at, form_errors& errors, std::size_t& total) {
  const auto it = j.find("description");
  if (it == j.end() || it->is_null()) {
    if (required) errors.add(join(at, "description"), "BASE_TYPE_REQUIRED", "This field is required");
    return;
  }
  if (!it->is_string()) return errors.add(join(at, "description"), "BASE_TYPE_STRING", "Must be a string.");
  const auto n = utf8_length(it->get<std::string>());
  total += n;
  if (!required && n != 0)
    return errors.add(join(at, "description"), "APPLICATION_COMMAND_DESCRIPTION_INVALID",
                      "Context menu commands cannot have a description");
  if (required && (n < 1 || n > max_description))
    errors.add(join(at, "description"), "BASE_TYPE_BAD_LENGTH", length_range_message(1, max_description));
}

void check_choices(const json& option, const path_t& at, form_errors& errors, std::size_t& total) {
  const auto it = option.find("choices");
  if (it == option.end() || it->is_null()) return;
  if (!it->is_array()) return errors.add(join(at, "choices"), "BASE_TYPE_LIST", "Must be a list.");
  if (it->size() > max_choices)
    return errors.add(join(at, "choices"), "BASE_TYPE_MAX_LENGTH", max_length_message(max_choices));
  if (option.value("autocomplete", false))
    errors.add(join(at, "autocomplete"), "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
               "Autocomplete cannot be set together with choices");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& c = (*it)[i];
    const auto c_at = join(join(at, "choices"), std::to_string(i));
    if (!c.is_object()) {
      errors.add(c_at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      continue;
    }
    const auto name_len = text_of(c, "name");
    total += name_len;
    if (name_len < 1 || name_len > 100) errors.add(join(c_at, "name"), "BASE_TYPE_BAD_LENGTH", length_range_message(1, 100));
    const auto v = c.find("value");
    if (v == c.end() || v->is_null()) {
      errors.add(join(c_at, "value"), "BASE_TYPE_REQUIRED", "This field is required");
    } else if (v->is_string()) {
      total += utf8_length(v->get<std::string>());
      if (utf8_length(v->get<std::string>()) > 100)
        errors.add(join(c_at, "value"), "BASE_TYPE_MAX_LENGTH", max_length_message(100));
    } else {
      total += v->dump().size();
    }
  }
}

void check_options(const json& parent, const path_t& at, form_errors& errors, std::size_t& total, int depth) {
  const auto it = parent.find("options");
  if (it == parent.end() || it->is_null()) return;
  if (!it->is_array()) return errors.add(join(at, "options"), "BASE_TYPE_LIST", "Must be a list.");
  if (it->size() > max_options)
    return errors.add(join(at, "options"), "BASE_TYPE_MAX_LENGTH", max_length_message(max_options));
  bool seen_optional = false;
  std::set<std::string> names;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& o = (*it)[i];
    const auto o_at = join(join(at, "options"), std::to_string(i));
    if (!o.is_object()) {
      errors.add(o_at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      continue;
    }
    const auto type = o.value("type", 0);
    if (!o.contains("type") || !o["type"].is_number_integer() || type < 1 || type > 11)
      errors.add(join(o_at, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, ..., 11}.");
    check_name(o, o_at, errors, total);
    check_description(o, true, o_at, errors, total);
    if (o.contains("name") && o["name"].is_string() && !names.insert(o["name"].get<std::string>()).second)
      errors.add(join(o_at, "name"), "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique");
    const bool required = o.value("required", false);
    if (required && seen_optional)
      errors.add(join(at, "options"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                 "Required options must be placed before non-required options");
    if (!required) seen_optional = true;
    check_choices(o, o_at, errors, total);
    const bool container = type == 1 || type == 2;  // SUB_COMMAND, SUB_COMMAND_GROUP
    if (container && depth < 2) check_options(o, o_at, errors, total, depth + 1);
    else if (o.contains("options") && !o["options"].is_null())
      errors.add(join(o_at, "options"), "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                 "Only subcommands and groups may have nested options");
  }
}

}  // namespace

std::optional<rest_response> validate_command_array(const json& body) {
  form_errors errors;
  if (!body.is_array()) {
    errors.add({}, "BASE_TYPE_ARRAY", "Must be an array.");
    return errors.response();
  }
  std::set<std::pair<int, std::string>> seen;
  std::map<int, std::size_t> per_type;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto& c = body[i];
    const path_t at{std::to_string(i)};
    if (!c.is_object()) {
      errors.add(at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      continue;
    }
    int type = 1;
    if (const auto t = c.find("type"); t != c.end() && !t->is_null()) {
      if (!t->is_number_integer() || t->get<int>() < 1 || t->get<int>() > 4) {
        errors.add({std::to_string(i), "type"}, "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.");
        continue;
      }
      type = t->get<int>();
    }
    std::size_t total = 0;
    check_name(c, at, errors, total);
    check_description(c, type == 1 || type == 4, at, errors, total);
    if (type == 1) check_options(c, at, errors, total, 0);
    if (total > max_command_text)
      errors.add(at, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (8000)");
    if (c.contains("name") && c["name"].is_string() && !seen.insert({type, c["name"].get<std::string>()}).second)
      errors.add({std::to_string(i), "name"}, "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    ++per_type[type];
  }
  if (per_type[1] > max_chat_input || per_type[2] > max_context_menu || per_type[3] > max_context_menu)
    errors.add({}, "APPLICATION_COMMANDS_MAX_EXCEEDED", "Too many application commands of one type");
  if (!errors.empty()) return errors.response();
  return std::nullopt;
}

}  // namespace tb::fake_discord
