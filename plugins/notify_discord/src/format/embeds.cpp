#include "format/embeds.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace tb::discord {
namespace {

using json = nlohmann::json;

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026
constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t inline_max = 40;  // values up to this many characters sit side by side

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    cp = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return n;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trimmed(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Discord rejects empty field names and values.
std::string non_empty(std::string text) { return text.empty() ? std::string("-") : text; }

std::string value_text(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "-";
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

struct field {
  std::string name;
  std::string value;
  bool inline_ = false;
  std::size_t length() const noexcept { return char_count(name) + char_count(value); }
};

field make_field(std::string_view name, std::string_view value) {
  field f;
  f.name = non_empty(fit_text(name, embed_limit::field_name));
  f.value = non_empty(fit_text(value, embed_limit::field_value));
  f.inline_ = char_count(f.value) <= inline_max && f.value.find('\n') == std::string::npos;
  return f;
}

// Fields from the JSON object text; anything else is shown as text in one field.
std::vector<field> fields_from(std::string_view fields_json) {
  std::vector<field> fields;
  if (trimmed(fields_json).empty()) return fields;
  const auto parsed = nlohmann::ordered_json::parse(fields_json, nullptr, false);
  if (parsed.is_null()) return fields;
  if (!parsed.is_object()) {
    fields.push_back(make_field("Details", fields_json));
    fields.back().inline_ = false;
    return fields;
  }
  for (auto it = parsed.begin(); it != parsed.end(); ++it) {
    fields.push_back(make_field(it.key(), value_text(it.value())));
  }
  return fields;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The realised PnL of a closed trade, from the first field named like "pnl" or "profit".
struct pnl {
  bool known = false;
  double value = 0;
  std::string text;
};

pnl pnl_from(const std::vector<field>& fields) {
  for (const field& f : fields) {
    const std::string name = lower(f.name);
    if (name.find("pnl") == std::string::npos && name.find("profit") == std::string::npos) continue;
    std::string number = f.value;
    number.erase(std::remove(number.begin(), number.end(), ','), number.end());
    const char* begin = number.c_str();
    if (*begin == '+') ++begin;
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    if (end == begin) continue;
    return {true, value, f.value};
  }
  return {};
}

struct style {
  std::string title;
  std::int32_t colour = colour::blue;
};

std::int32_t colour_of(sdk::severity level) {
  switch (level) {
    case sdk::severity::critical: return colour::red;
    case sdk::severity::warning: return colour::orange;
    default: return colour::blue;
  }
}

std::string or_default(std::string_view title, std::string_view fallback) {
  return std::string(trimmed(title).empty() ? fallback : trimmed(title));
}

style style_of(const sdk::notification& note, const std::vector<field>& fields) {
  switch (note.kind) {
    case sdk::note_kind::trade_opened:
      return {"\xF0\x9F\x9F\xA2 " + or_default(note.title, "Trade opened"), colour::green};  // 🟢
    case sdk::note_kind::trade_closed: {
      std::string title = or_default(note.title, "Trade closed");
      const pnl result = pnl_from(fields);
      if (!result.known) return {"\xF0\x9F\x8F\x81 " + title, colour::blue};  // 🏁
      if (lower(title).find("pnl") == std::string::npos) title += " (PnL " + result.text + ")";
      if (result.value < 0) return {"\xF0\x9F\x94\xBB " + title, colour::red};  // 🔻
      return {"\xF0\x9F\x92\xB0 " + title, colour::green};                      // 💰
    }
    case sdk::note_kind::alert: {
      const std::string title = or_default(note.title, "Alert");
      switch (note.level) {
        case sdk::severity::critical: return {"\xF0\x9F\x9A\xA8 " + title, colour::red};  // 🚨
        case sdk::severity::warning:
          return {"\xE2\x9A\xA0\xEF\xB8\x8F " + title, colour::orange};  // ⚠️
        default: return {"\xE2\x84\xB9\xEF\xB8\x8F " + title, colour::blue};  // ℹ️
      }
    }
    case sdk::note_kind::alert_resolved:
      return {"\xE2\x9C\x85 Resolved: " + or_default(note.title, "alert"), colour::grey};  // ✅
    case sdk::note_kind::daily_summary:
      return {"\xF0\x9F\x93\x8A " + or_default(note.title, "Daily summary"), colour::blue};  // 📊
    default:
      return {or_default(note.title, "Notification"), colour_of(note.level)};
  }
}

// Keeps title + description + fields + footer within Discord's 6000 per message: the
// description keeps at least its first ~1000 characters, fields are dropped from the end
// (with a note saying how many), then the description takes what is left.
void fit_total(std::size_t fixed, std::string& description, std::vector<field>& fields) {
  constexpr std::size_t kept_description = 1000;
  constexpr std::size_t note_reserve = 32;
  std::size_t omitted = 0;
  if (fields.size() > embed_limit::fields) {
    omitted = fields.size() - (embed_limit::fields - 1);
    fields.resize(embed_limit::fields - 1);
  }
  std::size_t fields_length = 0;
  for (const field& f : fields) fields_length += f.length();
  const std::size_t description_floor = std::min(char_count(description), kept_description);
  while (!fields.empty() &&
         fixed + fields_length + description_floor + note_reserve > embed_limit::total) {
    fields_length -= fields.back().length();
    fields.pop_back();
    ++omitted;
  }
  if (omitted > 0) {
    field note = make_field(ellipsis, "+" + std::to_string(omitted) + " more fields not shown");
    note.inline_ = false;
    fields_length += note.length();
    fields.push_back(std::move(note));
  }
  const std::size_t used = fixed + fields_length;
  const std::size_t room = used < embed_limit::total ? embed_limit::total - used : 0;
  if (char_count(description) > room) description = fit_text(description, room);
}

}  // namespace

std::size_t char_count(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
  }
  return count;
}

std::string fit_text(std::string_view text, std::size_t max_chars) {
  const std::string clean = valid_utf8(text);
  const std::string_view view = trimmed(clean);
  if (char_count(view) <= max_chars) return std::string(view);
  if (max_chars == 0) return {};
  // Keep max_chars - 1 code points, then the ellipsis.
  std::size_t end = 0;
  for (std::size_t kept = 0; kept < max_chars - 1 && end < view.size(); ++kept) {
    end += sequence_length(view, end);
  }
  std::string out(trimmed(view.substr(0, end)));
  out += ellipsis;
  return out;
}

std::string iso8601_utc(std::int64_t time_ms) {
  std::int64_t days = time_ms / 86'400'000;
  std::int64_t ms_of_day = time_ms % 86'400'000;
  if (ms_of_day < 0) {
    ms_of_day += 86'400'000;
    --days;
  }
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[128];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(ms_of_day / 3'600'000),
                static_cast<long long>(ms_of_day / 60'000 % 60),
                static_cast<long long>(ms_of_day / 1000 % 60),
                static_cast<long long>(ms_of_day % 1000));
  return text;
}

json message_for(const sdk::notification& note, std::string_view nonce) {
  std::vector<field> fields = fields_from(note.fields_json);
  const style look = style_of(note, fields);
  const std::string title = fit_text(look.title, embed_limit::title);
  const std::string footer = fit_text(note.key, embed_limit::footer);
  std::string description = fit_text(note.body, embed_limit::description);
  fit_total(char_count(title) + char_count(footer), description, fields);

  json embed = json::object();
  embed["type"] = "rich";
  embed["title"] = title;
  if (!description.empty()) embed["description"] = description;
  embed["color"] = look.colour;
  if (!fields.empty()) {
    json list = json::array();
    for (const field& f : fields) {
      list.push_back({{"name", f.name}, {"value", f.value}, {"inline", f.inline_}});
    }
    embed["fields"] = std::move(list);
  }
  if (note.time_ms > 0) embed["timestamp"] = iso8601_utc(note.time_ms);
  if (!footer.empty()) embed["footer"] = {{"text", footer}};

  json message = json::object();
  message["allowed_mentions"] = {{"parse", json::array()}};
  message["embeds"] = json::array({std::move(embed)});
  if (!nonce.empty()) {
    message["nonce"] = std::string(nonce.substr(0, embed_limit::nonce));
    message["enforce_nonce"] = true;
  }
  return message;
}

}  // namespace tb::discord
