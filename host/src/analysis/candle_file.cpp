#include "analysis/candle_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "analysis/internal/file_text.hpp"

namespace tb::host {

candle_columns read_candle_file(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw candle_file_error(source + ": is a directory; pass a candle CSV or JSON file", 0, 0);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw candle_file_error(
        source + ": cannot open the file (" + std::strerror(errno) + "); check the path", 0, 0);
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw candle_file_error(source + ": cannot read the file (" + std::strerror(errno) + ")", 0, 0);
  }
  const std::string_view body = analysis_internal::strip_bom(text);
  const std::size_t start = analysis_internal::first_content(body);
  if (start != std::string_view::npos && body[start] == '[') {
    return parse_candle_json(text, source);
  }
  return parse_candle_csv(text, source);
}

}  // namespace tb::host
