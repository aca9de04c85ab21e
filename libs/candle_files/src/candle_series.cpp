#include "candle_files/candle_series.hpp"

#include <algorithm>
#include <string>

#include "candle_files/file_list.hpp"
#include "internal/merge_by_time.hpp"

namespace tb::candle_files {
namespace {

using internal::row_ref;

template <typename T>
bool same_cell(const std::vector<T>& a, const std::vector<T>& b, row_ref x, row_ref y) {
  return a.empty() || b.empty() || a[x.row] == b[y.row];
}

// The optional columns every file has; the others are left empty.
template <typename T>
void copy_column(const std::vector<candle_columns>& parts, std::vector<T> candle_columns::*column,
                 const std::vector<row_ref>& order, candle_columns& out) {
  if (std::any_of(parts.begin(), parts.end(),
                  [&](const candle_columns& part) { return (part.*column).empty(); })) {
    return;
  }
  (out.*column).reserve(order.size());
  for (const row_ref ref : order) (out.*column).push_back((parts[ref.file].*column)[ref.row]);
}

}  // namespace

candle_columns read_candle_files(const std::vector<std::filesystem::path>& files,
                                 const read_options& options) {
  if (files.empty()) throw candle_file_error("no candle files to read", 0, 0);
  std::vector<candle_columns> parts;
  std::vector<std::string> sources;
  std::vector<const std::vector<std::int64_t>*> times;
  parts.reserve(files.size());
  for (const auto& file : files) {
    parts.push_back(read_candle_file(file, options));
    sources.push_back(file.string());
    times.push_back(&parts.back().time_ms);
  }
  const auto same = [&](row_ref x, row_ref y) {
    const candle_columns& a = parts[x.file];
    const candle_columns& b = parts[y.file];
    return a.open[x.row] == b.open[y.row] && a.high[x.row] == b.high[y.row] &&
           a.low[x.row] == b.low[y.row] && a.close[x.row] == b.close[y.row] &&
           a.volume[x.row] == b.volume[y.row] &&
           same_cell(a.close_time_ms, b.close_time_ms, x, y) &&
           same_cell(a.quote_volume, b.quote_volume, x, y) &&
           same_cell(a.trade_count, b.trade_count, x, y);
  };
  const std::vector<row_ref> order = internal::merge_by_time(sources, times, same, "candle");
  candle_columns out;
  copy_column(parts, &candle_columns::time_ms, order, out);
  copy_column(parts, &candle_columns::open, order, out);
  copy_column(parts, &candle_columns::high, order, out);
  copy_column(parts, &candle_columns::low, order, out);
  copy_column(parts, &candle_columns::close, order, out);
  copy_column(parts, &candle_columns::volume, order, out);
  copy_column(parts, &candle_columns::close_time_ms, order, out);
  copy_column(parts, &candle_columns::quote_volume, order, out);
  copy_column(parts, &candle_columns::trade_count, order, out);
  return out;
}

candle_columns read_candle_directory(const std::filesystem::path& directory,
                                     const read_options& options) {
  const auto files = list_files(directory, {".csv", ".json"});
  if (files.empty()) {
    throw candle_file_error(directory.string() + ": no .csv or .json candle files in the directory",
                            0, 0);
  }
  return read_candle_files(files, options);
}

}  // namespace tb::candle_files
