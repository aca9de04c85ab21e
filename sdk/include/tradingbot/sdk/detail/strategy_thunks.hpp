// The tb_strategy_v1 thunks for a strategy class T. Internal.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/series.hpp"
#include "tradingbot/sdk/signal.hpp"
#include "tradingbot/sdk/strategy.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

inline tb_data_need to_c(const data_need& need, std::string_view where) {
  tb_data_need out{};
  out.struct_size = static_cast<std::uint32_t>(sizeof out);
  if (need.interval.empty() || need.interval.size() >= sizeof out.interval) {
    throw error(TB_E_INTERNAL, std::string(where) + ": interval \"" +
                                   need.interval.substr(0, 32) +
                                   "\" must be 1 to 7 characters (\"15m\", \"4h\")");
  }
  std::memcpy(out.interval, need.interval.data(), need.interval.size());
  out.lookback = need.lookback;
  return out;
}

template <class T>
struct strategy_thunks {
  static strategy& as_strategy(T& instance) noexcept { return instance; }

  static constexpr tb_strategy_v1 table() noexcept {
    return tb_strategy_v1{static_cast<std::uint32_t>(sizeof(tb_strategy_v1)), &data_needs,
                          &on_scan, &save_state, &load_state};
  }

  static tb_status data_needs(void* self, tb_data_need* out, std::size_t capacity,
                              std::size_t* count, tb_error* err) noexcept {
    return run<T>(err, self, "data_needs", [&](T& instance) {
      require_output(instance, "data_needs", out, capacity, count);
      const std::vector<data_need> needs = as_strategy(instance).data_needs();
      write_array(instance, "data_needs", needs, out, capacity, count,
                  [](const data_need& need, std::string_view place) { return to_c(need, place); });
    });
  }

  static tb_status on_scan(void* self, const tb_series* series, std::size_t series_count,
                           const tb_signal_sink* sink, tb_error* err) noexcept {
    return run<T>(err, self, "on_scan", [&](T& instance) {
      if (series == nullptr && series_count > 0) {
        fail(instance, "on_scan", TB_E_INVALID_ARGUMENT,
             "series is NULL but series_count is " + std::to_string(series_count));
      }
      require_pointer(instance, "on_scan", sink, "the signal sink");
      for (std::size_t i = 0; i < series_count; ++i) {
        if (!series_view::well_formed(series[i])) {
          fail(instance, "on_scan", TB_E_INVALID_ARGUMENT,
               "series[" + std::to_string(i) + "] is malformed (struct_size " +
                   std::to_string(series[i].struct_size) + ", candle_stride " +
                   std::to_string(series[i].candle_stride) + ", count " +
                   std::to_string(series[i].count) + ", candles " +
                   (series[i].candles != nullptr ? "set" : "NULL") + ")");
        }
      }
      as_strategy(instance).on_scan(series_batch(series, series_count), signal_sink(sink));
    });
  }

  static tb_status save_state(void* self, char* buf, std::size_t capacity, std::size_t* length,
                              tb_error* err) noexcept {
    return run<T>(err, self, "save_state", [&](T& instance) {
      require_output(instance, "save_state", buf, capacity, length);
      const std::string state = as_strategy(instance).save_state();
      *length = state.size();
      if (state.size() > capacity) {
        fail(instance, "save_state", TB_E_BUFFER_TOO_SMALL,
             "the state is " + std::to_string(state.size()) + " bytes, the buffer " +
                 std::to_string(capacity) + "; call again with capacity >= length");
      }
      if (!state.empty()) std::memcpy(buf, state.data(), state.size());
    });
  }

  static tb_status load_state(void* self, const char* buf, std::size_t length,
                              tb_error* err) noexcept {
    return run<T>(err, self, "load_state", [&](T& instance) {
      if (buf == nullptr && length > 0) {
        fail(instance, "load_state", TB_E_INVALID_ARGUMENT,
             "buf is NULL but length is " + std::to_string(length));
      }
      as_strategy(instance).load_state(length > 0 ? std::string_view(buf, length)
                                                  : std::string_view());
    });
  }
};

}  // namespace tb::sdk::detail
