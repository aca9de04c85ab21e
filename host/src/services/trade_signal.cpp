#include "services/trade_signal.hpp"

#include <cmath>
#include <cstddef>

namespace tb::host {
namespace {

bool positive_price(double v) noexcept { return std::isfinite(v) && v > 0; }

std::string price_problem(const char* field, double v) {
  return std::string(field) + " " + std::to_string(v) + " is not a positive finite price";
}

// Side, prices and confidence of a signal.
std::string levels_problem(std::int32_t side, double entry, double stop_loss, double take_profit,
                           double confidence) {
  if (side != TB_SIDE_LONG && side != TB_SIDE_SHORT) {
    return "side " + std::to_string(side) + " is neither TB_SIDE_LONG (1) nor TB_SIDE_SHORT (-1)";
  }
  if (!positive_price(entry)) return price_problem("entry", entry);
  if (!positive_price(stop_loss)) return price_problem("stop_loss", stop_loss);
  if (!positive_price(take_profit)) return price_problem("take_profit", take_profit);
  if (!(confidence >= 0.0 && confidence <= 1.0)) {
    return "confidence " + std::to_string(confidence) + " is outside 0..1";
  }
  const bool is_long = side == TB_SIDE_LONG;
  if (is_long ? !(stop_loss < entry) : !(stop_loss > entry)) {
    return std::string("stop_loss ") + std::to_string(stop_loss) + " is not " +
           (is_long ? "below" : "above") + " the entry " + std::to_string(entry) + " of a " +
           side_name(side) + " signal";
  }
  if (is_long ? !(take_profit > entry) : !(take_profit < entry)) {
    return std::string("take_profit ") + std::to_string(take_profit) + " is not " +
           (is_long ? "above" : "below") + " the entry " + std::to_string(entry) + " of a " +
           side_name(side) + " signal";
  }
  return {};
}

}  // namespace

double trade_signal::reward_to_risk() const noexcept {
  const double risk = std::fabs(entry - stop_loss);
  return risk > 0 ? std::fabs(take_profit - entry) / risk : 0.0;
}

const char* side_name(std::int32_t side) noexcept {
  switch (side) {
    case TB_SIDE_LONG: return "long";
    case TB_SIDE_SHORT: return "short";
    default: return "side?";
  }
}

std::string signal_problem(const tb_signal& s) {
  if (!TB_HAS(&s, tb_signal, meta_json)) {
    return "struct_size " + std::to_string(s.struct_size) + " is smaller than the " +
           std::to_string(sizeof(tb_signal)) + " bytes of tb_signal 1.0";
  }
  if (s.symbol == nullptr || s.symbol[0] == '\0') return "no symbol";
  return levels_problem(s.side, s.entry, s.stop_loss, s.take_profit, s.confidence);
}

std::string signal_problem(const trade_signal& s) {
  if (s.symbol.empty()) return "no symbol";
  return levels_problem(s.side, s.entry, s.stop_loss, s.take_profit, s.confidence);
}

}  // namespace tb::host
