#include "plugin/plugin_call.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

namespace tb::host {
namespace {

using ::testing::HasSubstr;

plugin_info sample_info() {
  plugin_info info;
  info.id = "sample";
  info.path = "/plugins/sample.so";
  return info;
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const plugin_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no plugin_error was thrown";
  return {};
}

TEST(PluginCall, PassesResultsThrough) {
  const plugin_info info = sample_info();
  EXPECT_EQ(guarded_call(call_site{info, "a", "f()"}, [] { return 42; }), 42);
  checked_call(call_site{info, "a", "f()"}, [](tb_error*) { return TB_OK; });
}

TEST(PluginCall, StdExceptionBecomesPluginThrew) {
  const plugin_info info = sample_info();
  const std::string message = message_of([&] {
    guarded_call(call_site{info, "main", "on_scan()"},
                 []() -> int { throw std::out_of_range("index 9"); });
  });
  EXPECT_EQ(message,
            "plugin 'sample' instance 'main' (/plugins/sample.so) threw a C++ exception across "
            "the C ABI in on_scan(): index 9; plugins must catch their exceptions (the SDK's "
            "C++ layer does)");
}

TEST(PluginCall, OtherExceptionBecomesPluginThrew) {
  const plugin_info info = sample_info();
  EXPECT_THAT(message_of([&] {
                guarded_call(call_site{info, {}, "stop()"}, [] { throw "text"; });
              }),
              HasSubstr("plugin 'sample' (/plugins/sample.so) threw a C++ exception across the "
                        "C ABI in stop(): an exception that is not a std::exception"));
}

TEST(PluginCall, FailureStatusNamesStatusAndMessage) {
  const plugin_info info = sample_info();
  EXPECT_EQ(message_of([&] {
              checked_call(call_site{info, "main", "start()"}, [](tb_error* err) {
                std::strcpy(err->message, "socket closed");
                return TB_E_IO;
              });
            }),
            "plugin 'sample' instance 'main' (/plugins/sample.so): start() failed with TB_E_IO "
            "(-7): socket closed");
}

TEST(PluginCall, UnknownStatusAndMissingMessage) {
  const plugin_info info = sample_info();
  EXPECT_THAT(message_of([&] {
                checked_call(call_site{info, "main", "start()"}, [](tb_error*) { return 17; });
              }),
              HasSubstr("start() failed with TB_E_UNKNOWN_STATUS (17) and gave no error message"));
}

TEST(PluginCall, UnterminatedMessageIsBounded) {
  tb_error err{};
  std::memset(err.message, 'x', sizeof err.message);
  EXPECT_EQ(error_text(err), std::string(sizeof err.message, 'x'));
}

TEST(PluginCall, StatusCallZeroesTheErrorFirst) {
  const plugin_info info = sample_info();
  tb_error err{};
  std::strcpy(err.message, "stale");
  const tb_status status =
      status_call(call_site{info, "main", "f()"}, err, [](tb_error*) { return TB_E_UNSUPPORTED; });
  EXPECT_EQ(status, TB_E_UNSUPPORTED);
  EXPECT_EQ(error_text(err), "");
}

}  // namespace
}  // namespace tb::host
