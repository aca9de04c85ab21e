// Helpers shared by the generated thunks. Internal to the SDK.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/sdk/error.hpp"
#include "tradingbot/sdk/plugin.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::sdk::detail {

// "<id>: <operation>" in `buffer`, for messages; never allocates.
template <std::size_t N>
const char* where(char (&buffer)[N], const plugin& instance, const char* operation) noexcept {
  const std::string_view id = instance.id();
  std::snprintf(buffer, N, "%.*s: %s", static_cast<int>(id.size()), id.data(), operation);
  return buffer;
}

// Runs `body(instance)` for a thunk: checks self, then guards against every exception.
template <class T, class F>
tb_status run(tb_error* err, void* self, const char* operation, F&& body) noexcept {
  if (self == nullptr) {
    char text[160];
    std::snprintf(text, sizeof text, "%s: the instance pointer is NULL", operation);
    set_error(err, TB_E_INVALID_ARGUMENT, text);
    return TB_E_INVALID_ARGUMENT;
  }
  T& instance = *static_cast<T*>(self);
  char place[160];
  return guarded(err, where(place, instance, operation), [&] { return body(instance); });
}

// Throws error(status, "<id>: <operation>: <what>").
[[noreturn]] inline void fail(const plugin& instance, const char* operation, tb_status status,
                              const std::string& what) {
  throw error(status, std::string(instance.id()) + ": " + operation + ": " + what);
}

inline void require_text(const plugin& instance, const char* operation, const char* value,
                         const char* name) {
  if (value == nullptr) {
    fail(instance, operation, TB_E_INVALID_ARGUMENT, std::string(name) + " is NULL");
  }
}

template <class C>
void require_pointer(const plugin& instance, const char* operation, const C* value,
                     const char* name) {
  if (value == nullptr) {
    fail(instance, operation, TB_E_INVALID_ARGUMENT, std::string(name) + " is NULL");
  }
}

// The caller's output array: `count` is required, `out` may be NULL only with capacity 0.
template <class C>
void require_output(const plugin& instance, const char* operation, const C* out,
                    std::size_t capacity, const std::size_t* count) {
  require_pointer(instance, operation, count, "count");
  if (out == nullptr && capacity > 0) {
    fail(instance, operation, TB_E_INVALID_ARGUMENT,
         "out is NULL but capacity is " + std::to_string(capacity));
  }
}

// Sets *count to the number of items, then writes them, or fails with
// TB_E_BUFFER_TOO_SMALL when they exceed capacity (the caller retries with *count).
// `convert(item, where)` makes the C struct.
template <class C, class V, class Convert>
void write_array(const plugin& instance, const char* operation, const std::vector<V>& items,
                 C* out, std::size_t capacity, std::size_t* count, Convert convert) {
  *count = items.size();
  if (items.size() > capacity) {
    fail(instance, operation, TB_E_BUFFER_TOO_SMALL,
         std::to_string(items.size()) + " items do not fit a buffer of " +
             std::to_string(capacity) + "; call again with capacity >= count");
  }
  const std::string place = std::string(instance.id()) + ": " + operation;
  for (std::size_t i = 0; i < items.size(); ++i) out[i] = convert(items[i], place);
}

// get_interface: the table when `wanted` is the offered id, NULL otherwise.
inline const void* find_interface(const char* wanted, const char* offered,
                                  const void* table) noexcept {
  return wanted != nullptr && std::strcmp(wanted, offered) == 0 ? table : nullptr;
}

// A compile-time check of the descriptor's id: [a-z0-9_]+, as in the file name.
constexpr bool valid_plugin_id(const char* id) {
  if (id == nullptr || *id == '\0') return false;
  for (; *id != '\0'; ++id) {
    const char c = *id;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

constexpr bool non_empty(const char* text) { return text != nullptr && *text != '\0'; }

}  // namespace tb::sdk::detail
