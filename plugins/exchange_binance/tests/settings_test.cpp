#include "config/settings.hpp"

#include <gtest/gtest.h>

#include "tradingbot/sdk/error.hpp"

namespace tb::binance {
namespace {

TEST(settings, listen_key_keepalive_defaults_to_30_minutes) {
  EXPECT_EQ(parse_settings("{}").listen_key_keepalive_s, 1800u);
  EXPECT_EQ(parse_settings(R"({"listen_key_keepalive_s": 2})").listen_key_keepalive_s, 2u);
  EXPECT_EQ(parse_settings(R"({"listen_key_keepalive_s": 3000})").listen_key_keepalive_s, 3000u);
}

TEST(settings, listen_key_keepalive_out_of_range_is_refused_by_name) {
  for (const char* text : {R"({"listen_key_keepalive_s": 0})", R"({"listen_key_keepalive_s": 3001})",
                           R"({"listen_key_keepalive_s": "30"})"}) {
    try {
      parse_settings(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const sdk::error& e) {
      EXPECT_EQ(e.status(), TB_E_INVALID_ARGUMENT);
      EXPECT_NE(std::string(e.what()).find("listen_key_keepalive_s must be a whole number of seconds from 1 to 3000"),
                std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace tb::binance
