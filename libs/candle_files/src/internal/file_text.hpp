// Small facts about a candle file's text shared by the CSV and JSON readers, and reading it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tb::candle_files::internal {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

inline std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
  return text;
}

// The position of the first character that is not a space, tab or line end; npos if none.
inline std::size_t first_content(std::string_view text) {
  return text.find_first_not_of(" \t\r\n");
}

// The whole file; candle_file_error naming it when it is a directory ("is a directory; pass
// <expected>") or cannot be read.
std::string read_file_text(const std::filesystem::path& path, std::string_view expected);

}  // namespace tb::candle_files::internal
