#include "candle_files/file_list.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <system_error>

#include "candle_files/candle_file.hpp"

namespace tb::candle_files {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

}  // namespace

std::vector<std::filesystem::path> list_files(const std::filesystem::path& directory,
                                              std::initializer_list<std::string_view> extensions) {
  std::error_code ec;
  std::filesystem::directory_iterator it(directory, ec);
  if (ec) {
    throw candle_file_error(
        directory.string() + ": cannot list the directory (" + ec.message() + ")", 0, 0);
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : it) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string extension = entry.path().extension().string();
    if (std::any_of(extensions.begin(), extensions.end(), [&](std::string_view wanted) {
          return same_ignoring_case(extension, wanted);
        })) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace tb::candle_files
