// sessions: whether each candle opens inside a trading session, with the session's running
// high and low (spec section 7). Times of day are compared in UTC, to the minute, both ends
// inclusive; a session whose start is not before its end wraps past midnight.
//
// The reference localises the naive candle times to time_zone after rewriting "GMT" and then
// "UTC" in its name to "Etc/GMT" (so "UTC+2" is Etc/GMT+2, two hours *behind* UTC). GCC 12's
// libstdc++ has no time-zone database (std::chrono::locate_zone), so only zones with a fixed
// offset are accepted: UTC, the Etc/GMT family and the other zero-offset names.
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

constexpr std::int64_t ms_per_minute = 60'000;
constexpr std::int64_t minutes_per_day = 1'440;

struct named_session {
  const char* name;
  const char* start;
  const char* end;
};

constexpr named_session named_sessions[] = {
    {"Sydney", "21:00", "06:00"},
    {"Tokyo", "00:00", "09:00"},
    {"London", "07:00", "16:00"},
    {"New York", "13:00", "22:00"},
    {"Asian kill zone", "00:00", "04:00"},
    {"London open kill zone", "06:00", "09:00"},
    {"New York kill zone", "11:00", "14:00"},
    {"london close kill zone", "14:00", "16:00"},
};

// strptime("%H:%M"): one or two digits each, hour 0..23, minute 0..59.
std::optional<int> minute_of_day(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const auto field = [&](std::size_t from, std::size_t to, int max) -> std::optional<int> {
    if (to <= from || to - from > 2) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data() + from, text.data() + to, value);
    if (ec != std::errc() || end != text.data() + to || value < 0 || value > max) return std::nullopt;
    return value;
  };
  const auto hour = field(0, colon, 23);
  const auto minute = field(colon + 1, text.size(), 59);
  if (!hour || !minute) return std::nullopt;
  return *hour * 60 + *minute;
}

int session_time(const std::string& text, const char* what) {
  const auto minutes = minute_of_day(text);
  if (!minutes) {
    throw std::invalid_argument(std::string("sessions: ") + what + " \"" + text +
                                "\" is not a time of day; write it as HH:MM, e.g. 09:30");
  }
  return *minutes;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Minutes to add to a wall-clock time in the zone to get UTC. The rewrite is case-sensitive
// (Python str.replace); the zone lookup is not (pytz).
std::int64_t minutes_to_utc(const std::string& time_zone) {
  if (time_zone == "UTC") return 0;
  std::string zone = time_zone;
  replace_all(zone, "GMT", "Etc/GMT");
  replace_all(zone, "UTC", "Etc/GMT");
  std::string key = zone;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const zero_offset[] = {
      "etc/gmt", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "gmt", "gmt0", "gmt+0", "gmt-0",
      "utc", "uct", "universal", "zulu", "greenwich", "etc/utc", "etc/uct", "etc/universal",
      "etc/zulu", "etc/greenwich"};
  for (const char* name : zero_offset) {
    if (key == name) return 0;
  }
  // Etc/GMT+N is N hours behind UTC (POSIX sign), N from 1 to 12; Etc/GMT-N ahead, 1 to 14.
  const std::string prefix = "etc/gmt";
  if (key.size() > prefix.size() + 1 && key.compare(0, prefix.size(), prefix) == 0 &&
      (key[prefix.size()] == '+' || key[prefix.size()] == '-') && key[prefix.size() + 1] != '0') {
    const char* digits = key.data() + prefix.size() + 1;
    int hours = 0;
    const auto [end, ec] = std::from_chars(digits, key.data() + key.size(), hours);
    const bool behind = key[prefix.size()] == '+';
    if (ec == std::errc() && end == key.data() + key.size() && hours >= 1 &&
        hours <= (behind ? 12 : 14)) {
      return (behind ? hours : -hours) * 60;
    }
  }
  throw std::invalid_argument(
      "sessions: time_zone \"" + time_zone + "\" (read as \"" + zone +
      "\", as the reference rewrites GMT and UTC to Etc/GMT) is not supported: this build has "
      "no time-zone database, so use UTC or a fixed offset such as UTC+2 or GMT-3 (POSIX sign: "
      "UTC+2 is two hours behind UTC), or convert the candle times to UTC first");
}

}  // namespace

std::optional<std::pair<int, int>> session_minutes(const std::string& name) {
  for (const named_session& s : named_sessions) {
    if (name == s.name) return std::pair{session_time(s.start, "start"), session_time(s.end, "end")};
  }
  return std::nullopt;
}

table sessions(const ohlcv& candles, const std::string& session, const std::string& start_time,
               const std::string& end_time, const std::string& time_zone) {
  int start = 0, end = 0;
  if (session == "Custom") {
    if (start_time.empty() || end_time.empty()) {
      throw std::invalid_argument(
          "sessions: session Custom needs both start_time and end_time (HH:MM, UTC)");
    }
    start = session_time(start_time, "start_time");
    end = session_time(end_time, "end_time");
  } else {
    const auto bounds = session_minutes(session);
    if (!bounds) {
      std::string known;
      for (const named_session& s : named_sessions) {
        known += std::string(known.empty() ? "" : ", ") + s.name;
      }
      throw std::invalid_argument("sessions: unknown session \"" + session + "\" (known: " + known +
                                  ", Custom with start_time and end_time)");
    }
    start = bounds->first;
    end = bounds->second;
  }
  const std::int64_t shift = minutes_to_utc(time_zone);

  const std::size_t n = candles.size();
  std::vector<double> active(n, 0.0), high(n, 0.0), low(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t minutes = candles.time_ms[i] / ms_per_minute;
    if (candles.time_ms[i] % ms_per_minute < 0) --minutes;  // floor before 1970
    minutes = (minutes + shift) % minutes_per_day;
    if (minutes < 0) minutes += minutes_per_day;
    const bool inside = start < end ? (start <= minutes && minutes <= end)
                                    : (minutes >= start || minutes <= end);
    if (!inside) continue;
    // A previous 0 (inactive row, or the first row) starts the session afresh.
    const double previous_high = i > 0 ? high[i - 1] : 0.0;
    const double previous_low = i > 0 ? low[i - 1] : 0.0;
    active[i] = 1.0;
    high[i] = as_float32(previous_high != 0.0 && previous_high > candles.high[i] ? previous_high
                                                                                : candles.high[i]);
    low[i] = as_float32(previous_low != 0.0 && previous_low < candles.low[i] ? previous_low
                                                                            : candles.low[i]);
  }
  return {{"Active", column_kind::int32, std::move(active)},
          {"High", column_kind::float32, std::move(high)},
          {"Low", column_kind::float32, std::move(low)}};
}

}  // namespace tb::ictsmc
