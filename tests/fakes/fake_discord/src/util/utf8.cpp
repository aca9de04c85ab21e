#include "util/utf8.hpp"

namespace tb::fake_discord {

std::size_t utf8_length(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;  // skip continuation bytes
  return n;
}

std::string trim_whitespace(const std::string& text) {
  const char* ws = " \t\n\r\f\v";
  const auto first = text.find_first_not_of(ws);
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(ws);
  return text.substr(first, last - first + 1);
}

std::size_t trimmed_length(const std::string& text) { return utf8_length(trim_whitespace(text)); }

}  // namespace tb::fake_discord
