#pragma once

// What the host knows about each v1 interface table: its id, the size of its SDK 1.0 fields
// (a plugin built against a later 1.x SDK may hand a larger table) and its function pointers,
// all of which are required.

#include <tradingbot/tb_abi.h>

#include <cstddef>
#include <string_view>

namespace tb::host {

template <class T>
struct interface_traits;

#define TB_HOST_V1_END(type, last) (offsetof(type, last) + sizeof(type::last))

template <>
struct interface_traits<tb_strategy_v1> {
  static constexpr const char* id = TB_IFACE_STRATEGY_V1;
  static constexpr std::size_t v1_size = TB_HOST_V1_END(tb_strategy_v1, load_state);
  // Name of the first NULL function, or NULL when all are set.
  static const char* first_null(const tb_strategy_v1& t) noexcept {
    if (t.data_needs == nullptr) return "data_needs";
    if (t.on_scan == nullptr) return "on_scan";
    if (t.save_state == nullptr) return "save_state";
    if (t.load_state == nullptr) return "load_state";
    return nullptr;
  }
};

template <>
struct interface_traits<tb_exchange_v1> {
  static constexpr const char* id = TB_IFACE_EXCHANGE_V1;
  static constexpr std::size_t v1_size = TB_HOST_V1_END(tb_exchange_v1, subscribe_account);
  static const char* first_null(const tb_exchange_v1& t) noexcept {
    if (t.list_symbols == nullptr) return "list_symbols";
    if (t.fetch_candles == nullptr) return "fetch_candles";
    if (t.subscribe_candles == nullptr) return "subscribe_candles";
    if (t.unsubscribe_candles == nullptr) return "unsubscribe_candles";
    if (t.get_balances == nullptr) return "get_balances";
    if (t.get_positions == nullptr) return "get_positions";
    if (t.place_order == nullptr) return "place_order";
    if (t.cancel_order == nullptr) return "cancel_order";
    if (t.query_order == nullptr) return "query_order";
    if (t.list_open_orders == nullptr) return "list_open_orders";
    if (t.set_leverage == nullptr) return "set_leverage";
    if (t.set_margin_type == nullptr) return "set_margin_type";
    if (t.subscribe_account == nullptr) return "subscribe_account";
    return nullptr;
  }
};

template <>
struct interface_traits<tb_notifier_v1> {
  static constexpr const char* id = TB_IFACE_NOTIFIER_V1;
  static constexpr std::size_t v1_size = TB_HOST_V1_END(tb_notifier_v1, flush);
  static const char* first_null(const tb_notifier_v1& t) noexcept {
    if (t.notify == nullptr) return "notify";
    if (t.flush == nullptr) return "flush";
    return nullptr;
  }
};

// Optional, added in ABI 1.1: v1_size is the size of its first version.
template <>
struct interface_traits<tb_indicators_v1> {
  static constexpr const char* id = TB_IFACE_INDICATORS_V1;
  static constexpr std::size_t v1_size = TB_HOST_V1_END(tb_indicators_v1, compute);
  static const char* first_null(const tb_indicators_v1& t) noexcept {
    if (t.list == nullptr) return "list";
    if (t.compute == nullptr) return "compute";
    return nullptr;
  }
};

// Optional, added in ABI 1.3.
template <>
struct interface_traits<tb_simulator_v1> {
  static constexpr const char* id = TB_IFACE_SIMULATOR_V1;
  static constexpr std::size_t v1_size = TB_HOST_V1_END(tb_simulator_v1, advance_to);
  static const char* first_null(const tb_simulator_v1& t) noexcept {
    return t.advance_to == nullptr ? "advance_to" : nullptr;
  }
};

#undef TB_HOST_V1_END

}  // namespace tb::host
