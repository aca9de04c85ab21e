// The exchange_binance plugin: Binance USDT-M futures. Version 0.1.0 reads and validates its
// settings in start(); every exchange operation answers TB_E_UNSUPPORTED ("... is not
// supported yet") until the REST and websocket clients land.
#include <string>

#include "settings.hpp"
#include "tradingbot/sdk.hpp"

namespace tb::binance {

constexpr char plugin_id[] = "exchange_binance";
constexpr char plugin_version[] = "0.1.0";

class binance_exchange final : public sdk::exchange {
 public:
  using sdk::exchange::exchange;

  void start() override {
    try {
      settings_ = parse_settings(host().config_json());
    } catch (const sdk::error& e) {
      throw sdk::error(e.status(), label() + ": " + e.what());
    }
    for (const std::string& key : settings_.unknown_keys) {
      host().warn(label() + ": settings: unknown setting \"" + key + "\" ignored");
    }
    host().info(label() + ": " + describe(settings_));
  }

 private:
  std::string not_supported_message(const char* operation) const override {
    return label() + ": " + operation + " is not supported yet";
  }

  // "exchange_binance 0.1.0 (instance name)" when the instance is not named after the plugin.
  std::string label() const {
    std::string text = std::string(id()) + " " + std::string(version());
    if (instance_name() != id()) text += " (" + instance_name() + ")";
    return text;
  }

  settings settings_;
};

}  // namespace tb::binance

TB_PLUGIN_EXCHANGE(tb::binance::binance_exchange, tb::binance::plugin_id,
                   tb::binance::plugin_version,
                   "Binance USDT-M futures over REST and websockets (0.1.0: settings only)");
