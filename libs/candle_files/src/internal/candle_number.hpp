// The price and volume cells of a candle file.
#pragma once

#include <string_view>

namespace tb::candle_files::internal {

enum class number_status { ok, not_a_number, not_finite };

struct number_result {
  number_status status = number_status::not_a_number;
  double value = 0.0;
};

// A decimal number as Python's float() reads it: surrounding spaces ignored, an optional
// '+' or '-', digits with an optional fraction and exponent ("1", "-0.5", ".5", "1e-3").
// "nan", "inf" and values past the double range are not_finite; hexadecimal is not a number.
number_result parse_candle_number(std::string_view text);

}  // namespace tb::candle_files::internal
