#include "analysis/indicator_csv.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace tb::host {
namespace {

// A finite value's shortest round-trip digits: value = ±d.ddd × 10^exponent.
struct shortest_digits {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

template <typename Float>
shortest_digits shortest(Float value) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  shortest_digits out;
  std::size_t i = 0;
  if (text[i] == '-') {
    out.negative = true;
    ++i;
  }
  const std::size_t e = text.find('e');
  for (; i < e; ++i) {
    if (text[i] != '.') out.digits += text[i];
  }
  std::string_view exponent = text.substr(e + 1);
  if (exponent.front() == '+') exponent.remove_prefix(1);
  std::from_chars(exponent.data(), exponent.data() + exponent.size(), out.exponent);
  return out;
}

// Python's repr layout: "1.5e+16" / "1e-05" in scientific form, else "34.0", "0.0001".
std::string python_layout(const shortest_digits& s, bool scientific) {
  std::string out = s.negative ? "-" : "";
  if (scientific) {
    out += s.digits.front();
    if (s.digits.size() > 1) out += "." + s.digits.substr(1);
    const int magnitude = std::abs(s.exponent);
    out += s.exponent < 0 ? "e-" : "e+";
    if (magnitude < 10) out += '0';
    return out + std::to_string(magnitude);
  }
  if (s.exponent < 0) {
    return out + "0." + std::string(static_cast<std::size_t>(-s.exponent - 1), '0') + s.digits;
  }
  const auto whole = static_cast<std::size_t>(s.exponent) + 1;
  if (s.digits.size() <= whole)
    return out + s.digits + std::string(whole - s.digits.size(), '0') + ".0";
  return out + s.digits.substr(0, whole) + "." + s.digits.substr(whole);
}

std::string non_finite(double value) {
  if (std::isnan(value)) return "";
  return value < 0 ? "-inf" : "inf";
}

// The csv module's QUOTE_MINIMAL, as pandas writes: quote a field holding the delimiter, a
// quote or a line end, and the only field of a row when it is empty.
void write_field(std::ostream& out, const std::string& field, bool alone) {
  if (field.find_first_of(",\"\r\n") == std::string::npos && !(alone && field.empty())) {
    out << field;
    return;
  }
  out << '"';
  for (const char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

std::string format_cell(value_kind kind, double value) {
  switch (kind) {
    case value_kind::float64:
      return format_float64(value);
    case value_kind::float32:
      return format_float32(value);
    case value_kind::int32:
      if (std::isnan(value)) return "";
      return std::to_string(static_cast<std::int64_t>(value));
  }
  return format_float64(value);
}

}  // namespace

std::string format_float64(double value) {
  if (!std::isfinite(value)) return non_finite(value);
  const shortest_digits s = shortest(value);
  return python_layout(s, s.exponent < -4 || s.exponent >= 16);
}

std::string format_float32(double value) {
  const auto single = static_cast<float>(value);
  if (!std::isfinite(single)) return non_finite(value);
  // numpy picks the layout by the value, not by its shortest digits: float32(1e-4) is just
  // below 1e-4 and prints as "1e-04".
  const double magnitude = std::fabs(static_cast<double>(single));
  const bool positional = single == 0.0f || (magnitude >= 1e-4 && magnitude < 1e16);
  return python_layout(shortest(single), !positional);
}

void write_indicator_csv(std::ostream& out, const std::vector<indicator_column>& columns) {
  const std::size_t rows = columns.empty() ? 0 : columns.front().values.size();
  for (const auto& column : columns) {
    if (column.values.size() != rows) {
      throw std::invalid_argument("write_indicator_csv: column \"" + column.name + "\" has " +
                                  std::to_string(column.values.size()) + " values but \"" +
                                  columns.front().name + "\" has " + std::to_string(rows) +
                                  "; every column needs one value per candle");
    }
  }
  const bool alone = columns.size() == 1;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out << ',';
    write_field(out, columns[c].name, alone);
  }
  out << '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out << ',';
      write_field(out, format_cell(columns[c].kind, columns[c].values[r]), alone);
    }
    out << '\n';
  }
}

}  // namespace tb::host
