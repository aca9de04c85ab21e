// tb_abi.h compiled as C++ (built as C++17 and C++20 with -Wall -Wextra -Wpedantic -Werror),
// with the frozen layout asserted and a few compile- and run-time checks of its macros.
#include "tradingbot/tb_abi.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <type_traits>

#if !defined(__LP64__)
#error "layout_frozen.h describes LP64 targets"
#endif
#define TB_FROZEN_SIZE(type, size) \
  static_assert(sizeof(type) == (size), "sizeof(" #type ") changed");
#define TB_FROZEN_OFFSET(type, field, offset) \
  static_assert(offsetof(type, field) == (offset), #type "." #field " moved");
#include "layout_frozen.h"

// Plain C structs on the C++ side: standard layout, trivially copyable, zero-initializable.
static_assert(std::is_standard_layout<tb_host_api>::value, "tb_host_api");
static_assert(std::is_trivially_copyable<tb_order_state>::value, "tb_order_state");
static_assert(std::is_trivial<tb_candle>::value, "tb_candle");
static_assert(std::is_trivial<tb_indicator_column>::value, "tb_indicator_column");
static_assert(std::is_standard_layout<tb_indicators_v1>::value, "tb_indicators_v1");
static_assert(std::is_standard_layout<tb_simulator_v1>::value, "tb_simulator_v1");
static_assert(std::is_standard_layout<tb_bot_v1>::value, "tb_bot_v1");
static_assert(std::is_same<tb_status, std::int32_t>::value, "tb_status is int32_t");

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

extern "C" const tb_plugin_descriptor* entry() { return nullptr; }

}  // namespace

int main() {
  expect(std::strcmp(tb_status_name(TB_E_TIMEOUT), "TB_E_TIMEOUT") == 0, "tb_status_name");
  expect(std::strcmp(tb_status_name(1), "TB_E_UNKNOWN_STATUS") == 0, "unknown status");

  tb_host_api api{};
  api.struct_size = static_cast<std::uint32_t>(offsetof(tb_host_api, config_get));
  expect(TB_HAS(&api, tb_host_api, alert_resolve), "TB_HAS sees a field of the older table");
  expect(!TB_HAS(&api, tb_host_api, config_get), "TB_HAS rejects the first missing field");

  tb_plugin_entry_fn fn = &entry;
  expect(fn() == nullptr, "tb_plugin_entry_fn");
  expect(std::strcmp(TB_IFACE_STRATEGY_V1, "tb.strategy/1") == 0, "TB_IFACE_STRATEGY_V1");
  expect(std::strcmp(TB_IFACE_INDICATORS_V1, "tb.indicators/1") == 0, "TB_IFACE_INDICATORS_V1");

  // A 1.1 column read by a peer that knows only its first fields.
  tb_indicator_column column{};
  column.struct_size = static_cast<std::uint32_t>(offsetof(tb_indicator_column, count));
  expect(TB_HAS(&column, tb_indicator_column, values), "TB_HAS on tb_indicator_column");
  expect(!TB_HAS(&column, tb_indicator_column, count), "TB_HAS rejects the missing count");

  if (failures == 0) std::printf("tb_abi.h as C++ %ld: OK\n", static_cast<long>(__cplusplus));
  return failures == 0 ? 0 : 1;
}
