// The tb_indicators_v1 thunks for a plugin class T that derives from tb::sdk::indicators, and
// optional_indicators<T>, which the export macro uses to offer them only then. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "tradingbot/sdk/detail/thunk_support.hpp"
#include "tradingbot/sdk/indicators.hpp"
#include "tradingbot/sdk/series.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

template <class T>
struct indicators_thunks {
  static indicators& as_indicators(T& instance) noexcept { return instance; }

  static constexpr tb_indicators_v1 table() noexcept {
    return tb_indicators_v1{static_cast<std::uint32_t>(sizeof(tb_indicators_v1)), &list,
                            &compute};
  }

  static tb_status list(void* self, char* buf, std::size_t capacity, std::size_t* length,
                        tb_error* err) noexcept {
    return run<T>(err, self, "indicators.list", [&](T& instance) {
      require_output(instance, "indicators.list", buf, capacity, length);
      std::string text;
      for (const std::string& name : as_indicators(instance).indicator_names()) {
        if (name.empty() || name.find(',') != std::string::npos) {
          fail(instance, "indicators.list", TB_E_INTERNAL,
               "indicator name \"" + name + "\" is empty or contains a comma");
        }
        if (!text.empty()) text += ',';
        text += name;
      }
      *length = text.size();
      if (text.size() > capacity) {
        fail(instance, "indicators.list", TB_E_BUFFER_TOO_SMALL,
             "the list is " + std::to_string(text.size()) + " bytes, the buffer " +
                 std::to_string(capacity) + "; call again with capacity >= length");
      }
      if (!text.empty()) std::memcpy(buf, text.data(), text.size());
    });
  }

  static tb_status compute(void* self, const char* name, const char* const* param_names,
                           const char* const* param_values, std::size_t param_count,
                           const tb_series* candles, const tb_indicator_sink* sink,
                           tb_error* err) noexcept {
    return run<T>(err, self, "indicators.compute", [&](T& instance) {
      constexpr const char* op = "indicators.compute";
      require_text(instance, op, name, "the indicator name");
      require_pointer(instance, op, candles, "candles");
      require_pointer(instance, op, sink, "the indicator sink");
      if (!TB_HAS(sink, tb_indicator_sink, column) || sink->column == nullptr) {
        fail(instance, op, TB_E_INVALID_ARGUMENT, "the indicator sink has no column function");
      }
      if (!series_view::well_formed(*candles)) {
        fail(instance, op, TB_E_INVALID_ARGUMENT,
             "the candle series is malformed (struct_size " +
                 std::to_string(candles->struct_size) + ", candle_stride " +
                 std::to_string(candles->candle_stride) + ")");
      }
      const indicator_params params =
          read_params(instance, param_names, param_values, param_count);
      const series_view view(*candles);
      const std::vector<indicator_column> columns =
          as_indicators(instance).compute_indicator(name, params, view);
      for (const indicator_column& column : columns) {
        if (column.values.size() != view.size()) {
          fail(instance, op, TB_E_INTERNAL,
               "column \"" + column.name + "\" of " + name + " has " +
                   std::to_string(column.values.size()) + " values for " +
                   std::to_string(view.size()) + " candles");
        }
      }
      for (const indicator_column& column : columns) send(instance, *sink, column);
    });
  }

 private:
  static indicator_params read_params(const T& instance, const char* const* names,
                                      const char* const* values, std::size_t count) {
    constexpr const char* op = "indicators.compute";
    indicator_params params;
    if (count == 0) return params;
    if (names == nullptr || values == nullptr) {
      fail(instance, op, TB_E_INVALID_ARGUMENT,
           "param_count is " + std::to_string(count) + " but a parameter array is NULL");
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (names[i] == nullptr || values[i] == nullptr) {
        fail(instance, op, TB_E_INVALID_ARGUMENT,
             "parameter " + std::to_string(i) + " has a NULL name or value");
      }
      if (!params.emplace(names[i], values[i]).second) {
        fail(instance, op, TB_E_INVALID_ARGUMENT,
             "parameter " + std::string(names[i]) + " is given more than once");
      }
    }
    return params;
  }

  static void send(const T& instance, const tb_indicator_sink& sink,
                   const indicator_column& column) {
    tb_indicator_column out{};
    out.struct_size = static_cast<std::uint32_t>(sizeof out);
    out.kind = static_cast<std::int32_t>(column.kind);
    out.name = column.name.c_str();
    out.values = column.values.data();
    out.count = column.values.size();
    const tb_status status = sink.column(sink.ctx, &out);
    if (status != TB_OK) {
      fail(instance, "indicators.compute", status < 0 ? status : TB_E_INTERNAL,
           "the host's sink refused column \"" + column.name + "\" with " +
               tb_status_name(status));
    }
  }
};

// The table and whether it is offered: only for classes derived from tb::sdk::indicators.
template <class T, bool = std::is_base_of<indicators, T>::value>
struct optional_indicators {
  static constexpr bool offered = false;
  static constexpr tb_indicators_v1 table() noexcept { return tb_indicators_v1{}; }
};

template <class T>
struct optional_indicators<T, true> {
  static constexpr bool offered = true;
  static constexpr tb_indicators_v1 table() noexcept { return indicators_thunks<T>::table(); }
};

}  // namespace tb::sdk::detail
