#include "candle_files/funding_file.hpp"

#include "candle_files/candle_file.hpp"
#include "internal/file_text.hpp"
#include "internal/merge_by_time.hpp"

namespace tb::candle_files {

std::vector<funding_point> read_funding_file(const std::filesystem::path& path) {
  return parse_funding_csv(internal::read_file_text(path, "a funding-rate CSV file"),
                           path.string());
}

std::vector<funding_point> read_funding_files(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw candle_file_error("no funding-rate files to read", 0, 0);
  std::vector<std::vector<funding_point>> parts;
  std::vector<std::vector<std::int64_t>> part_times;
  std::vector<std::string> sources;
  for (const auto& file : files) {
    parts.push_back(read_funding_file(file));
    sources.push_back(file.string());
    auto& times = part_times.emplace_back();
    for (const funding_point& point : parts.back()) times.push_back(point.time_ms);
  }
  std::vector<const std::vector<std::int64_t>*> times;
  for (const auto& t : part_times) times.push_back(&t);
  const auto same = [&](internal::row_ref x, internal::row_ref y) {
    return parts[x.file][x.row] == parts[y.file][y.row];
  };
  std::vector<funding_point> out;
  for (const auto ref : internal::merge_by_time(sources, times, same, "funding rate")) {
    out.push_back(parts[ref.file][ref.row]);
  }
  return out;
}

}  // namespace tb::candle_files
