#include "market/candle_aggregation.hpp"

#include <algorithm>

namespace tb::exchange_sim {

candle aggregate(std::span<const candle> minutes, interval iv) noexcept {
  candle out = minutes.front();
  out.close_time_ms = out.open_time_ms + interval_ms(iv) - 1;
  for (const candle& c : minutes.subspan(1)) {
    out.high = std::max(out.high, c.high);
    out.low = std::min(out.low, c.low);
    out.volume += c.volume;
    out.quote_volume += c.quote_volume;
    out.trade_count += c.trade_count;
  }
  out.close = minutes.back().close;
  return out;
}

}  // namespace tb::exchange_sim
