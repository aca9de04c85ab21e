// tb::sdk::market_sink: where an exchange plugin pushes websocket data.
//
// The host hands a tb_market_sink to subscribe_candles() and subscribe_account(); this
// wrapper keeps a copy of that table, so store the wrapper by value and push from your own
// threads until unsubscribe or stop(). Every push is [any]: call it from any thread, and
// expect it to return quickly (the host copies and queues). Each push checks that the host's
// table has the callback and does nothing when it does not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "tradingbot/sdk/detail/exchange_convert.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk {

enum class stream_status : std::int32_t {
  connected = TB_STREAM_CONNECTED,
  disconnected = TB_STREAM_DISCONNECTED, // data may be missing until the next connected
};

class market_sink {
 public:
  // No sink: every push does nothing.
  market_sink() noexcept = default;
  // Copies the host's table (as much of it as the host filled in); `raw` may be NULL.
  explicit market_sink(const tb_market_sink* raw) noexcept {
    if (raw == nullptr) return;
    std::size_t size = raw->struct_size;
    if (size > sizeof table_) size = sizeof table_;
    std::memcpy(&table_, raw, size);
    table_.struct_size = static_cast<std::uint32_t>(size);
  }

  bool connected() const noexcept { return table_.struct_size != 0; }

  // A kline update (closed or still forming: see update.flags).
  void push_candle(c_string symbol, c_string interval, const tb_candle& update) const noexcept {
    if (has(offsetof(tb_market_sink, on_candle), table_.on_candle != nullptr)) {
      table_.on_candle(table_.ctx, symbol.get(), interval.get(), &update);
    }
  }
  // The C++ forms throw tb::sdk::error(TB_E_INTERNAL) when a field is too long for the ABI;
  // catch it on your thread, since nothing may escape a plugin-owned thread either.
  void push_order_update(const order_state& order) const {
    push_order_update(detail::to_c(order, "market_sink.push_order_update"));
  }
  void push_order_update(const tb_order_state& order) const noexcept {
    if (has(offsetof(tb_market_sink, on_order_update), table_.on_order_update != nullptr)) {
      table_.on_order_update(table_.ctx, &order);
    }
  }
  void push_position_update(const position& update) const {
    push_position_update(detail::to_c(update, "market_sink.push_position_update"));
  }
  void push_position_update(const tb_position& update) const noexcept {
    if (has(offsetof(tb_market_sink, on_position_update),
            table_.on_position_update != nullptr)) {
      table_.on_position_update(table_.ctx, &update);
    }
  }
  void push_balance_update(const balance& update) const {
    push_balance_update(detail::to_c(update, "market_sink.push_balance_update"));
  }
  void push_balance_update(const tb_balance& update) const noexcept {
    if (has(offsetof(tb_market_sink, on_balance_update), table_.on_balance_update != nullptr)) {
      table_.on_balance_update(table_.ctx, &update);
    }
  }
  // A stream (e.g. "klines", "account") connected or dropped; `detail` may be nullptr.
  void push_stream_status(c_string stream, stream_status status,
                          c_string detail = nullptr) const noexcept {
    if (has(offsetof(tb_market_sink, on_stream_status), table_.on_stream_status != nullptr)) {
      table_.on_stream_status(table_.ctx, stream.get(), static_cast<std::int32_t>(status),
                              detail.get());
    }
  }

 private:
  // The host's table reached the field at `offset` (all callbacks are pointer-sized).
  bool has(std::size_t offset, bool set) const noexcept {
    return set && table_.struct_size >= offset + sizeof(void (*)());
  }

  tb_market_sink table_{};
};

}  // namespace tb::sdk
