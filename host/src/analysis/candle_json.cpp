// parse_candle_json: Binance/freqtrade kline rows [open_time_ms, open, high, low, close,
// volume, ...], numbers as JSON numbers or as strings (Binance sends strings).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/candle_file.hpp"
#include "analysis/internal/candle_number.hpp"
#include "analysis/internal/candle_time.hpp"
#include "analysis/internal/file_text.hpp"

namespace tb::host {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> element_names{"open_time", "open",  "high",
                                                        "low",       "close", "volume"};
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

std::int64_t read_time(const json& value, const std::string& source, std::size_t row) {
  const auto problem = [&] {
    return shown(value) + " is not a whole number of epoch milliseconds";
  };
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail_at(source, row, 0, problem());
    }
    return value.get<std::int64_t>();
  }
  if (value.is_number_float()) {
    const double ms = value.get<double>();
    if (!std::isfinite(ms) || std::trunc(ms) != ms || std::fabs(ms) > 9.0e18) {
      fail_at(source, row, 0, problem());
    }
    return static_cast<std::int64_t>(ms);
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    std::int64_t ms = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec == std::errc{} && end == text.data() + text.size()) return ms;
  }
  fail_at(source, row, 0, problem());
}

double read_value(const json& value, const std::string& source, std::size_t row,
                  std::size_t element) {
  using analysis_internal::number_status;
  if (value.is_number()) {
    const double number = value.get<double>();
    if (!std::isfinite(number)) fail_at(source, row, element, shown(value) + " is not finite");
    return number;
  }
  if (value.is_string()) {
    const auto number = analysis_internal::parse_candle_number(value.get_ref<const std::string&>());
    if (number.status == number_status::ok) return number.value;
    if (number.status == number_status::not_finite) {
      fail_at(source, row, element, shown(value) + " is not finite");
    }
  }
  fail_at(source, row, element, shown(value) + " is not a number");
}

void check_row_shape(const json& row, const std::string& source, std::size_t index) {
  const std::string where = source + ": row index " + std::to_string(index) + ": ";
  if (!row.is_array()) {
    throw candle_file_error(
        where + "expected a kline row " + std::string(row_layout) + ", found " + shown(row), 0, 0);
  }
  if (row.size() < element_names.size()) {
    throw candle_file_error(where + "the row has " + std::to_string(row.size()) +
                                " elements; a kline row has at least 6: " + std::string(row_layout),
                            0, row.size() + 1);
  }
}

void check_order(const candle_columns& out, std::int64_t time, const std::string& source,
                 std::size_t row) {
  if (out.time_ms.empty() || time > out.time_ms.back()) return;
  using analysis_internal::format_candle_time;
  const std::string previous = "row index " + std::to_string(row - 1);
  fail_at(source, row, 0,
          time == out.time_ms.back()
              ? format_candle_time(time) + " repeats the time of " + previous +
                    "; each time may appear only once"
              : format_candle_time(time) + " is before " + format_candle_time(out.time_ms.back()) +
                    " of " + previous + "; rows must be sorted by time, oldest first");
}

}  // namespace

candle_columns parse_candle_json(std::string_view text, const std::string& source) {
  const std::string_view body = analysis_internal::strip_bom(text);
  if (analysis_internal::first_content(body) == std::string_view::npos) {
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
    const std::int64_t time = read_time(row[0], source, i);
    check_order(out, time, source, i);
    out.time_ms.push_back(time);
    out.open.push_back(read_value(row[1], source, i, 1));
    out.high.push_back(read_value(row[2], source, i, 2));
    out.low.push_back(read_value(row[3], source, i, 3));
    out.close.push_back(read_value(row[4], source, i, 4));
    out.volume.push_back(read_value(row[5], source, i, 5));
  }
  return out;
}

}  // namespace tb::host
