#pragma once
// The exchange as the bot's own exchange plugin reads it over the signed REST routes, for
// end-to-end tests that check what the bot left on the fake Binance.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/core_services.hpp"
#include "app/plugin_set.hpp"
#include "config/settings.hpp"
#include "deadline.hpp"
#include "fake_process.hpp"
#include "services/exchange_client.hpp"

namespace tb::test {

using namespace std::chrono_literals;
using tb::binance::testing::deadline_in;
using tb::binance::testing::fake_process;

struct exchange_state {
  std::map<std::string, double> positions;  // symbol -> signed quantity
  std::map<std::string, std::vector<std::string>> protection;  // symbol -> open stop/target types
};

// The exchange as the bot's own plugin reads it, over the signed REST routes.
class exchange_reader {
 public:
  exchange_reader(fake_process& fake, const std::string& api_key, const std::string& api_secret) {
    settings_.logging.console = false;
    settings_.logging.file.clear();
    settings_.rate_limits = tb::host::default_rate_limits();
    tb::host::plugin_entry entry;
    entry.name = "exchange_binance";
    entry.kind = tb::host::plugin_kind::exchange;
    entry.settings = {{"rest_url", fake.rest_url()}, {"ws_url", fake.ws_url()},
                      {"api_key", api_key}, {"api_secret", api_secret}};
    settings_.plugins.load.push_back(entry);
    services_ = std::make_unique<tb::host::core_services>(settings_);
    plugins_ = std::make_unique<tb::host::plugin_set>(
        *services_, std::vector<std::filesystem::path>{TB_EXCHANGE_PLUGIN_DIR});
    plugins_->load(settings_.plugins.load);
    client_ = std::make_unique<tb::host::exchange_client>(
        *plugins_->of_kind(TB_KIND_EXCHANGE).front());
  }

  tb::host::exchange_client& client() { return *client_; }
  tb::host::core_services& services() { return *services_; }

  // The quote asset's wallet balance.
  double wallet(const std::string& asset = "USDT") {
    std::vector<tb_balance> balances;
    EXPECT_TRUE(client_->get_balances(deadline_in(10s), balances).ok());
    for (const auto& b : balances) {
      if (asset == b.asset) return std::stod(b.wallet_balance);
    }
    ADD_FAILURE() << "no " << asset << " balance";
    return 0;
  }

  exchange_state read() {
    exchange_state out;
    std::vector<tb_position> positions;
    std::vector<tb_order_state> orders;
    EXPECT_TRUE(client_->get_positions(deadline_in(10s), positions).ok());
    EXPECT_TRUE(client_->list_open_orders("", deadline_in(10s), orders).ok());
    for (const auto& p : positions) {
      const double qty = std::stod(p.quantity);
      if (qty != 0) out.positions[p.symbol] = qty;
    }
    for (const auto& o : orders) {
      if (o.type == TB_ORDER_STOP_MARKET) out.protection[o.symbol].push_back("STOP_MARKET");
      if (o.type == TB_ORDER_TAKE_PROFIT_MARKET) {
        out.protection[o.symbol].push_back("TAKE_PROFIT_MARKET");
      }
    }
    return out;
  }

 private:
  tb::host::bot_settings settings_;
  std::unique_ptr<tb::host::core_services> services_;
  std::unique_ptr<tb::host::plugin_set> plugins_;
  std::unique_ptr<tb::host::exchange_client> client_;
};

}  // namespace tb::test
