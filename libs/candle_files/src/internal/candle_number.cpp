#include "internal/candle_number.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>

namespace tb::candle_files::internal {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

number_result parse_candle_number(std::string_view text) {
  text = trim(text);
  // from_chars takes no '+'; a second sign after it ("+-1") must still fail.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return {};
  }
  if (text.empty()) return {};
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (stop != end) return {};
  if (ec == std::errc::result_out_of_range) {
    // strtod tells overflow (HUGE_VAL: not finite) from underflow (as near zero as it gets).
    const double nearest = std::strtod(std::string(text).c_str(), nullptr);
    if (!std::isfinite(nearest)) return {number_status::not_finite, nearest};
    return {number_status::ok, nearest};
  }
  if (ec != std::errc{}) return {};
  if (!std::isfinite(value)) return {number_status::not_finite, value};
  return {number_status::ok, value};
}

}  // namespace tb::candle_files::internal
