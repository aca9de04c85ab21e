#pragma once

#include <string>
#include <string_view>

namespace tb::host {

// Money and quantities in the journal are exact decimal text, never binary floating point:
// an optional '-', one or more digits, and optionally '.' followed by one or more digits
// ("0", "27150.10", "-3.5"). No '+', exponent, spaces or leading '.'.
bool is_decimal_text(std::string_view text) noexcept;

// An exact sum of decimal texts of any length. The result keeps as many decimals as the
// most precise term ("1.50" + "2.25" = "3.75", "1.5" + "1.5" = "3.0"); the empty sum is "0"
// and zero is never negative. add()/subtract() throw std::invalid_argument on text that
// is_decimal_text() refuses.
class decimal_sum {
 public:
  void add(std::string_view text);
  void subtract(std::string_view text);
  std::string str() const;

 private:
  void accumulate(std::string_view text, bool negate);

  bool negative_ = false;
  std::string digits_ = "0";  // magnitude, most significant first, scale_ decimals
  std::size_t scale_ = 0;
};

}  // namespace tb::host
