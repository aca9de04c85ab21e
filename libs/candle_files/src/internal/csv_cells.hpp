// Columns, cells and messages shared by the candle and the funding-rate CSV readers.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "internal/csv_reader.hpp"

namespace tb::candle_files::internal {

struct column_ref {
  std::size_t index = 0;  // 0-based
  std::string name;       // as the header writes it
};

// `column 5 "close"`, for messages.
std::string describe(const column_ref& column);

// Throws candle_file_error "source:line: what" at (line, column).
[[noreturn]] void fail_at(const std::string& source, std::size_t line, std::size_t column,
                          const std::string& what);

// The cell in quotes, cut after 40 characters.
std::string quoted_cell(std::string_view text);

// Lower case, spaces trimmed, MetaTrader's "<CLOSE>" brackets dropped.
std::string normalize_name(std::string_view name);

// The header's fields joined by ", ", for messages.
std::string header_list(const csv_record& header);

// Name lists joined into one, at compile time: the names a header is searched for.
template <std::size_t... N>
constexpr auto join_names(const std::array<std::string_view, N>&... lists) {
  std::array<std::string_view, (N + ...)> out{};
  std::size_t next = 0;
  ((std::copy(lists.begin(), lists.end(), out.begin() + next), next += N), ...);
  return out;
}

// The header's columns whose normalized name is in `known`, by that name. A name given twice
// is an error naming both columns.
using column_map = std::map<std::string, column_ref, std::less<>>;
column_map known_columns(const csv_record& header, std::span<const std::string_view> known,
                         const std::string& source);
// The column of that (normalized) name, if the header has it.
std::optional<column_ref> find_column(const column_map& columns, std::string_view name);
// The first of `names` the header has.
std::optional<column_ref> first_of(const column_map& columns,
                                   std::span<const std::string_view> names);

// The header names a time column when its first cell is not itself a time.
bool looks_like_data(const csv_record& first_line);

// Each cell as its column's type; errors name the source, the row's line and the column.
// `where` describes the column(s) the time text came from.
std::int64_t read_time_cell(const std::string& text, const std::string& where,
                            const csv_record& row, const column_ref& column,
                            const std::string& source);
double read_number_cell(const csv_record& row, const column_ref& column, const std::string& source);
std::uint64_t read_count_cell(const csv_record& row, const column_ref& column,
                              const std::string& source);

// Throws unless `time` follows `previous` (the time on `previous_line`): rows strictly by time.
void check_after(std::optional<std::int64_t> previous, std::size_t previous_line, std::int64_t time,
                 const csv_record& row, const column_ref& column, const std::string& source);

// Throws unless the row has `width` fields; `width_from` says where that width comes from
// ("the header (line 1)").
void check_width(const csv_record& row, std::size_t width, const std::string& width_from,
                 const std::string& source);

}  // namespace tb::candle_files::internal
