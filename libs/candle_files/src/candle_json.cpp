// parse_candle_json: Binance/freqtrade kline rows [open_time_ms, open, high, low, close,
// volume, close_time_ms, quote_volume, count, ...], numbers as JSON numbers or as strings
// (Binance sends strings).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "candle_files/candle_file.hpp"
#include "candle_files/candle_time.hpp"
#include "internal/candle_number.hpp"
#include "internal/file_text.hpp"
#include "internal/interval_check.hpp"

namespace tb::candle_files {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 9> element_names{
    "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count"};
constexpr std::size_t required_elements = 6;
enum optional_element : std::size_t { close_time = 6, quote_volume = 7, trade_count = 8 };
constexpr std::string_view row_layout = "[open_time_ms, open, high, low, close, volume, ...]";

[[noreturn]] void fail_at(const std::string& source, std::size_t row, std::size_t element,
                          const std::string& what) {
  throw candle_file_error(source + ": row index " + std::to_string(row) + ", element " +
                              std::to_string(element) + " \"" +
                              std::string(element_names[element]) + "\": " + what,
                          0, element + 1);
}

std::string shown(const json& value) {
  constexpr std::size_t limit = 40;
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > limit) text = text.substr(0, limit) + "...";
  return text;
}

[[noreturn]] void fail_syntax(const std::string& source, std::string_view text, std::size_t skipped,
                              const json::parse_error& error) {
  // error.byte counts from 1 and may point one past the end.
  const std::size_t offset = std::min(error.byte == 0 ? 0 : error.byte - 1, text.size());
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t column = offset - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
  std::string detail = error.what();
  const std::size_t colon = detail.find(": ", detail.find("parse error"));
  if (colon != std::string::npos) detail = detail.substr(colon + 2);
  throw candle_file_error(
      source + ":" + std::to_string(line) + ": JSON syntax error at byte offset " +
          std::to_string(offset + skipped) + " (column " + std::to_string(column) + "): " + detail,
      line, column);
}

// A JSON integer, a number without a fraction or a string of digits; nullopt for anything
// else or past the int64 range.
std::optional<std::int64_t> whole_number(const json& value) {
  if (value.is_number_unsigned()) {
    const auto n = value.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(n);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double n = value.get<double>();
    if (!std::isfinite(n) || std::trunc(n) != n || std::fabs(n) > 9.0e18) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && end == text.data() + text.size()) return n;
  }
  return std::nullopt;
}

// Element `element` (0: the open time, 6: the close time) as epoch milliseconds.
std::int64_t read_time(const json& value, const std::string& source, std::size_t row,
                       std::size_t element) {
  if (const auto ms = whole_number(value)) return *ms;
  fail_at(source, row, element, shown(value) + " is not a whole number of epoch milliseconds");
}

double read_value(const json& value, const std::string& source, std::size_t row,
                  std::size_t element) {
  using internal::number_status;
  if (value.is_number()) {
    const double number = value.get<double>();
    if (!std::isfinite(number)) fail_at(source, row, element, shown(value) + " is not finite");
    return number;
  }
  if (value.is_string()) {
    const auto number = internal::parse_candle_number(value.get_ref<const std::string&>());
    if (number.status == number_status::ok) return number.value;
    if (number.status == number_status::not_finite) {
      fail_at(source, row, element, shown(value) + " is not finite");
    }
  }
  fail_at(source, row, element, shown(value) + " is not a number");
}

std::uint64_t read_count(const json& value, const std::string& source, std::size_t row) {
  if (const auto count = whole_number(value); count && *count >= 0) {
    return static_cast<std::uint64_t>(*count);
  }
  fail_at(source, row, trade_count, shown(value) + " is not a whole number of trades");
}

void check_row_shape(const json& row, const std::string& source, std::size_t index) {
  const std::string where = source + ": row index " + std::to_string(index) + ": ";
  if (!row.is_array()) {
    throw candle_file_error(
        where + "expected a kline row " + std::string(row_layout) + ", found " + shown(row), 0, 0);
  }
  if (row.size() < required_elements) {
    throw candle_file_error(where + "the row has " + std::to_string(row.size()) +
                                " elements; a kline row has at least 6: " + std::string(row_layout),
                            0, row.size() + 1);
  }
}

void check_order(const candle_columns& out, std::int64_t time, const std::string& source,
                 std::size_t row) {
  if (out.time_ms.empty() || time > out.time_ms.back()) return;
  const std::string previous = "row index " + std::to_string(row - 1);
  fail_at(source, row, 0,
          time == out.time_ms.back()
              ? format_candle_time(time) + " repeats the time of " + previous +
                    "; each time may appear only once"
              : format_candle_time(time) + " is before " + format_candle_time(out.time_ms.back()) +
                    " of " + previous + "; rows must be sorted by time, oldest first");
}

// Elements 6 to 8, kept while every row so far has them (a column some row lacks is dropped
// at the end).
void read_optional(const json& row, const std::string& source, std::size_t i, candle_columns& out) {
  if (row.size() > close_time && out.close_time_ms.size() == i) {
    out.close_time_ms.push_back(read_time(row[close_time], source, i, close_time));
  }
  if (row.size() > quote_volume && out.quote_volume.size() == i) {
    out.quote_volume.push_back(read_value(row[quote_volume], source, i, quote_volume));
  }
  if (row.size() > trade_count && out.trade_count.size() == i) {
    out.trade_count.push_back(read_count(row[trade_count], source, i));
  }
}

void drop_partial_columns(candle_columns& out) {
  if (out.close_time_ms.size() != out.size()) out.close_time_ms.clear();
  if (out.quote_volume.size() != out.size()) out.quote_volume.clear();
  if (out.trade_count.size() != out.size()) out.trade_count.clear();
}

void check_interval(const candle_columns& out, const std::string& source, std::size_t i,
                    const read_options& options) {
  const std::int64_t open_ms = out.time_ms.back();
  if (const std::string problem = internal::off_grid(open_ms, options.interval_ms);
      !problem.empty()) {
    fail_at(source, i, 0, problem);
  }
  if (out.close_time_ms.size() != out.size()) return;
  if (const std::string problem =
          internal::wrong_close_time(open_ms, out.close_time_ms.back(), options.interval_ms);
      !problem.empty()) {
    fail_at(source, i, close_time, problem);
  }
}

}  // namespace

candle_columns parse_candle_json(std::string_view text, const std::string& source,
                                 const read_options& options) {
  const std::string_view body = internal::strip_bom(text);
  if (internal::first_content(body) == std::string_view::npos) {
    throw candle_file_error(source + ": the file is empty; expected a JSON array of kline rows", 0,
                            0);
  }
  json document;
  try {
    document = json::parse(body.begin(), body.end());
  } catch (const json::parse_error& error) {
    fail_syntax(source, body, text.size() - body.size(), error);
  } catch (const json::exception& error) {
    // A number past the double range ("1e999") stops the parser without a position.
    std::string detail = error.what();
    detail = detail.substr(detail.find(']') + 1);
    while (!detail.empty() && detail.front() == ' ') detail.erase(0, 1);
    throw candle_file_error(source + ": " + detail + "; candle values must be finite", 0, 0);
  }
  if (!document.is_array()) {
    throw candle_file_error(source + ": expected a JSON array of kline rows " +
                                std::string(row_layout) + ", found a JSON " + document.type_name(),
                            0, 0);
  }
  if (document.empty()) {
    throw candle_file_error(source + ": the JSON array has no rows; add one kline row per candle",
                            0, 0);
  }
  candle_columns out;
  for (std::size_t i = 0; i < document.size(); ++i) {
    const json& row = document[i];
    check_row_shape(row, source, i);
    const std::int64_t time = read_time(row[0], source, i, 0);
    check_order(out, time, source, i);
    out.time_ms.push_back(time);
    out.open.push_back(read_value(row[1], source, i, 1));
    out.high.push_back(read_value(row[2], source, i, 2));
    out.low.push_back(read_value(row[3], source, i, 3));
    out.close.push_back(read_value(row[4], source, i, 4));
    out.volume.push_back(read_value(row[5], source, i, 5));
    read_optional(row, source, i, out);
    check_interval(out, source, i, options);
  }
  drop_partial_columns(out);
  return out;
}

}  // namespace tb::candle_files
