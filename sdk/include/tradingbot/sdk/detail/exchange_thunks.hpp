// The tb_exchange_v1 thunks for an exchange class T. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/sdk/detail/exchange_convert.hpp"
#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/exchange.hpp"
#include "tradingbot/sdk/host.hpp"
#include "tradingbot/sdk/market_sink.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

struct to_c_fn {
  template <class V>
  auto operator()(const V& item, std::string_view place) const {
    return to_c(item, place);
  }
};

template <class T>
struct exchange_thunks {
  static exchange& as_exchange(T& instance) noexcept { return instance; }

  static std::string place(const plugin& instance, const char* operation) {
    return std::string(instance.id()) + ": " + operation;
  }

  static std::vector<std::string> texts(const plugin& instance, const char* operation,
                                        const char* const* values, std::size_t count) {
    if (values == nullptr && count > 0) {
      fail(instance, operation, TB_E_INVALID_ARGUMENT,
           "symbols is NULL but symbol_count is " + std::to_string(count));
    }
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (values[i] == nullptr) {
        fail(instance, operation, TB_E_INVALID_ARGUMENT,
             "symbols[" + std::to_string(i) + "] is NULL");
      }
      out.emplace_back(values[i]);
    }
    return out;
  }

  static constexpr tb_exchange_v1 table() noexcept {
    return tb_exchange_v1{static_cast<std::uint32_t>(sizeof(tb_exchange_v1)),
                          &list_symbols,
                          &fetch_candles,
                          &subscribe_candles,
                          &unsubscribe_candles,
                          &get_balances,
                          &get_positions,
                          &place_order,
                          &cancel_order,
                          &query_order,
                          &list_open_orders,
                          &set_leverage,
                          &set_margin_type,
                          &subscribe_account,
                          &get_order_fills};
  }

  static tb_status list_symbols(void* self, std::int64_t deadline_ns, tb_symbol_info* out,
                                std::size_t capacity, std::size_t* count,
                                tb_error* err) noexcept {
    return run<T>(err, self, "list_symbols", [&](T& instance) {
      require_output(instance, "list_symbols", out, capacity, count);
      const auto items = as_exchange(instance).list_symbols(deadline_from_ns(deadline_ns));
      write_array(instance, "list_symbols", items, out, capacity, count, to_c_fn());
    });
  }

  static tb_status fetch_candles(void* self, const char* symbol, const char* interval,
                                 std::int64_t start_ms, std::int64_t end_ms, std::uint32_t limit,
                                 std::int64_t deadline_ns, tb_candle* out, std::size_t capacity,
                                 std::size_t* count, tb_error* err) noexcept {
    return run<T>(err, self, "fetch_candles", [&](T& instance) {
      require_text(instance, "fetch_candles", symbol, "symbol");
      require_text(instance, "fetch_candles", interval, "interval");
      require_output(instance, "fetch_candles", out, capacity, count);
      candle_request request;
      request.symbol = symbol;
      request.interval = interval;
      request.start_ms = start_ms;
      request.end_ms = end_ms;
      request.limit = limit;
      const auto items =
          as_exchange(instance).fetch_candles(request, deadline_from_ns(deadline_ns));
      write_array(instance, "fetch_candles", items, out, capacity, count, to_c_fn());
    });
  }

  static tb_status subscribe_candles(void* self, const char* const* symbols,
                                     std::size_t symbol_count, const char* interval,
                                     const tb_market_sink* sink, tb_error* err) noexcept {
    return run<T>(err, self, "subscribe_candles", [&](T& instance) {
      auto names = texts(instance, "subscribe_candles", symbols, symbol_count);
      require_text(instance, "subscribe_candles", interval, "interval");
      require_pointer(instance, "subscribe_candles", sink, "sink");
      as_exchange(instance).subscribe_candles(names, interval, market_sink(sink));
    });
  }

  static tb_status unsubscribe_candles(void* self, const char* const* symbols,
                                       std::size_t symbol_count, const char* interval,
                                       tb_error* err) noexcept {
    return run<T>(err, self, "unsubscribe_candles", [&](T& instance) {
      auto names = texts(instance, "unsubscribe_candles", symbols, symbol_count);
      require_text(instance, "unsubscribe_candles", interval, "interval");
      as_exchange(instance).unsubscribe_candles(names, interval);
    });
  }

  static tb_status get_balances(void* self, std::int64_t deadline_ns, tb_balance* out,
                                std::size_t capacity, std::size_t* count,
                                tb_error* err) noexcept {
    return run<T>(err, self, "get_balances", [&](T& instance) {
      require_output(instance, "get_balances", out, capacity, count);
      const auto items = as_exchange(instance).get_balances(deadline_from_ns(deadline_ns));
      write_array(instance, "get_balances", items, out, capacity, count, to_c_fn());
    });
  }

  static tb_status get_positions(void* self, std::int64_t deadline_ns, tb_position* out,
                                 std::size_t capacity, std::size_t* count,
                                 tb_error* err) noexcept {
    return run<T>(err, self, "get_positions", [&](T& instance) {
      require_output(instance, "get_positions", out, capacity, count);
      const auto items = as_exchange(instance).get_positions(deadline_from_ns(deadline_ns));
      write_array(instance, "get_positions", items, out, capacity, count, to_c_fn());
    });
  }

  static tb_status place_order(void* self, const tb_order_request* request,
                               std::int64_t deadline_ns, tb_order_state* ack,
                               tb_error* err) noexcept {
    return run<T>(err, self, "place_order", [&](T& instance) {
      require_pointer(instance, "place_order", request, "request");
      require_pointer(instance, "place_order", ack, "ack");
      const std::string at = place(instance, "place_order");
      const order_state result =
          as_exchange(instance).place_order(from_c(*request, at), deadline_from_ns(deadline_ns));
      *ack = to_c(result, at);
    });
  }

  static tb_status cancel_order(void* self, const char* symbol, const char* client_order_id,
                                std::int64_t deadline_ns, tb_order_state* result,
                                tb_error* err) noexcept {
    return run<T>(err, self, "cancel_order", [&](T& instance) {
      require_text(instance, "cancel_order", symbol, "symbol");
      require_text(instance, "cancel_order", client_order_id, "client_order_id");
      require_pointer(instance, "cancel_order", result, "result");
      const order_state state = as_exchange(instance).cancel_order(
          symbol, client_order_id, deadline_from_ns(deadline_ns));
      *result = to_c(state, place(instance, "cancel_order"));
    });
  }

  static tb_status query_order(void* self, const char* symbol, const char* client_order_id,
                               std::int64_t deadline_ns, tb_order_state* result,
                               tb_error* err) noexcept {
    return run<T>(err, self, "query_order", [&](T& instance) {
      require_text(instance, "query_order", symbol, "symbol");
      require_text(instance, "query_order", client_order_id, "client_order_id");
      require_pointer(instance, "query_order", result, "result");
      const order_state state = as_exchange(instance).query_order(
          symbol, client_order_id, deadline_from_ns(deadline_ns));
      *result = to_c(state, place(instance, "query_order"));
    });
  }

  static tb_status list_open_orders(void* self, const char* symbol, std::int64_t deadline_ns,
                                    tb_order_state* out, std::size_t capacity,
                                    std::size_t* count, tb_error* err) noexcept {
    return run<T>(err, self, "list_open_orders", [&](T& instance) {
      require_output(instance, "list_open_orders", out, capacity, count);
      const std::optional<std::string> which =
          symbol != nullptr ? std::optional<std::string>(symbol) : std::nullopt;
      const auto items =
          as_exchange(instance).list_open_orders(which, deadline_from_ns(deadline_ns));
      write_array(instance, "list_open_orders", items, out, capacity, count, to_c_fn());
    });
  }

  static tb_status set_leverage(void* self, const char* symbol, std::int32_t leverage,
                                std::int64_t deadline_ns, tb_error* err) noexcept {
    return run<T>(err, self, "set_leverage", [&](T& instance) {
      require_text(instance, "set_leverage", symbol, "symbol");
      as_exchange(instance).set_leverage(symbol, leverage, deadline_from_ns(deadline_ns));
    });
  }

  static tb_status set_margin_type(void* self, const char* symbol, std::int32_t type,
                                   std::int64_t deadline_ns, tb_error* err) noexcept {
    return run<T>(err, self, "set_margin_type", [&](T& instance) {
      require_text(instance, "set_margin_type", symbol, "symbol");
      as_exchange(instance).set_margin_type(symbol, static_cast<margin_type>(type),
                                            deadline_from_ns(deadline_ns));
    });
  }

  static tb_status subscribe_account(void* self, const tb_market_sink* sink,
                                     tb_error* err) noexcept {
    return run<T>(err, self, "subscribe_account", [&](T& instance) {
      require_pointer(instance, "subscribe_account", sink, "sink");
      as_exchange(instance).subscribe_account(market_sink(sink));
    });
  }

  static tb_status get_order_fills(void* self, const char* symbol, const char* client_order_id,
                                   std::int64_t deadline_ns, tb_fill* out, std::size_t capacity,
                                   std::size_t* count, tb_error* err) noexcept {
    return run<T>(err, self, "get_order_fills", [&](T& instance) {
      require_text(instance, "get_order_fills", symbol, "symbol");
      require_text(instance, "get_order_fills", client_order_id, "client_order_id");
      require_output(instance, "get_order_fills", out, capacity, count);
      const auto items = as_exchange(instance).get_order_fills(symbol, client_order_id,
                                                               deadline_from_ns(deadline_ns));
      write_array(instance, "get_order_fills", items, out, capacity, count, to_c_fn());
    });
  }
};

}  // namespace tb::sdk::detail
