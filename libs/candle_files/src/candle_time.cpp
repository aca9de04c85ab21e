#include "candle_files/candle_time.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace tb::candle_files {
namespace {

constexpr std::int64_t ms_per_minute = 60'000;
constexpr std::int64_t ms_per_day = 86'400'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool done() const { return pos == text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
  bool eat(char c) {
    if (done() || text[pos] != c) return false;
    ++pos;
    return true;
  }
  std::size_t digits_ahead() const {
    std::size_t n = 0;
    while (pos + n < text.size() && is_digit(text[pos + n])) ++n;
    return n;
  }
  // Exactly `n` digits as a number, or -1.
  int number(std::size_t n) {
    if (digits_ahead() < n) return -1;
    int value = 0;
    for (std::size_t i = 0; i < n; ++i) value = value * 10 + (text[pos + i] - '0');
    pos += n;
    return value;
  }
};

struct civil_date {
  int year = -1, month = -1, day = -1;
};

// "YYYY-MM-DD", "YYYY.MM.DD" or "DD.MM.YYYY".
std::optional<civil_date> parse_date(cursor& c) {
  civil_date d;
  if (c.digits_ahead() == 4) {
    d.year = c.number(4);
    const char sep = c.peek();
    if (sep != '-' && sep != '.') return std::nullopt;
    c.eat(sep);
    if (c.digits_ahead() != 2) return std::nullopt;
    d.month = c.number(2);
    if (!c.eat(sep) || c.digits_ahead() != 2) return std::nullopt;
    d.day = c.number(2);
  } else if (c.digits_ahead() == 2) {
    d.day = c.number(2);
    if (!c.eat('.') || c.digits_ahead() != 2) return std::nullopt;
    d.month = c.number(2);
    if (!c.eat('.') || c.digits_ahead() != 4) return std::nullopt;
    d.year = c.number(4);
  } else {
    return std::nullopt;
  }
  return d;
}

std::optional<std::int64_t> days_since_epoch(const civil_date& d) {
  if (d.year < 1 || d.month < 1 || d.day < 1) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{d.year},
                                        std::chrono::month{static_cast<unsigned>(d.month)},
                                        std::chrono::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff…" as milliseconds since midnight.
std::optional<std::int64_t> parse_time_of_day(cursor& c) {
  if (c.digits_ahead() != 2) return std::nullopt;
  const int hour = c.number(2);
  if (!c.eat(':') || c.digits_ahead() != 2) return std::nullopt;
  const int minute = c.number(2);
  int second = 0;
  std::int64_t millis = 0;
  if (c.eat(':')) {
    if (c.digits_ahead() != 2) return std::nullopt;
    second = c.number(2);
    if (c.eat('.')) {
      const std::size_t n = c.digits_ahead();
      if (n == 0) return std::nullopt;
      for (std::size_t i = 0; i < 3; ++i) {
        millis = millis * 10 + (i < n ? c.text[c.pos + i] - '0' : 0);
      }
      c.pos += n;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return ((hour * 60 + minute) * 60 + second) * std::int64_t{1000} + millis;
}

// "Z", "+HH:MM", "+HHMM" or "+HH" (or '-') as the offset east of UTC in milliseconds.
std::optional<std::int64_t> parse_offset(cursor& c) {
  if (c.eat('Z') || c.eat('z')) return 0;
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  c.eat(sign);
  if (c.digits_ahead() < 2) return std::nullopt;
  const int hours = c.number(2);
  int minutes = 0;
  const bool colon = c.eat(':');
  if (colon || c.digits_ahead() > 0) {
    if (c.digits_ahead() != 2) return std::nullopt;
    minutes = c.number(2);
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  const std::int64_t offset = (hours * 60 + minutes) * ms_per_minute;
  return sign == '-' ? -offset : offset;
}

std::optional<std::int64_t> parse_epoch(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  std::uint64_t ms = 0;
  if (value < 100'000'000'000ULL) {
    ms = value * 1000;  // seconds
  } else if (value < 100'000'000'000'000ULL) {
    ms = value;
  } else if (value < 100'000'000'000'000'000ULL) {
    ms = value / 1000;  // microseconds
  } else {
    ms = value / 1'000'000;  // nanoseconds
  }
  return static_cast<std::int64_t>(ms);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::int64_t> parse_candle_time(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  cursor c{text};
  if (c.digits_ahead() == text.size()) return parse_epoch(text);

  const auto date = parse_date(c);
  if (!date) return std::nullopt;
  const auto days = days_since_epoch(*date);
  if (!days) return std::nullopt;
  std::int64_t ms = *days * ms_per_day;
  if (c.done()) return ms;

  if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
  const auto time_of_day = parse_time_of_day(c);
  if (!time_of_day) return std::nullopt;
  ms += *time_of_day;
  if (c.done()) return ms;

  const auto offset = parse_offset(c);
  if (!offset || !c.done()) return std::nullopt;
  return ms - *offset;
}

std::string format_candle_time(std::int64_t epoch_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{epoch_ms}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{t - day};
  char buffer[48];
  const int millis = static_cast<int>(hms.subseconds().count());
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  std::string text = buffer;
  if (millis != 0) {
    std::snprintf(buffer, sizeof buffer, ".%03d", millis);
    text += buffer;
  }
  return text + "Z";
}

}  // namespace tb::candle_files
