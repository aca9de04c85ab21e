#include "tradingbot/sdk/error.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace tb::sdk {
namespace {

TEST(guarded, success_returns_ok_and_leaves_the_error_alone) {
  tb_error err{};
  std::strcpy(err.message, "untouched");
  EXPECT_EQ(guarded(&err, "where", [] {}), TB_OK);
  EXPECT_STREQ(err.message, "untouched");
  EXPECT_EQ(guarded(&err, [] { return tb_status{TB_E_NOT_FOUND}; }), TB_E_NOT_FOUND);
}

TEST(guarded, sdk_error_keeps_its_status_message_and_remote_code) {
  tb_error err{};
  const tb_status status = guarded(&err, "where", [] {
    throw error(TB_E_REJECTED, "binance: order rejected: timestamp outside recvWindow", -1021);
  });
  EXPECT_EQ(status, TB_E_REJECTED);
  EXPECT_EQ(err.code, TB_E_REJECTED);
  EXPECT_EQ(err.remote_code, -1021);
  EXPECT_STREQ(err.message, "binance: order rejected: timestamp outside recvWindow");
}

TEST(guarded, std_exception_is_a_plugin_fault_named_by_where) {
  tb_error err{};
  const tb_status status =
      guarded(&err, "my_plugin: on_scan", [] { throw std::out_of_range("index 7"); });
  EXPECT_EQ(status, TB_E_PLUGIN_FAULT);
  EXPECT_EQ(err.code, TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err.message, "my_plugin: on_scan: unexpected exception: index 7");
}

TEST(guarded, anything_else_is_a_plugin_fault) {
  tb_error err{};
  EXPECT_EQ(guarded(&err, "p: op", [] { throw 42; }), TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err.message, "p: op: unexpected exception of unknown type");
  EXPECT_EQ(guarded(&err, [] { throw 42; }), TB_E_PLUGIN_FAULT);
  EXPECT_STREQ(err.message, "unexpected exception of unknown type");
}

TEST(guarded, a_null_error_is_allowed) {
  EXPECT_EQ(guarded(nullptr, "w", [] { throw error(TB_E_IO, "x"); }), TB_E_IO);
  EXPECT_EQ(guarded(nullptr, "w", [] { throw std::runtime_error("x"); }), TB_E_PLUGIN_FAULT);
}

TEST(error, a_non_negative_status_becomes_internal) {
  EXPECT_EQ(error(TB_OK, "oops").status(), TB_E_INTERNAL);
  EXPECT_EQ(error(3, "oops").status(), TB_E_INTERNAL);
  EXPECT_EQ(error(TB_E_AUTH, "key refused").status(), TB_E_AUTH);
}

TEST(set_error, truncates_and_terminates_long_messages) {
  tb_error err{};
  std::memset(err.message, 'X', sizeof err.message);
  const std::string long_message(1000, 'a');
  set_error(&err, TB_E_IO, long_message);
  EXPECT_EQ(std::strlen(err.message), sizeof err.message - 1);
  EXPECT_EQ(err.message[sizeof err.message - 1], '\0');
  EXPECT_EQ(std::string(err.message), long_message.substr(0, sizeof err.message - 1));
}

TEST(set_error, never_cuts_a_utf8_character) {
  tb_error err{};
  // 246 ASCII bytes, then a 2-byte character that would straddle the 247-byte limit.
  const std::string message = std::string(246, 'a') + "\xC3\xA9" + "tail";
  set_error(&err, TB_E_IO, message);
  EXPECT_EQ(std::string(err.message), std::string(246, 'a'));
}

TEST(set_error, empty_message_and_null_error) {
  tb_error err{};
  std::strcpy(err.message, "old");
  set_error(&err, TB_E_IO, "");
  EXPECT_STREQ(err.message, "");
  set_error(nullptr, TB_E_IO, "nothing happens");
}

}  // namespace
}  // namespace tb::sdk
