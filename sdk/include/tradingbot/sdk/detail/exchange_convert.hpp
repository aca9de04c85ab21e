// Conversions between the exchange structs of tb_abi.h and their C++ forms. Internal to the
// SDK; the thunks and tb::sdk::market_sink use them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/exchange_types.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

// Copies `value` into a fixed C buffer with its NUL; throws TB_E_INTERNAL naming `field`
// (prefixed by `where`) when it does not fit.
template <std::size_t N>
void put_text(char (&out)[N], std::string_view value, std::string_view where,
              const char* field) {
  if (value.size() >= N) {
    throw error(TB_E_INTERNAL, std::string(where) + ": " + field + " \"" +
                                   std::string(value.substr(0, 64)) + "\" is " +
                                   std::to_string(value.size()) + " characters, at most " +
                                   std::to_string(N - 1) + " fit");
  }
  std::memcpy(out, value.data(), value.size());
  out[value.size()] = '\0';
}

// Reads a fixed C buffer that may lack its NUL.
template <std::size_t N>
std::string get_text(const char (&in)[N]) {
  const void* nul = std::memchr(in, '\0', N);
  const std::size_t length =
      nul != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nul) - in) : N;
  return std::string(in, length);
}

inline tb_symbol_info to_c(const symbol_info& in, std::string_view where) {
  tb_symbol_info out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  out.status = static_cast<std::int32_t>(in.status);
  put_text(out.symbol, in.symbol, where, "symbol_info.symbol");
  put_text(out.base_asset, in.base_asset, where, "symbol_info.base_asset");
  put_text(out.quote_asset, in.quote_asset, where, "symbol_info.quote_asset");
  put_text(out.contract_type, in.contract_type, where, "symbol_info.contract_type");
  put_text(out.tick_size, in.tick_size, where, "symbol_info.tick_size");
  put_text(out.step_size, in.step_size, where, "symbol_info.step_size");
  put_text(out.min_qty, in.min_qty, where, "symbol_info.min_qty");
  put_text(out.max_qty, in.max_qty, where, "symbol_info.max_qty");
  put_text(out.min_notional, in.min_notional, where, "symbol_info.min_notional");
  out.price_precision = in.price_precision;
  out.quantity_precision = in.quantity_precision;
  return out;
}

inline tb_order_state to_c(const order_state& in, std::string_view where) {
  tb_order_state out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  out.state = static_cast<std::int32_t>(in.status);
  out.side = static_cast<std::int32_t>(in.direction);
  out.type = static_cast<std::int32_t>(in.type);
  put_text(out.symbol, in.symbol, where, "order_state.symbol");
  put_text(out.client_order_id, in.client_order_id, where, "order_state.client_order_id");
  put_text(out.exchange_order_id, in.exchange_order_id, where, "order_state.exchange_order_id");
  put_text(out.quantity, in.quantity, where, "order_state.quantity");
  put_text(out.filled_quantity, in.filled_quantity, where, "order_state.filled_quantity");
  put_text(out.average_price, in.average_price, where, "order_state.average_price");
  put_text(out.stop_price, in.stop_price, where, "order_state.stop_price");
  put_text(out.last_fill_quantity, in.last_fill_quantity, where,
           "order_state.last_fill_quantity");
  put_text(out.last_fill_price, in.last_fill_price, where, "order_state.last_fill_price");
  put_text(out.commission, in.commission, where, "order_state.commission");
  put_text(out.commission_asset, in.commission_asset, where, "order_state.commission_asset");
  put_text(out.realized_pnl, in.realized_pnl, where, "order_state.realized_pnl");
  out.update_time_ms = in.update_time_ms;
  return out;
}

inline tb_position to_c(const position& in, std::string_view where) {
  tb_position out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  out.margin_type = static_cast<std::int32_t>(in.margin);
  put_text(out.symbol, in.symbol, where, "position.symbol");
  put_text(out.quantity, in.quantity, where, "position.quantity");
  put_text(out.entry_price, in.entry_price, where, "position.entry_price");
  put_text(out.mark_price, in.mark_price, where, "position.mark_price");
  put_text(out.unrealized_pnl, in.unrealized_pnl, where, "position.unrealized_pnl");
  put_text(out.liquidation_price, in.liquidation_price, where, "position.liquidation_price");
  out.leverage = in.leverage;
  out.update_time_ms = in.update_time_ms;
  return out;
}

inline tb_balance to_c(const balance& in, std::string_view where) {
  tb_balance out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  put_text(out.asset, in.asset, where, "balance.asset");
  put_text(out.wallet_balance, in.wallet_balance, where, "balance.wallet_balance");
  put_text(out.available_balance, in.available_balance, where, "balance.available_balance");
  put_text(out.unrealized_pnl, in.unrealized_pnl, where, "balance.unrealized_pnl");
  out.update_time_ms = in.update_time_ms;
  return out;
}

inline tb_fill to_c(const fill& in, std::string_view where) {
  tb_fill out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  out.side = static_cast<std::int32_t>(in.direction);
  put_text(out.symbol, in.symbol, where, "fill.symbol");
  put_text(out.client_order_id, in.client_order_id, where, "fill.client_order_id");
  put_text(out.trade_id, in.trade_id, where, "fill.trade_id");
  put_text(out.quantity, in.quantity, where, "fill.quantity");
  put_text(out.price, in.price, where, "fill.price");
  put_text(out.commission, in.commission, where, "fill.commission");
  put_text(out.commission_asset, in.commission_asset, where, "fill.commission_asset");
  put_text(out.realized_pnl, in.realized_pnl, where, "fill.realized_pnl");
  out.maker = in.maker ? 1 : 0;
  out.time_ms = in.time_ms;
  return out;
}

inline tb_candle to_c(const tb_candle& in, std::string_view) noexcept { return in; }

// Throws TB_E_INVALID_ARGUMENT when the host's struct lacks a 1.0 field.
inline order_request from_c(const tb_order_request& in, std::string_view where) {
  if (!TB_HAS(&in, tb_order_request, client_order_id)) {
    throw error(TB_E_INVALID_ARGUMENT,
                std::string(where) + ": tb_order_request.struct_size " +
                    std::to_string(in.struct_size) + " is smaller than the ABI 1.0 struct (" +
                    std::to_string(sizeof(tb_order_request)) + ")");
  }
  order_request out;
  out.direction = static_cast<side>(in.side);
  out.type = static_cast<order_type>(in.type);
  out.tif = static_cast<time_in_force>(in.time_in_force);
  out.flags = in.flags;
  out.symbol = get_text(in.symbol);
  out.quantity = get_text(in.quantity);
  out.price = get_text(in.price);
  out.stop_price = get_text(in.stop_price);
  out.client_order_id = get_text(in.client_order_id);
  return out;
}

}  // namespace tb::sdk::detail
