// parse_funding_csv: a header naming a time and a rate column, then one settlement per row.
#include <array>
#include <optional>

#include "candle_files/candle_file.hpp"
#include "candle_files/funding_file.hpp"
#include "internal/csv_cells.hpp"
#include "internal/csv_reader.hpp"

namespace tb::candle_files {
namespace {

using internal::column_ref;
using internal::csv_record;
using internal::fail_at;

constexpr std::array<std::string_view, 5> time_names{"calc_time", "funding_time", "fundingtime",
                                                     "time", "timestamp"};
constexpr std::array<std::string_view, 4> rate_names{"last_funding_rate", "funding_rate",
                                                     "fundingrate", "rate"};
constexpr auto known_names = internal::join_names(time_names, rate_names);

column_ref required(const internal::column_map& columns, std::span<const std::string_view> names,
                    const csv_record& header, const std::string& what, const std::string& source) {
  if (const auto column = internal::first_of(columns, names)) return *column;
  fail_at(source, header.line, 0,
          "no " + what + " column (the header has: " + internal::header_list(header) +
              "); a funding CSV needs a header like time,rate or Binance's "
              "calc_time,funding_interval_hours,last_funding_rate");
}

}  // namespace

std::vector<funding_point> parse_funding_csv(std::string_view text, const std::string& source) {
  auto reader = internal::open_csv(text, source);
  if (!reader) {
    throw candle_file_error(source + ": the file is empty; expected a CSV header and funding rates",
                            0, 0);
  }
  csv_record header;
  reader->next(header);
  if (internal::looks_like_data(header)) {
    fail_at(source, header.line, 0,
            "the first line is data, not a header; add a header line naming the columns, e.g. "
            "time,rate");
  }
  const internal::column_map columns = internal::known_columns(header, known_names, source);
  const column_ref time = required(columns, time_names, header, "time", source);
  const column_ref rate = required(columns, rate_names, header, "rate", source);
  const std::string width_from = "the header (line " + std::to_string(header.line) + ")";

  std::vector<funding_point> out;
  std::size_t previous_line = 0;
  csv_record row;
  while (reader->next(row)) {
    internal::check_width(row, header.fields.size(), width_from, source);
    const std::int64_t time_ms = internal::read_time_cell(
        row.fields[time.index], internal::describe(time), row, time, source);
    internal::check_after(out.empty() ? std::nullopt : std::optional(out.back().time_ms),
                          previous_line, time_ms, row, time, source);
    out.push_back({time_ms, internal::read_number_cell(row, rate, source)});
    previous_line = row.line;
  }
  if (out.empty()) {
    fail_at(source, header.line, 0,
            "no funding rates after the header; add one row per settlement");
  }
  return out;
}

}  // namespace tb::candle_files
