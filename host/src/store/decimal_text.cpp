#include "store/decimal_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace tb::host {

namespace {

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view strip_leading_zeros(std::string_view s) noexcept {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}

int compare_magnitudes(std::string_view a, std::string_view b) noexcept {
  a = strip_leading_zeros(a);
  b = strip_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string add_magnitudes(std::string_view a, std::string_view b) {
  std::string out;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry != 0; ++i) {
    int d = carry;
    if (i < a.size()) d += a[a.size() - 1 - i] - '0';
    if (i < b.size()) d += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + d % 10));
    carry = d / 10;
  }
  std::reverse(out.begin(), out.end());
  return std::string(strip_leading_zeros(out));
}

// a - b with a >= b.
std::string subtract_magnitudes(std::string_view a, std::string_view b) {
  std::string out;
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int d = (a[a.size() - 1 - i] - '0') - borrow;
    if (i < b.size()) d -= b[b.size() - 1 - i] - '0';
    borrow = d < 0 ? 1 : 0;
    out.push_back(static_cast<char>('0' + (d + 10) % 10));
  }
  std::reverse(out.begin(), out.end());
  return std::string(strip_leading_zeros(out));
}

}  // namespace

bool is_decimal_text(std::string_view text) noexcept {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return all_digits(text);
  return all_digits(text.substr(0, dot)) && all_digits(text.substr(dot + 1));
}

void decimal_sum::add(std::string_view text) { accumulate(text, false); }

void decimal_sum::subtract(std::string_view text) { accumulate(text, true); }

void decimal_sum::accumulate(std::string_view text, bool negate) {
  if (!is_decimal_text(text)) {
    throw std::invalid_argument("decimal_sum: '" + std::string(text) +
                                "' is not exact decimal text such as \"-12.50\"");
  }
  bool negative = negate;
  if (text.front() == '-') {
    negative = !negative;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  std::string digits(text.substr(0, dot));
  std::size_t scale = 0;
  if (dot != std::string_view::npos) {
    digits += text.substr(dot + 1);
    scale = text.size() - dot - 1;
  }
  if (scale < scale_) digits.append(scale_ - scale, '0');
  if (scale > scale_) {
    digits_.append(scale - scale_, '0');
    scale_ = scale;
  }
  if (negative == negative_) {
    digits_ = add_magnitudes(digits_, digits);
  } else if (compare_magnitudes(digits_, digits) >= 0) {
    digits_ = subtract_magnitudes(digits_, digits);
  } else {
    digits_ = subtract_magnitudes(digits, digits_);
    negative_ = negative;
  }
  if (digits_ == "0") negative_ = false;
}

std::string decimal_sum::str() const {
  std::string magnitude = digits_;
  if (magnitude.size() <= scale_) magnitude.insert(0, scale_ + 1 - magnitude.size(), '0');
  if (scale_ > 0) magnitude.insert(magnitude.size() - scale_, 1, '.');
  const bool zero = std::all_of(digits_.begin(), digits_.end(), [](char c) { return c == '0'; });
  return (negative_ && !zero ? "-" : "") + magnitude;
}

}  // namespace tb::host
