#include "internal/csv_cells.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "candle_files/candle_file.hpp"
#include "candle_files/candle_time.hpp"
#include "internal/candle_number.hpp"

namespace tb::candle_files::internal {

constexpr std::string_view date_help =
    "write dates as ISO 8601 (2021-03-01T12:30:00Z, 2021-03-01 12:30:00+02:00, 2021-03-01), "
    "YYYY.MM.DD HH:MM:SS, DD.MM.YYYY HH:MM:SS or epoch seconds/milliseconds";

std::string describe(const column_ref& column) {
  return "column " + std::to_string(column.index + 1) + " \"" + column.name + "\"";
}

void fail_at(const std::string& source, std::size_t line, std::size_t column,
             const std::string& what) {
  throw candle_file_error(source + ":" + std::to_string(line) + ": " + what, line, column);
}

std::string quoted_cell(std::string_view text) {
  constexpr std::size_t shown = 40;
  if (text.size() > shown) return "\"" + std::string(text.substr(0, shown)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

std::string normalize_name(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (out.size() >= 2 && out.front() == '<' && out.back() == '>')
    out = out.substr(1, out.size() - 2);
  return out;
}

std::string header_list(const csv_record& header) {
  std::string list;
  for (const auto& field : header.fields) list += (list.empty() ? "" : ", ") + field;
  return list;
}

column_map known_columns(const csv_record& header, std::span<const std::string_view> known,
                         const std::string& source) {
  column_map columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = normalize_name(header.fields[i]);
    if (std::find(known.begin(), known.end(), name) == known.end()) continue;
    const column_ref column{i, header.fields[i]};
    const auto [it, added] = columns.try_emplace(name, column);
    if (!added) {
      fail_at(
          source, header.line, i + 1,
          describe(column) + " repeats " + describe(it->second) + "; rename or remove one of them");
    }
  }
  return columns;
}

std::optional<column_ref> find_column(const column_map& columns, std::string_view name) {
  const auto it = columns.find(name);
  if (it == columns.end()) return std::nullopt;
  return it->second;
}

std::optional<column_ref> first_of(const column_map& columns,
                                   std::span<const std::string_view> names) {
  for (const std::string_view name : names) {
    if (auto column = find_column(columns, name)) return column;
  }
  return std::nullopt;
}

bool looks_like_data(const csv_record& first_line) {
  return parse_candle_time(first_line.fields.front()).has_value();
}

std::int64_t read_time_cell(const std::string& text, const std::string& where,
                            const csv_record& row, const column_ref& column,
                            const std::string& source) {
  const auto time = parse_candle_time(text);
  if (!time) {
    fail_at(source, row.line, column.index + 1,
            where + ": " + quoted_cell(text) + " is not a date; " + std::string(date_help));
  }
  return *time;
}

double read_number_cell(const csv_record& row, const column_ref& column,
                        const std::string& source) {
  const std::string& text = row.fields[column.index];
  const auto number = parse_candle_number(text);
  if (number.status == number_status::ok) return number.value;
  std::string problem = quoted_cell(text) + " is not a number";
  if (text.empty()) problem = "the cell is empty";
  if (number.status == number_status::not_finite) problem = quoted_cell(text) + " is not finite";
  fail_at(source, row.line, column.index + 1, describe(column) + ": " + problem);
}

std::uint64_t read_count_cell(const csv_record& row, const column_ref& column,
                              const std::string& source) {
  const std::string& text = row.fields[column.index];
  // pandas writes a whole column as floats ("1327.0") once one cell of it is missing.
  const auto number = parse_candle_number(text);
  constexpr double limit = 18446744073709551616.0;  // 2^64
  if (number.status != number_status::ok || number.value < 0 || number.value >= limit ||
      number.value != std::trunc(number.value)) {
    fail_at(source, row.line, column.index + 1,
            describe(column) + ": " + quoted_cell(text) + " is not a whole number of trades");
  }
  return static_cast<std::uint64_t>(number.value);
}

void check_after(std::optional<std::int64_t> previous, std::size_t previous_line, std::int64_t time,
                 const csv_record& row, const column_ref& column, const std::string& source) {
  if (!previous || time > *previous) return;
  const std::string what =
      time == *previous
          ? format_candle_time(time) + " repeats the time on line " +
                std::to_string(previous_line) + "; each time may appear only once"
          : format_candle_time(time) + " is before " + format_candle_time(*previous) + " on line " +
                std::to_string(previous_line) + "; rows must be sorted by time, oldest first";
  fail_at(source, row.line, column.index + 1, describe(column) + ": " + what);
}

void check_width(const csv_record& row, std::size_t width, const std::string& width_from,
                 const std::string& source) {
  if (row.fields.size() == width) return;
  fail_at(source, row.line, std::min(row.fields.size(), width) + 1,
          "the row has " + std::to_string(row.fields.size()) + " fields but " + width_from +
              " has " + std::to_string(width));
}

}  // namespace tb::candle_files::internal
