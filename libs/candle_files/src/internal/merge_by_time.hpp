// Joining several files of one series (Binance archive monthly and daily files) into one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::candle_files::internal {

struct row_ref {
  std::size_t file = 0;
  std::size_t row = 0;
};

// Every row of every file ordered by time; each file's times already strictly increase.
// Files may overlap (a monthly file and a daily file of the same month): a time found in two
// files keeps the row of the earlier file when same(kept, other) holds, and throws
// candle_file_error naming both files when not. `what` names a row in messages ("candle").
std::vector<row_ref> merge_by_time(const std::vector<std::string>& sources,
                                   const std::vector<const std::vector<std::int64_t>*>& times,
                                   const std::function<bool(row_ref, row_ref)>& same,
                                   std::string_view what);

}  // namespace tb::candle_files::internal
