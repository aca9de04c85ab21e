// Where file_feed finds a symbol's files in its directory (the layout is documented in
// file_feed.hpp): discovery of the symbols present and the files of one symbol.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tb::exchange_sim {

struct symbol_files {
  std::vector<std::filesystem::path> candles;  // one file, or archive files (any order)
  std::vector<std::filesystem::path> funding;  // empty: no funding data
};

class file_layout {
 public:
  file_layout(std::filesystem::path directory, std::string interval);

  // Every symbol that has candle files for the interval, sorted by name.
  std::vector<std::string> symbols() const;

  // The files of `symbol`; std::runtime_error naming the places looked at when it has no
  // candle files for the interval.
  symbol_files files_of(const std::string& symbol) const;

  const std::filesystem::path& directory() const noexcept { return directory_; }

 private:
  std::filesystem::path directory_;
  std::string interval_;
};

}  // namespace tb::exchange_sim
