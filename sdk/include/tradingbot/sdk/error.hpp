// Errors in the C++ layer and the rule that keeps them inside the plugin.
//
// Plugin code reports a failure by throwing tb::sdk::error with a tb_status and a message that
// says what failed, where, and what to do. Every thunk the SDK generates runs the plugin's code
// through guarded(), so no exception ever reaches the host: an error becomes its own status,
// any other exception becomes TB_E_PLUGIN_FAULT, and the message lands in the caller's
// tb_error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "tradingbot/tb_abi.h"

namespace tb::sdk {

// An exception carrying a tb_status. Thrown by plugin code and by the SDK itself; turned into
// a status and message by guarded().
class error : public std::runtime_error {
 public:
  // `status` must be one of the negative TB_E_* codes; TB_OK or any other non-negative value
  // is a bug in the caller and is reported as TB_E_INTERNAL. `remote_code` is the remote
  // service's own error code (e.g. Binance -1021), 0 if none.
  error(tb_status status, const std::string& message, std::int32_t remote_code = 0)
      : std::runtime_error(message),
        status_(status < 0 ? status : TB_E_INTERNAL),
        remote_code_(remote_code) {}

  tb_status status() const noexcept { return status_; }
  std::int32_t remote_code() const noexcept { return remote_code_; }

 private:
  tb_status status_;
  std::int32_t remote_code_;
};

// Writes a failure into a caller-owned tb_error. `err` may be NULL (then nothing happens).
// The message is truncated to fit (never inside a UTF-8 sequence) and always NUL-terminated.
// Never throws, never allocates.
inline void set_error(tb_error* err, tb_status status, std::string_view message,
                      std::int32_t remote_code = 0) noexcept {
  if (err == nullptr) return;
  err->code = status;
  err->remote_code = remote_code;
  constexpr std::size_t max_length = sizeof(err->message) - 1;
  std::size_t length = message.size();
  if (length > max_length) {
    length = max_length;
    // Step back over UTF-8 continuation bytes so the cut falls between characters.
    while (length > 0 && (static_cast<unsigned char>(message[length]) & 0xC0u) == 0x80u) {
      --length;
    }
  }
  if (length > 0) std::memcpy(err->message, message.data(), length);
  err->message[length] = '\0';
}

namespace detail {

// "<where>: <what>" without allocating; `where` may be NULL.
inline void set_fault(tb_error* err, const char* where, const char* what) noexcept {
  char text[512];
  if (where != nullptr && where[0] != '\0') {
    std::snprintf(text, sizeof text, "%s: %s", where, what);
  } else {
    std::snprintf(text, sizeof text, "%s", what);
  }
  set_error(err, TB_E_PLUGIN_FAULT, text);
}

}  // namespace detail

// Runs `body` and turns whatever it throws into a status; never lets an exception out.
//   - body returns void: TB_OK; body returns tb_status: that status (a body that returns a
//     failure status instead of throwing must fill `err` itself).
//   - tb::sdk::error: its status, its message and remote code.
//   - std::exception: TB_E_PLUGIN_FAULT, "<where>: unexpected exception: <what()>".
//   - anything else: TB_E_PLUGIN_FAULT, "<where>: unexpected exception of unknown type".
// `err` may be NULL; `where` (may be NULL) names the plugin and operation for the message.
// On success `err` is left untouched.
template <class F>
tb_status guarded(tb_error* err, const char* where, F&& body) noexcept {
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
      body();
      return TB_OK;
    } else {
      return static_cast<tb_status>(body());
    }
  } catch (const error& e) {
    set_error(err, e.status(), e.what(), e.remote_code());
    return e.status();
  } catch (const std::exception& e) {
    char what[400];
    std::snprintf(what, sizeof what, "unexpected exception: %s", e.what());
    detail::set_fault(err, where, what);
  } catch (...) {
    detail::set_fault(err, where, "unexpected exception of unknown type");
  }
  return TB_E_PLUGIN_FAULT;
}

template <class F>
tb_status guarded(tb_error* err, F&& body) noexcept {
  return guarded(err, nullptr, std::forward<F>(body));
}

}  // namespace tb::sdk
