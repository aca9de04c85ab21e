// parse_candle_csv: a header naming the columns (or Binance's headerless archive layout), then
// one candle per row.
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "candle_files/candle_file.hpp"
#include "internal/candle_number.hpp"
#include "internal/csv_cells.hpp"
#include "internal/csv_reader.hpp"
#include "internal/interval_check.hpp"

namespace tb::candle_files {
namespace {

using internal::column_ref;
using internal::csv_record;
using internal::describe;
using internal::fail_at;

struct csv_layout {
  column_ref time;
  std::optional<column_ref> time_of_day;  // a "time" column completing a "date" column
  std::array<column_ref, 5> values;       // open, high, low, close, volume
  std::optional<column_ref> close_time, quote_volume, trade_count;
  std::size_t width = 0;   // fields per row
  std::string width_from;  // where the width comes from, for messages
};

constexpr std::array<std::string_view, 5> value_names{"open", "high", "low", "close", "volume"};
// In order of preference when a header has more than one; "date" + "time" are joined.
constexpr std::array<std::string_view, 8> time_names{
    "open_time", "open time", "timestamp", "datetime", "date_time", "gmt time", "date", "time"};
constexpr std::array<std::string_view, 2> close_time_names{"close_time", "close time"};
constexpr std::array<std::string_view, 3> quote_volume_names{"quote_volume", "quote_asset_volume",
                                                             "quote volume"};
constexpr std::array<std::string_view, 3> trade_count_names{"count", "trades", "number_of_trades"};
constexpr auto known_names = internal::join_names(value_names, time_names, close_time_names,
                                                  quote_volume_names, trade_count_names);

// The header Binance's newer data.binance.vision kline files carry; the older ones start with
// data in exactly these 12 columns.
constexpr std::array<std::string_view, 12> binance_kline_columns{
    "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count",
    "taker_buy_volume", "taker_buy_quote_volume", "ignore"};

bool is_binance_headerless(const csv_record& first) {
  return first.fields.size() == binance_kline_columns.size() &&
         std::all_of(first.fields.begin(), first.fields.end(), [](const std::string& field) {
           return internal::parse_candle_number(field).status == internal::number_status::ok;
         });
}

csv_layout find_columns(const csv_record& header, const std::string& source) {
  const internal::column_map columns = internal::known_columns(header, known_names, source);
  csv_layout layout;
  layout.width = header.fields.size();
  layout.width_from = "the header (line " + std::to_string(header.line) + ")";
  for (std::size_t k = 0; k < value_names.size(); ++k) {
    const auto column = internal::find_column(columns, value_names[k]);
    if (!column) {
      fail_at(source, header.line, 0,
              "no \"" + std::string(value_names[k]) +
                  "\" column (the header has: " + internal::header_list(header) +
                  "); a candle CSV needs date/time, open, high, low, close and volume columns, "
                  "in any case and order");
    }
    layout.values[k] = *column;
  }
  layout.close_time = internal::first_of(columns, close_time_names);
  layout.quote_volume = internal::first_of(columns, quote_volume_names);
  layout.trade_count = internal::first_of(columns, trade_count_names);
  for (const std::string_view name : time_names) {
    if (const auto column = internal::find_column(columns, name)) {
      layout.time = *column;
      if (name == "date") layout.time_of_day = internal::find_column(columns, "time");
      return layout;
    }
  }
  // pandas writes an unnamed DatetimeIndex as a first column with an empty name.
  if (header.fields.front().empty()) {
    layout.time = column_ref{0, ""};
    return layout;
  }
  fail_at(source, header.line, 0,
          "no date/time column (the header has: " + internal::header_list(header) +
              "); name it date, time, datetime, date_time, timestamp, open_time or \"Gmt time\"");
}

// The layout of the file whose first record is `first`; sets `first_is_data` when that record
// is a candle (Binance's headerless files).
csv_layout layout_of(const csv_record& first, bool& first_is_data, const std::string& source) {
  first_is_data = internal::looks_like_data(first);
  if (!first_is_data) return find_columns(first, source);
  if (!is_binance_headerless(first)) {
    fail_at(source, first.line, 0,
            "the first line is data, not a header; add a header line naming the columns, e.g. "
            "open_time,open,high,low,close,volume");
  }
  const csv_record binance{first.line,
                           {binance_kline_columns.begin(), binance_kline_columns.end()}};
  csv_layout layout = find_columns(binance, source);
  layout.width_from = "Binance's headerless kline layout";
  return layout;
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
  return internal::read_time_cell(text, where, row, layout.time, source);
}

void check_interval(std::int64_t open_ms, const csv_record& row, const csv_layout& layout,
                    const candle_columns& out, const read_options& options,
                    const std::string& source) {
  if (const std::string problem = internal::off_grid(open_ms, options.interval_ms);
      !problem.empty()) {
    fail_at(source, row.line, layout.time.index + 1, describe(layout.time) + ": " + problem);
  }
  if (!layout.close_time) return;
  if (const std::string problem =
          internal::wrong_close_time(open_ms, out.close_time_ms.back(), options.interval_ms);
      !problem.empty()) {
    fail_at(source, row.line, layout.close_time->index + 1,
            describe(*layout.close_time) + ": " + problem);
  }
}

void read_row(const csv_record& row, const csv_layout& layout, std::size_t previous_line,
              const read_options& options, const std::string& source, candle_columns& out) {
  internal::check_width(row, layout.width, layout.width_from, source);
  const std::int64_t time = read_time(row, layout, source);
  internal::check_after(out.time_ms.empty() ? std::nullopt : std::optional(out.time_ms.back()),
                        previous_line, time, row, layout.time, source);
  out.time_ms.push_back(time);
  std::array<std::vector<double>*, 5> values{&out.open, &out.high, &out.low, &out.close,
                                             &out.volume};
  for (std::size_t k = 0; k < values.size(); ++k) {
    values[k]->push_back(internal::read_number_cell(row, layout.values[k], source));
  }
  if (layout.close_time) {
    out.close_time_ms.push_back(internal::read_time_cell(row.fields[layout.close_time->index],
                                                         describe(*layout.close_time), row,
                                                         *layout.close_time, source));
  }
  if (layout.quote_volume) {
    out.quote_volume.push_back(internal::read_number_cell(row, *layout.quote_volume, source));
  }
  if (layout.trade_count) {
    out.trade_count.push_back(internal::read_count_cell(row, *layout.trade_count, source));
  }
  check_interval(time, row, layout, out, options, source);
}

}  // namespace

candle_columns parse_candle_csv(std::string_view text, const std::string& source,
                                const read_options& options) {
  auto reader = internal::open_csv(text, source);
  if (!reader) {
    throw candle_file_error(source + ": the file is empty; expected a CSV header and candles", 0,
                            0);
  }
  csv_record first;
  reader->next(first);
  bool first_is_data = false;
  const csv_layout layout = layout_of(first, first_is_data, source);

  candle_columns out;
  std::size_t previous_line = 0;
  if (first_is_data) {
    read_row(first, layout, previous_line, options, source, out);
    previous_line = first.line;
  }
  csv_record row;
  while (reader->next(row)) {
    read_row(row, layout, previous_line, options, source, out);
    previous_line = row.line;
  }
  if (out.size() == 0) {
    fail_at(source, first.line, 0, "no candles after the header; add one row per candle");
  }
  return out;
}

}  // namespace tb::candle_files
