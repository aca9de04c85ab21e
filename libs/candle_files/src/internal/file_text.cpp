#include "internal/file_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "candle_files/candle_file.hpp"

namespace tb::candle_files::internal {

std::string read_file_text(const std::filesystem::path& path, std::string_view expected) {
  const std::string source = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw candle_file_error(source + ": is a directory; pass " + std::string(expected), 0, 0);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw candle_file_error(
        source + ": cannot open the file (" + std::strerror(errno) + "); check the path", 0, 0);
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw candle_file_error(source + ": cannot read the file (" + std::strerror(errno) + ")", 0, 0);
  }
  return text;
}

}  // namespace tb::candle_files::internal
