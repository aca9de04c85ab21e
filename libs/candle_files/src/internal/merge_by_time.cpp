#include "internal/merge_by_time.hpp"

#include <algorithm>

#include "candle_files/candle_file.hpp"
#include "candle_files/candle_time.hpp"

namespace tb::candle_files::internal {

std::vector<row_ref> merge_by_time(const std::vector<std::string>& sources,
                                   const std::vector<const std::vector<std::int64_t>*>& times,
                                   const std::function<bool(row_ref, row_ref)>& same,
                                   std::string_view what) {
  std::vector<row_ref> all;
  for (std::size_t f = 0; f < times.size(); ++f) {
    for (std::size_t r = 0; r < times[f]->size(); ++r) all.push_back({f, r});
  }
  const auto time_of = [&](row_ref ref) { return (*times[ref.file])[ref.row]; };
  // Stable: of two rows at one time the earlier file's comes first and is the one kept.
  std::stable_sort(all.begin(), all.end(),
                   [&](row_ref a, row_ref b) { return time_of(a) < time_of(b); });
  std::vector<row_ref> merged;
  merged.reserve(all.size());
  for (const row_ref ref : all) {
    if (merged.empty() || time_of(merged.back()) != time_of(ref)) {
      merged.push_back(ref);
      continue;
    }
    if (same(merged.back(), ref)) continue;  // the overlap of two files: a copy
    throw candle_file_error(sources[ref.file] + ": the " + std::string(what) + " at " +
                                format_candle_time(time_of(ref)) + " differs from the one in " +
                                sources[merged.back().file] +
                                "; the files overlap and disagree, remove one of them",
                            0, 0);
  }
  return merged;
}

}  // namespace tb::candle_files::internal
