#include "services/client_order_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tb::host {
namespace {

trade_signal signal_at(std::int64_t time_ms, std::string symbol = "BTCUSDT") {
  trade_signal s;
  s.strategy = "ictsmc";
  s.symbol = std::move(symbol);
  s.side = TB_SIDE_LONG;
  s.interval_s = 3600;
  s.time_ms = time_ms;
  return s;
}

TEST(ClientOrderId, TheKeyIsTheTimeInBase36ThenAHash) {
  // 1 700 000 000 s in base 36, 7 digits: 36^6 is more than it, so the first digit is 0;
  // 28 x 36^5 (1 693 052 928) leaves 6 947 072 = 4 x 36^4 (6 718 464) + 228 608
  // = 4 x 36^3 (186 624) + 41 984 = 32 x 36^2 (41 472) + 512 = 14 x 36 (504) + 8:
  // digits 0 28 4 4 32 14 8 -> "0s44we8". The milliseconds (123) do not change it.
  const std::string key = intent_key(signal_at(1'700'000'000'123));
  ASSERT_EQ(key.size(), 13u);
  EXPECT_EQ(key.substr(0, 7), "0s44we8");
  EXPECT_TRUE(std::regex_match(key, std::regex("[0-9a-z]{13}"))) << key;
}

TEST(ClientOrderId, TheSameSignalGivesTheSameKeyAndAnyDifferenceAnother) {
  const trade_signal a = signal_at(1'700'000'000'000);
  EXPECT_EQ(intent_key(a), intent_key(a));
  trade_signal b = a;
  b.confidence = 0.9;  // not part of the identity: the same decision, scored again
  b.reason = "other words";
  EXPECT_EQ(intent_key(a), intent_key(b));
  std::set<std::string> keys{intent_key(a)};
  trade_signal c = a;
  c.symbol = "ETHUSDT";
  keys.insert(intent_key(c));
  c = a;
  c.side = TB_SIDE_SHORT;
  keys.insert(intent_key(c));
  c = a;
  c.strategy = "other";
  keys.insert(intent_key(c));
  c = a;
  c.interval_s = 900;
  keys.insert(intent_key(c));
  c = a;
  c.time_ms += 1;  // the same second, another candle close: the hash tells them apart
  keys.insert(intent_key(c));
  EXPECT_EQ(keys.size(), 6u);
}

TEST(ClientOrderId, IdsFitBinanceAndParseBack) {
  const std::string key = intent_key(signal_at(1'700'000'000'000));
  const std::regex binance("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");
  for (const order_role role :
       {order_role::entry, order_role::stop, order_role::take_profit, order_role::close}) {
    for (const unsigned attempt : {1u, 9u, 10u, 99u}) {
      const std::string id = client_order_id(key, role, attempt);
      EXPECT_TRUE(std::regex_match(id, binance)) << id;
      EXPECT_LE(id.size(), 20u);
      EXPECT_EQ(parse_client_order_id(id), (parsed_order_id{key, role, attempt})) << id;
    }
  }
  EXPECT_EQ(client_order_id(key, order_role::stop, 2), "tb-" + key + "-s2");
}

TEST(ClientOrderId, RefusesBadPartsAndOtherPeoplesIds) {
  EXPECT_THROW(client_order_id("short", order_role::entry), std::invalid_argument);
  EXPECT_THROW(client_order_id("ABCDEFGHIJKLM", order_role::entry), std::invalid_argument);
  const std::string key = intent_key(signal_at(1));
  EXPECT_THROW(client_order_id(key, order_role::entry, 0), std::invalid_argument);
  EXPECT_THROW(client_order_id(key, order_role::entry, 100), std::invalid_argument);
  for (const std::string& id : std::vector<std::string>{
           "", "web_abc123", "tb-", "tb-" + key, "tb-" + key + "-e", "tb-" + key + "-x1",
        "tb-" + key + "-e0", "tb-" + key + "-e01", "tb-" + key + "-e100", "tb-" + key + "-e1a",
        "tb_" + key + "-e1", "tb-" + key.substr(1) + "X-e1", "TB-" + key + "-e1"}) {
    EXPECT_EQ(parse_client_order_id(id), std::nullopt) << id;
  }
}

}  // namespace
}  // namespace tb::host
