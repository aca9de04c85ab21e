// The words and the JSON of a setup: what a trader reads in the log, the notifier and the
// trade journal to see why the bot took the trade.
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <string>

#include "signals/setup_finder.hpp"

namespace tb::ictsmc {
namespace {

// The shortest text that reads back as the same double.
std::string number(double value) {
  std::array<char, 32> text{};
  const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() ? std::string(text.data(), end) : std::to_string(value);
}

std::string fixed(double value, int digits) {
  std::array<char, 32> text{};
  const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value,
                                       std::chars_format::fixed, digits);
  return ec == std::errc() ? std::string(text.data(), end) : std::to_string(value);
}

const char* bullish(int side) { return side > 0 ? "bullish" : "bearish"; }

}  // namespace

std::string describe(const trade_setup& s, const settings& config) {
  std::string zones;
  if (s.order_block) zones = "order block";
  if (s.fair_value_gap) zones += std::string(zones.empty() ? "" : " + ") + "fair-value gap";
  std::string out = std::string(s.side > 0 ? "long" : "short") + ": " + config.bias_interval +
                    " bias " + bullish(s.side) + " (" +
                    (s.bias.change_of_character ? "CHoCH" : "BOS") + " through " +
                    number(s.bias.level) + ")";
  out += "; retest of " + std::string(bullish(s.side)) + " " + zones + " " +
         number(s.zone_bottom) + "-" + number(s.zone_top);
  out += "; " + std::string(s.side > 0 ? "discount" : "premium") + " " + fixed(s.retracement, 2) +
         " of range " + number(s.range_low) + "-" + number(s.range_high);
  if (s.ote) out += " (OTE " + number(config.ote_low) + "-" + number(config.ote_high) + ")";
  if (s.sweep) {
    const std::size_t ago = s.index - s.sweep->index;
    out += "; " + std::string(s.sweep->side > 0 ? "buy" : "sell") + "-side liquidity " +
           number(s.sweep->level) + " swept " +
           (ago == 0 ? std::string("this candle") : std::to_string(ago) + " candles ago");
  }
  if (!s.kill_zone.empty()) out += "; " + s.kill_zone + " kill zone";
  if (s.structure) out += "; " + config.entry_interval + " structure " + bullish(s.side);
  out += "; stop " + number(s.stop) + ", target " + number(s.take_profit) + " (" +
         std::string(s.side > 0 ? "buy" : "sell") + "-side liquidity), R:R " +
         fixed(s.reward_risk, 2) + ", confidence " + fixed(s.confidence, 2);
  return out;
}

std::string describe_json(const trade_setup& s) {
  nlohmann::json j{
      {"bias", {{"break", s.bias.change_of_character ? "choch" : "bos"}, {"level", s.bias.level}}},
      {"zone", {{"order_block", s.order_block}, {"fair_value_gap", s.fair_value_gap},
                {"top", s.zone_top}, {"bottom", s.zone_bottom}}},
      {"range", {{"low", s.range_low}, {"high", s.range_high}}},
      {"retracement", s.retracement},
      {"ote", s.ote},
      {"kill_zone", s.kill_zone},
      {"structure", s.structure},
      {"reward_risk", s.reward_risk},
  };
  if (s.sweep) {
    j["sweep"] = {{"level", s.sweep->level}, {"extreme", s.sweep->extreme},
                  {"candles_ago", s.index - s.sweep->index}};
  }
  return j.dump();
}

}  // namespace tb::ictsmc
