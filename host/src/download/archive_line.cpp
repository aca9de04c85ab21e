#include "download/archive_line.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace tb::host::downloader {
namespace {

template <typename Number>
void append_number(std::string& out, Number value) {
  std::array<char, 32> text{};
  const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
  (void)ec;  // 32 characters hold any int64 and any double's shortest form
  out.append(text.data(), end);
}

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if constexpr (std::is_floating_point_v<Number>) return std::isfinite(value);
  return true;
}

}  // namespace

void append_archive_line(std::string& out, const tb_candle& c) {
  append_number(out, c.open_time_ms);
  for (double value : {c.open, c.high, c.low, c.close, c.volume}) {
    out.push_back(',');
    append_number(out, value);
  }
  out.push_back(',');
  append_number(out, c.close_time_ms);
  out.push_back(',');
  append_number(out, c.quote_volume);
  out.push_back(',');
  append_number(out, c.trade_count);
  out += ",0,0,0\n";
}

std::optional<tb_candle> parse_archive_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::array<std::string_view, 12> fields;
  std::size_t count = 0;
  while (true) {
    const auto comma = line.find(',');
    if (count == fields.size()) return std::nullopt;
    fields[count++] = line.substr(0, comma);
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  if (count != fields.size()) return std::nullopt;
  tb_candle c{};
  double taker_volume = 0;
  double taker_quote = 0;
  double ignore = 0;
  const bool ok = parse_number(fields[0], c.open_time_ms) && parse_number(fields[1], c.open) &&
                  parse_number(fields[2], c.high) && parse_number(fields[3], c.low) &&
                  parse_number(fields[4], c.close) && parse_number(fields[5], c.volume) &&
                  parse_number(fields[6], c.close_time_ms) &&
                  parse_number(fields[7], c.quote_volume) && parse_number(fields[8], c.trade_count) &&
                  parse_number(fields[9], taker_volume) && parse_number(fields[10], taker_quote) &&
                  parse_number(fields[11], ignore);
  if (!ok) return std::nullopt;
  c.flags = TB_CANDLE_CLOSED;
  return c;
}

bool same_candle(const tb_candle& a, const tb_candle& b) noexcept {
  return a.open_time_ms == b.open_time_ms && a.close_time_ms == b.close_time_ms &&
         a.open == b.open && a.high == b.high && a.low == b.low && a.close == b.close &&
         a.volume == b.volume && a.quote_volume == b.quote_volume &&
         a.trade_count == b.trade_count;
}

}  // namespace tb::host::downloader
