// parse_candle_csv: a header naming the columns, then one candle per row.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "analysis/candle_file.hpp"
#include "analysis/internal/candle_number.hpp"
#include "analysis/internal/candle_time.hpp"
#include "analysis/internal/csv_reader.hpp"
#include "analysis/internal/file_text.hpp"

namespace tb::host {
namespace {

using analysis_internal::csv_record;

struct column_ref {
  std::size_t index = 0;  // 0-based
  std::string name;       // as the header writes it
};

struct csv_layout {
  column_ref time;
  std::optional<column_ref> time_of_day;  // a "time" column completing a "date" column
  std::array<column_ref, 5> values;       // open, high, low, close, volume
};

constexpr std::array<std::string_view, 5> value_names{"open", "high", "low", "close", "volume"};
// In order of preference when a header has more than one; "date" + "time" are joined.
constexpr std::array<std::string_view, 8> time_names{
    "open_time", "open time", "timestamp", "datetime", "date_time", "gmt time", "date", "time"};

constexpr std::string_view date_help =
    "write dates as ISO 8601 (2021-03-01T12:30:00Z, 2021-03-01 12:30:00+02:00, 2021-03-01), "
    "YYYY.MM.DD HH:MM:SS, DD.MM.YYYY HH:MM:SS or epoch seconds/milliseconds";

[[noreturn]] void fail(const std::string& source, std::size_t line, std::size_t column,
                       const std::string& what) {
  throw candle_file_error(source + ":" + std::to_string(line) + ": " + what, line, column);
}

std::string quoted_cell(std::string_view text) {
  constexpr std::size_t shown = 40;
  if (text.size() > shown) return "\"" + std::string(text.substr(0, shown)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

std::string describe(const column_ref& c) {
  return "column " + std::to_string(c.index + 1) + " \"" + c.name + "\"";
}

// Lower case, spaces trimmed, MetaTrader's "<CLOSE>" brackets dropped.
std::string normalize(std::string_view name) {
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

bool is_known(std::string_view name) {
  return std::find(value_names.begin(), value_names.end(), name) != value_names.end() ||
         std::find(time_names.begin(), time_names.end(), name) != time_names.end();
}

using column_map = std::map<std::string, column_ref, std::less<>>;

std::optional<column_ref> lookup(const column_map& columns, std::string_view name) {
  const auto it = columns.find(name);
  if (it == columns.end()) return std::nullopt;
  return it->second;
}

column_map known_columns(const csv_record& header, const std::string& source) {
  column_map columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = normalize(header.fields[i]);
    if (!is_known(name)) continue;
    const column_ref column{i, header.fields[i]};
    const auto [it, added] = columns.try_emplace(name, column);
    if (!added) {
      fail(
          source, header.line, i + 1,
          describe(column) + " repeats " + describe(it->second) + "; rename or remove one of them");
    }
  }
  return columns;
}

csv_layout find_columns(const csv_record& header, const std::string& source) {
  // Binance's older data.binance.vision files, for one, have no header line.
  if (analysis_internal::parse_candle_time(header.fields.front())) {
    fail(source, header.line, 0,
         "the first line is data, not a header; add a header line naming the columns, e.g. "
         "open_time,open,high,low,close,volume");
  }
  const column_map columns = known_columns(header, source);
  csv_layout layout;
  for (std::size_t k = 0; k < value_names.size(); ++k) {
    const auto column = lookup(columns, value_names[k]);
    if (!column) {
      fail(source, header.line, 0,
           "no \"" + std::string(value_names[k]) +
               "\" column (the header has: " + header_list(header) +
               "); a candle CSV needs date/time, open, high, low, close and volume columns, "
               "in any case and order");
    }
    layout.values[k] = *column;
  }
  for (const std::string_view name : time_names) {
    if (const auto column = lookup(columns, name)) {
      layout.time = *column;
      if (name == "date") layout.time_of_day = lookup(columns, "time");
      return layout;
    }
  }
  // pandas writes an unnamed DatetimeIndex as a first column with an empty name.
  if (header.fields.front().empty()) {
    layout.time = column_ref{0, ""};
    return layout;
  }
  fail(source, header.line, 0,
       "no date/time column (the header has: " + header_list(header) +
           "); name it date, time, datetime, date_time, timestamp, open_time or \"Gmt time\"");
}

std::int64_t read_time(const csv_record& row, const csv_layout& layout, const std::string& source) {
  std::string text = row.fields[layout.time.index];
  std::string where = describe(layout.time);
  if (layout.time_of_day) {
    text += " " + row.fields[layout.time_of_day->index];
    where = "columns " + std::to_string(layout.time.index + 1) + " \"" + layout.time.name +
            "\" and " + std::to_string(layout.time_of_day->index + 1) + " \"" +
            layout.time_of_day->name + "\"";
  }
  const auto time = analysis_internal::parse_candle_time(text);
  if (!time) {
    fail(source, row.line, layout.time.index + 1,
         where + ": " + quoted_cell(text) + " is not a date; " + std::string(date_help));
  }
  return *time;
}

double read_value(const csv_record& row, const column_ref& column, const std::string& source) {
  using analysis_internal::number_status;
  const std::string& text = row.fields[column.index];
  const auto number = analysis_internal::parse_candle_number(text);
  if (number.status == number_status::ok) return number.value;
  std::string problem = quoted_cell(text) + " is not a number";
  if (text.empty()) problem = "the cell is empty";
  if (number.status == number_status::not_finite) problem = quoted_cell(text) + " is not finite";
  fail(source, row.line, column.index + 1, describe(column) + ": " + problem);
}

void check_order(const candle_columns& out, std::int64_t time, std::size_t line,
                 std::size_t previous_line, const csv_layout& layout, const std::string& source) {
  if (out.time_ms.empty() || time > out.time_ms.back()) return;
  using analysis_internal::format_candle_time;
  const std::string what =
      time == out.time_ms.back()
          ? format_candle_time(time) + " repeats the time on line " +
                std::to_string(previous_line) + "; each time may appear only once"
          : format_candle_time(time) + " is before " + format_candle_time(out.time_ms.back()) +
                " on line " + std::to_string(previous_line) +
                "; rows must be sorted by time, oldest first";
  fail(source, line, layout.time.index + 1, describe(layout.time) + ": " + what);
}

}  // namespace

candle_columns parse_candle_csv(std::string_view text, const std::string& source) {
  text = analysis_internal::strip_bom(text);
  const std::size_t start = analysis_internal::first_content(text);
  if (start == std::string_view::npos) {
    throw candle_file_error(source + ": the file is empty; expected a CSV header and candles", 0,
                            0);
  }
  const std::size_t header_end = text.find_first_of("\r\n", start);
  analysis_internal::csv_reader reader(
      text, analysis_internal::guess_delimiter(text.substr(start, header_end - start)), source);
  csv_record header;
  reader.next(header);
  const csv_layout layout = find_columns(header, source);

  candle_columns out;
  csv_record row;
  std::size_t previous_line = 0;
  while (reader.next(row)) {
    if (row.fields.size() != header.fields.size()) {
      fail(source, row.line, std::min(row.fields.size(), header.fields.size()) + 1,
           "the row has " + std::to_string(row.fields.size()) + " fields but the header (line " +
               std::to_string(header.line) + ") has " + std::to_string(header.fields.size()));
    }
    const std::int64_t time = read_time(row, layout, source);
    check_order(out, time, row.line, previous_line, layout, source);
    out.time_ms.push_back(time);
    out.open.push_back(read_value(row, layout.values[0], source));
    out.high.push_back(read_value(row, layout.values[1], source));
    out.low.push_back(read_value(row, layout.values[2], source));
    out.close.push_back(read_value(row, layout.values[3], source));
    out.volume.push_back(read_value(row, layout.values[4], source));
    previous_line = row.line;
  }
  if (out.size() == 0) {
    fail(source, header.line, 0, "no candles after the header; add one row per candle");
  }
  return out;
}

}  // namespace tb::host
