/* tb_abi.h compiled as C (built as C99 and as C11 with -Wall -Wextra -Wpedantic -Werror),
 * then a few run-time checks of its macros. Under C11 the frozen layout is asserted too. */
#include "tradingbot/tb_abi.h"

#include <stdio.h>
#include <string.h>

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#if !defined(__LP64__)
#error "layout_frozen.h describes LP64 targets"
#endif
#define TB_FROZEN_SIZE(type, size) \
  _Static_assert(sizeof(type) == (size), "sizeof(" #type ") changed");
#define TB_FROZEN_OFFSET(type, field, offset) \
  _Static_assert(offsetof(type, field) == (offset), #type "." #field " moved");
#include "layout_frozen.h"
#endif

static int failures = 0;

static void expect(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

static const tb_plugin_descriptor* entry(void) { return NULL; }

int main(void) {
  tb_host_api api;
  tb_plugin_entry_fn fn = &entry;
  tb_signal signal = {0};
  tb_error err = {0};

  expect(strcmp(tb_status_name(TB_OK), "TB_OK") == 0, "tb_status_name(TB_OK)");
  expect(strcmp(tb_status_name(TB_E_BUFFER_TOO_SMALL), "TB_E_BUFFER_TOO_SMALL") == 0,
         "tb_status_name(TB_E_BUFFER_TOO_SMALL)");
  expect(strcmp(tb_status_name(TB_E_INTERNAL), "TB_E_INTERNAL") == 0,
         "tb_status_name(TB_E_INTERNAL)");
  expect(strcmp(tb_status_name(-999), "TB_E_UNKNOWN_STATUS") == 0, "tb_status_name(-999)");
  expect(strcmp(TB_ENTRY_SYMBOL, "tb_plugin_entry_v1") == 0, "TB_ENTRY_SYMBOL");

  /* An older host's table: it ends before the rate limiter. */
  memset(&api, 0, sizeof api);
  api.struct_size = (uint32_t)offsetof(tb_host_api, rate_acquire);
  expect(TB_HAS(&api, tb_host_api, monotonic_ns), "TB_HAS sees a field of the older table");
  expect(!TB_HAS(&api, tb_host_api, rate_acquire), "TB_HAS rejects the first missing field");
  expect(!TB_HAS(&api, tb_host_api, get_extension), "TB_HAS rejects the last field");
  api.struct_size = (uint32_t)sizeof api;
  expect(TB_HAS(&api, tb_host_api, get_extension), "TB_HAS on a full table");

  signal.struct_size = (uint32_t)sizeof signal;
  signal.side = TB_SIDE_SHORT;
  expect(TB_HAS(&signal, tb_signal, meta_json) && signal.side == -1, "tb_signal");
  expect(fn() == NULL, "tb_plugin_entry_fn");
  expect(sizeof err.message == 248, "tb_error.message capacity");
  expect(TB_ABI_MINOR >= 1, "ABI 1.1 has tb.indicators/1");
  expect(strcmp(TB_IFACE_INDICATORS_V1, "tb.indicators/1") == 0, "TB_IFACE_INDICATORS_V1");
  expect(TB_VALUE_FLOAT64 == 1 && TB_VALUE_FLOAT32 == 2 && TB_VALUE_INT32 == 3, "TB_VALUE_*");
  expect(TB_ABI_MINOR >= 3, "ABI 1.3 has tb.simulator/1");
  expect(strcmp(TB_IFACE_SIMULATOR_V1, "tb.simulator/1") == 0, "TB_IFACE_SIMULATOR_V1");
  expect(TB_ABI_MINOR >= 4, "ABI 1.4 has tb_simulator_v1.advance_to_account_event");
  expect(TB_ABI_MINOR >= 5, "ABI 1.5 has the host extension tb.bot/1");
  expect(strcmp(TB_EXTENSION_BOT_V1, "tb.bot/1") == 0, "TB_EXTENSION_BOT_V1");

  if (failures == 0) printf("tb_abi.h as C %ld: OK\n", (long)__STDC_VERSION__);
  return failures == 0 ? 0 : 1;
}
