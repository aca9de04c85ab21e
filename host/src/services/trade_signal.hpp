#pragma once

#include <tradingbot/tb_abi.h>

#include <cstdint>
#include <string>

namespace tb::host {

// A strategy's trade idea, copied out of the tb_signal it emitted: it owns its strings, so
// it outlives the scan and the plugin's library.
struct trade_signal {
  std::string strategy;  // the strategy's configured name
  std::string symbol;    // the host's name for symbol_id
  std::uint32_t symbol_id = 0;
  std::int32_t side = TB_SIDE_LONG;  // TB_SIDE_LONG or TB_SIDE_SHORT
  std::uint32_t interval_s = 0;      // the entry timeframe
  std::int64_t time_ms = 0;          // close time of the candle it was decided on
  double entry = 0;
  double stop_loss = 0;
  double take_profit = 0;
  double confidence = 0;  // 0..1
  std::string reason;     // may be empty
  std::string meta_json;  // may be empty

  // |take_profit - entry| / |entry - stop_loss|; a valid signal's risk is never zero.
  double reward_to_risk() const noexcept;
  bool operator==(const trade_signal&) const = default;
};

// "long" / "short" / "side?"
const char* side_name(std::int32_t side) noexcept;

// Why a tb_signal cannot be kept, or empty when it is valid: a struct_size short of the 1.0
// layout, no symbol, an unknown side, a price that is not a positive finite number, a
// confidence outside 0..1 (or NaN), a stop or target on the wrong side of the entry.
std::string signal_problem(const tb_signal& signal);
// The same checks on a copied signal (an empty symbol is a problem too).
std::string signal_problem(const trade_signal& signal);

}  // namespace tb::host
