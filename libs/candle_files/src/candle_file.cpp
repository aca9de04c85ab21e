#include "candle_files/candle_file.hpp"

#include "internal/file_text.hpp"

namespace tb::candle_files {

candle_columns read_candle_file(const std::filesystem::path& path, const read_options& options) {
  const std::string text = internal::read_file_text(path, "a candle CSV or JSON file");
  const std::string_view body = internal::strip_bom(text);
  const std::size_t start = internal::first_content(body);
  if (start != std::string_view::npos && body[start] == '[') {
    return parse_candle_json(text, path.string(), options);
  }
  return parse_candle_csv(text, path.string(), options);
}

}  // namespace tb::candle_files
