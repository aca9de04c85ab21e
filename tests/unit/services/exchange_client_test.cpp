// exchange_client against a plugin built before ABI 1.2: the table it hands over ends before
// get_order_fills, and the client must see that from struct_size, never read past it.
#include "services/exchange_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_library.hpp"

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

namespace tb::host {
namespace {

using ::testing::HasSubstr;

void no_log(void*, std::int32_t, const char*, std::size_t) {}

TEST(ExchangeClient, FillsOfAnOlderPluginAreUnsupportedNotReadPastItsTable) {
  tb_host_api api{};
  api.struct_size = sizeof api;
  api.abi_major = TB_ABI_MAJOR;
  api.abi_minor = TB_ABI_MINOR;
  api.log = no_log;
  auto library =
      plugin_library::open(std::string(TB_FIXTURE_PLUGIN_DIR) + "/good_exchange.so");
  auto instance = plugin_instance::create(library, &api, "binance");
  instance->start();
  const auto* table = instance->interface<tb_exchange_v1>();
  ASSERT_NE(table, nullptr);
  ASSERT_LT(table->struct_size, sizeof(tb_exchange_v1));  // the fixture is a 1.1 plugin

  exchange_client client(*instance);
  std::vector<tb_fill> fills(3);
  const exchange_status status = client.get_order_fills("BTCUSDT", "tb-x-e1", 0, fills);
  EXPECT_EQ(status.code, TB_E_UNSUPPORTED);
  EXPECT_THAT(status.message, HasSubstr("get_order_fills()"));
  EXPECT_TRUE(fills.empty());
  instance->stop();
}

}  // namespace
}  // namespace tb::host
