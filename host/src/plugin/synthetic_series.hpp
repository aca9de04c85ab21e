#pragma once

// Made-up candles for exercising a strategy without an exchange (`plugins check`).

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::host {

// Seconds of a Binance interval code ("15m" -> 900, "1M" -> 30 days); nullopt when it is
// not <positive number><m|h|d|w|M>.
std::optional<std::uint32_t> interval_seconds(std::string_view code);

// A deterministic, gently trending and oscillating series of closed candles ending at a
// fixed time.
class synthetic_series {
 public:
  synthetic_series(std::string symbol, std::uint32_t symbol_id, std::string interval,
                   std::uint32_t interval_s, std::size_t count);

  // Points into this object: valid while it lives and is not moved.
  tb_series view() const noexcept;

 private:
  std::string symbol_;
  std::uint32_t symbol_id_;
  std::string interval_;
  std::uint32_t interval_s_;
  std::vector<tb_candle> candles_;
};

}  // namespace tb::host
