#pragma once

// The one guard every call into plugin code goes through.
//
// A plugin reports failure with a tb_status plus a message in a caller-owned tb_error. It
// must never let a C++ exception escape into the host (the SDK's C++ layer catches them),
// but a hand-written plugin can, and with one toolchain the exception does arrive here. The
// guard turns both into a plugin_error naming the plugin, its file, the call and the cause,
// so the host reports it and carries on.
//
// The caller must keep the plugin's library loaded until the guard returns or its
// plugin_error is caught: the escaped exception's what() and destructor may be plugin code.
// plugin_error itself holds only host memory.

#include <tradingbot/tb_abi.h>

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "plugin/plugin_error.hpp"
#include "plugin/plugin_info.hpp"

namespace tb::host {

// Where a call into a plugin happens, for messages.
struct call_site {
  const plugin_info& plugin;
  std::string_view instance;  // empty before an instance exists
  std::string_view function;  // "start()"
};

// "plugin 'fixture_strategy' instance 'main' (/path/fixture_strategy.so)"
std::string describe_site(const call_site& site);

// The message a plugin left in err, which it may not have NUL-terminated; empty if none.
std::string error_text(const tb_error& err);

// what is NULL when the exception was not a std::exception.
[[noreturn]] void throw_plugin_threw(const call_site& site, const char* what);
[[noreturn]] void throw_call_failed(const call_site& site, tb_status status, const tb_error& err);

// Runs f() and returns its result; an exception escaping f becomes plugin_errc::plugin_threw.
template <class F>
decltype(auto) guarded_call(const call_site& site, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const std::exception& e) {
    throw_plugin_threw(site, e.what());
  } catch (...) {
    throw_plugin_threw(site, nullptr);
  }
}

// Runs f(tb_error*) -> tb_status under the guard with err zeroed first; returns the status
// and leaves the plugin's message in err.
template <class F>
tb_status status_call(const call_site& site, tb_error& err, F&& f) {
  err = tb_error{};
  return guarded_call(site, [&]() -> tb_status { return std::forward<F>(f)(&err); });
}

// status_call that turns every status other than TB_OK into plugin_errc::call_failed.
template <class F>
void checked_call(const call_site& site, F&& f) {
  tb_error err{};
  const tb_status status = status_call(site, err, std::forward<F>(f));
  if (status != TB_OK) throw_call_failed(site, status, err);
}

}  // namespace tb::host
