#include "indicators/registry.hpp"

#include <functional>
#include <stdexcept>

#include "indicators/indicators.hpp"

namespace tb::ictsmc {
namespace {

// The reference's swing_highs_lows default; every indicator that needs swings takes it too.
constexpr int default_swing_length = 50;

swing_points swings_of(const ohlcv& candles, params& p) {
  return swing_highs_lows(candles, p.integer("swing_length", default_swing_length, 1, 1'000'000));
}

struct entry {
  const char* name;
  const char* takes;  // for the unknown-parameter message
  std::function<table(const ohlcv&, params&)> compute;
};

const std::vector<entry>& entries() {
  static const std::vector<entry> all = {
      {"swing_highs_lows", "swing_length",
       [](const ohlcv& c, params& p) { return to_table(swings_of(c, p)); }},
      {"fvg", "join_consecutive",
       [](const ohlcv& c, params& p) { return fvg(c, p.boolean("join_consecutive", false)); }},
      {"bos_choch", "swing_length, close_break",
       [](const ohlcv& c, params& p) {
         const swing_points s = swings_of(c, p);
         return bos_choch(c, s, p.boolean("close_break", true));
       }},
      {"ob", "swing_length, close_mitigation",
       [](const ohlcv& c, params& p) {
         const swing_points s = swings_of(c, p);
         return ob(c, s, p.boolean("close_mitigation", false));
       }},
      {"liquidity", "swing_length, range_percent",
       [](const ohlcv& c, params& p) {
         const swing_points s = swings_of(c, p);
         return liquidity(c, s, p.number("range_percent", 0.01, 0.0, 1.0));
       }},
      {"previous_high_low", "time_frame",
       [](const ohlcv& c, params& p) { return previous_high_low(c, p.text("time_frame", "1D")); }},
      {"sessions", "session, start_time, end_time, time_zone",
       [](const ohlcv& c, params& p) {
         const std::string session = p.text("session", "");
         if (session.empty()) throw std::invalid_argument("parameter session is required");
         return sessions(c, session, p.text("start_time", ""), p.text("end_time", ""),
                         p.text("time_zone", "UTC"));
       }},
      {"retracements", "swing_length",
       [](const ohlcv& c, params& p) { return retracements(c, swings_of(c, p)); }},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& indicator_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const entry& e : entries()) out.emplace_back(e.name);
    return out;
  }();
  return names;
}

table compute_indicator(const std::string& name, const ohlcv& candles, params& given) {
  for (const entry& e : entries()) {
    if (name != e.name) continue;
    table result = e.compute(candles, given);
    const auto unknown = given.unread();
    if (!unknown.empty()) {
      throw std::invalid_argument("indicator " + name + " has no parameter " + unknown.front() +
                                  " (it takes: " + e.takes + ")");
    }
    return result;
  }
  std::string known;
  for (const entry& e : entries()) known += (known.empty() ? "" : ", ") + std::string(e.name);
  throw std::invalid_argument("unknown indicator \"" + name + "\" (known: " + known + ")");
}

}  // namespace tb::ictsmc
