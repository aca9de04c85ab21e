#include "rest/message_validation.hpp"

#include <string>
#include <vector>

#include "rest/api_error.hpp"
#include "util/utf8.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;
using path_t = std::vector<std::string>;

constexpr std::size_t max_content = 2000;
constexpr std::size_t max_embeds = 10;
constexpr std::size_t max_title = 256;
constexpr std::size_t max_description = 4096;
constexpr std::size_t max_fields = 25;
constexpr std::size_t max_field_name = 256;
constexpr std::size_t max_field_value = 1024;
constexpr std::size_t max_footer = 2048;
constexpr std::size_t max_author = 256;
constexpr std::size_t max_embed_total = 6000;
constexpr std::size_t max_nonce = 25;
constexpr std::int64_t max_color = 0xFFFFFF;

path_t join(path_t base, const std::string& key) {
  base.push_back(key);
  return base;
}

// A string field with a length limit; `required` fields must be present and non-empty.
void check_text(const json& parent, const std::string& key, std::size_t limit, bool required, const path_t& at,
                form_errors& errors) {
  const auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) {
    if (required) errors.add(join(at, key), "BASE_TYPE_REQUIRED", "This field is required");
    return;
  }
  if (!it->is_string()) return errors.add(join(at, key), "BASE_TYPE_STRING", "Must be a string.");
  const auto n = trimmed_length(it->get<std::string>());
  if (required && n == 0) return errors.add(join(at, key), "BASE_TYPE_REQUIRED", "This field is required");
  if (n > limit) errors.add(join(at, key), "BASE_TYPE_MAX_LENGTH", max_length_message(limit));
}

std::size_t text_length(const json& parent, const std::string& key) {
  const auto it = parent.find(key);
  return it != parent.end() && it->is_string() ? trimmed_length(it->get<std::string>()) : 0;
}

void check_embed(const json& embed, const path_t& at, form_errors& errors) {
  if (!embed.is_object()) return errors.add(at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
  check_text(embed, "title", max_title, false, at, errors);
  check_text(embed, "description", max_description, false, at, errors);
  check_text(embed, "url", 2048, false, at, errors);
  check_text(embed, "timestamp", 64, false, at, errors);
  if (const auto c = embed.find("color"); c != embed.end() && !c->is_null()) {
    if (!c->is_number_integer()) {
      errors.add(join(at, "color"), "NUMBER_TYPE_COERCE", "Value \"" + c->dump() + "\" is not int.");
    } else if (c->get<std::int64_t>() < 0) {
      errors.add(join(at, "color"), "NUMBER_TYPE_MIN", "int value should be greater than or equal to 0.");
    } else if (c->get<std::int64_t>() > max_color) {
      errors.add(join(at, "color"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.");
    }
  }
  if (const auto f = embed.find("footer"); f != embed.end() && !f->is_null()) {
    if (!f->is_object()) errors.add(join(at, "footer"), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    else check_text(*f, "text", max_footer, true, join(at, "footer"), errors);
  }
  if (const auto a = embed.find("author"); a != embed.end() && !a->is_null()) {
    if (!a->is_object()) errors.add(join(at, "author"), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    else check_text(*a, "name", max_author, true, join(at, "author"), errors);
  }
  if (const auto fs = embed.find("fields"); fs != embed.end() && !fs->is_null()) {
    if (!fs->is_array()) return errors.add(join(at, "fields"), "BASE_TYPE_LIST", "Must be a list.");
    if (fs->size() > max_fields)
      return errors.add(join(at, "fields"), "BASE_TYPE_MAX_LENGTH", max_length_message(max_fields));
    for (std::size_t i = 0; i < fs->size(); ++i) {
      const auto field_at = join(join(at, "fields"), std::to_string(i));
      const auto& field = (*fs)[i];
      if (!field.is_object()) {
        errors.add(field_at, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
        continue;
      }
      check_text(field, "name", max_field_name, true, field_at, errors);
      check_text(field, "value", max_field_value, true, field_at, errors);
    }
  }
}

bool has_meaningful(const json& body, const std::string& key) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return false;
  if (it->is_string()) return !trim_whitespace(it->get<std::string>()).empty();
  if (it->is_array() || it->is_object()) return !it->empty();
  return true;
}

}  // namespace

std::size_t embed_size(const json& embed) {
  if (!embed.is_object()) return 0;
  std::size_t n = text_length(embed, "title") + text_length(embed, "description");
  if (const auto f = embed.find("footer"); f != embed.end() && f->is_object()) n += text_length(*f, "text");
  if (const auto a = embed.find("author"); a != embed.end() && a->is_object()) n += text_length(*a, "name");
  if (const auto fs = embed.find("fields"); fs != embed.end() && fs->is_array())
    for (const auto& field : *fs)
      if (field.is_object()) n += text_length(field, "name") + text_length(field, "value");
  return n;
}

std::optional<rest_response> validate_message(const json& body, const message_rules& rules) {
  form_errors errors;
  if (!body.is_object()) {
    errors.add({}, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return errors.response();
  }
  check_text(body, "content", max_content, false, {}, errors);
  if (const auto e = body.find("embeds"); e != body.end() && !e->is_null()) {
    if (!e->is_array()) {
      errors.add({"embeds"}, "BASE_TYPE_LIST", "Must be a list.");
    } else if (e->size() > max_embeds) {
      errors.add({"embeds"}, "BASE_TYPE_MAX_LENGTH", max_length_message(max_embeds));
    } else {
      std::size_t total = 0;
      for (std::size_t i = 0; i < e->size(); ++i) {
        check_embed((*e)[i], {"embeds", std::to_string(i)}, errors);
        total += embed_size((*e)[i]);
      }
      if (total > max_embed_total)
        errors.add({"embeds"}, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
    }
  }
  if (const auto f = body.find("flags"); f != body.end() && !f->is_null()) {
    if (!f->is_number_integer()) {
      errors.add({"flags"}, "NUMBER_TYPE_COERCE", "Value \"" + f->dump() + "\" is not int.");
    } else if ((f->get<std::int64_t>() & ~rules.allowed_flags) != 0) {
      errors.add({"flags"}, "MESSAGE_FLAGS_INVALID", "Contains flags that may not be set on this message.");
    }
  }
  if (const auto n = body.find("nonce"); rules.nonce_allowed && n != body.end() && !n->is_null()) {
    if (n->is_string()) {
      if (utf8_length(n->get<std::string>()) > max_nonce)
        errors.add({"nonce"}, "BASE_TYPE_MAX_LENGTH", max_length_message(max_nonce));
    } else if (!n->is_number_integer()) {
      errors.add({"nonce"}, "NONCE_TYPE_INVALID", "Nonce must be a string or an integer.");
    }
  }
  if (!errors.empty()) return errors.response();
  if (rules.require_content) {
    const bool any = has_meaningful(body, "content") || has_meaningful(body, "embeds") ||
                     has_meaningful(body, "components") || has_meaningful(body, "sticker_ids") ||
                     has_meaningful(body, "poll") || has_meaningful(body, "attachments");
    if (!any) return json_response(400, {{"message", "Cannot send an empty message"}, {"code", 50006}});
  }
  return std::nullopt;
}

}  // namespace tb::fake_discord
