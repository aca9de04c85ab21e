// Small facts about a candle file's text shared by the CSV and JSON readers.
#pragma once

#include <string_view>

namespace tb::host::analysis_internal {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

inline std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
  return text;
}

// The position of the first character that is not a space, tab or line end; npos if none.
inline std::size_t first_content(std::string_view text) {
  return text.find_first_not_of(" \t\r\n");
}

}  // namespace tb::host::analysis_internal
