#pragma once
// The symbol and the signal the order-flow tests trade: BTCUSDT with tick 0.1 and step
// 0.001, and a long at 100 with its stop at 95 and its target at 110.
#include <tradingbot/tb_abi.h>

#include <cstdint>

#include "services/order_records.hpp"
#include "services/trade_signal.hpp"

namespace tb::host::testing {

inline tb_symbol_info btc() {
  tb_symbol_info info{};
  info.struct_size = sizeof info;
  info.status = TB_SYMBOL_TRADING;
  copy_text(info.symbol, "BTCUSDT");
  copy_text(info.base_asset, "BTC");
  copy_text(info.quote_asset, "USDT");
  copy_text(info.contract_type, "PERPETUAL");
  copy_text(info.tick_size, "0.1");
  copy_text(info.step_size, "0.001");
  copy_text(info.min_qty, "0.001");
  copy_text(info.max_qty, "1000");
  copy_text(info.min_notional, "5");
  info.price_precision = 1;
  info.quantity_precision = 3;
  return info;
}

inline trade_signal long_signal(std::int64_t time_ms = 1'700'000'000'000) {
  trade_signal s;
  s.strategy = "ictsmc";
  s.symbol = "BTCUSDT";
  s.symbol_id = 1;
  s.side = TB_SIDE_LONG;
  s.interval_s = 3600;
  s.time_ms = time_ms;
  s.entry = 100;
  s.stop_loss = 95;
  s.take_profit = 110;
  s.confidence = 0.8;
  s.reason = "test";
  return s;
}

}  // namespace tb::host::testing
