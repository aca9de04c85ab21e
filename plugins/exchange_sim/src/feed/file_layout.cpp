#include "feed/file_layout.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "candle_files/file_list.hpp"

namespace tb::exchange_sim {
namespace {

namespace fs = std::filesystem;

bool is_symbol(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_';
  });
}

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// The candle files directly in the directory: <SYMBOL>-<interval>.csv|.json (single) or
// <SYMBOL>-<interval>-*.csv (archive).
struct named_file {
  std::string symbol;
  bool single = false;
  fs::path path;
};

std::vector<named_file> candle_files_beside(const fs::path& directory,
                                            const std::string& interval) {
  std::vector<named_file> out;
  for (const fs::path& file : candle_files::list_files(directory, {".csv", ".json"})) {
    const std::string stem = file.stem().string();
    const std::size_t dash = stem.find('-');
    if (dash == std::string::npos || !is_symbol(stem.substr(0, dash))) continue;
    const std::string_view rest = std::string_view(stem).substr(dash + 1);
    if (!rest.starts_with(interval)) continue;
    const bool single = rest.size() == interval.size();
    const bool archive = rest.size() > interval.size() && rest[interval.size()] == '-' &&
                         file.extension() != ".json" && file.extension() != ".JSON";
    if (single || archive) out.push_back({stem.substr(0, dash), single, file});
  }
  return out;
}

}  // namespace

file_layout::file_layout(fs::path directory, std::string interval)
    : directory_(std::move(directory)), interval_(std::move(interval)) {
  if (!is_dir(directory_)) {
    throw std::runtime_error(directory_.string() +
                             ": not a directory; file_feed needs the "
                             "directory holding the candle files");
  }
}

std::vector<std::string> file_layout::symbols() const {
  std::set<std::string> found;
  for (const named_file& file : candle_files_beside(directory_, interval_))
    found.insert(file.symbol);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory_, ec)) {
    const std::string name = entry.path().filename().string();
    if (is_symbol(name) && is_dir(entry.path() / interval_)) found.insert(name);
  }
  return {found.begin(), found.end()};
}

symbol_files file_layout::files_of(const std::string& symbol) const {
  symbol_files files;
  std::vector<fs::path> archive;
  for (const named_file& file : candle_files_beside(directory_, interval_)) {
    if (file.symbol != symbol) continue;
    if (file.single) files.candles = {file.path};
    if (!file.single) archive.push_back(file.path);
  }
  // The first form present wins: one file, then <SYMBOL>/<interval>/, then side by side.
  if (files.candles.empty() && is_dir(directory_ / symbol / interval_)) {
    files.candles = candle_files::list_files(directory_ / symbol / interval_, {".csv"});
  }
  if (files.candles.empty()) files.candles = std::move(archive);
  if (files.candles.empty()) {
    const std::string stem = symbol + "-" + interval_;
    throw std::runtime_error(directory_.string() + ": no " + interval_ + " candles for " + symbol +
                             "; expected " + stem + ".csv, " + stem + ".json, " + symbol + "/" +
                             interval_ + "/*.csv or " + stem + "-*.csv");
  }
  std::error_code ec;
  if (const fs::path funding = directory_ / (symbol + "-funding.csv");
      fs::is_regular_file(funding, ec)) {
    files.funding = {funding};
  } else if (is_dir(directory_ / symbol / "fundingRate")) {
    files.funding = candle_files::list_files(directory_ / symbol / "fundingRate", {".csv"});
  }
  return files;
}

}  // namespace tb::exchange_sim
