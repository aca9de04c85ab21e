// The data files of a directory, for series split over several files.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace tb::candle_files {

// The regular files directly in `directory` whose extension is one of `extensions` (".csv";
// any case), sorted by name. A missing or unreadable directory is a candle_file_error naming it.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& directory,
                                              std::initializer_list<std::string_view> extensions);

}  // namespace tb::candle_files
