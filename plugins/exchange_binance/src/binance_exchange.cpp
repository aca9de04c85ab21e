// The exchange_binance plugin: Binance USDT-M futures. Market data (symbols with filters,
// klines by REST and websocket), account and orders (signed REST, stops and targets on the
// algo-order endpoint) and the user-data stream, every request through the host's rate
// limiter and circuit breakers; docs/exchange-binance.md has the behaviour under limits
// and faults.
// The SDK first: its market_sink.hpp names a parameter `candle`, which -Wshadow flags when
// series.hpp (tb::sdk::candle) happens to be included before it.
#include "tradingbot/sdk.hpp"

#include <chrono>
#include <memory>
#include <string>

#include "config/settings.hpp"
#include "execution/orders.hpp"
#include "plugin_net/endpoint.hpp"
#include "http/rest_client.hpp"
#include "market_data/market_data.hpp"
#include "websocket/kline_streams.hpp"
#include "websocket/user_data_stream.hpp"

namespace tb::binance {

constexpr char plugin_id[] = "exchange_binance";
constexpr char plugin_version[] = "0.2.0";

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
    rest_options options;
    options.api_key = settings_.api_key;
    options.api_secret = settings_.api_secret;
    options.recv_window_ms = settings_.recv_window_ms;
    options.time_sync_interval = std::chrono::seconds(settings_.time_sync_interval_s);
    options.max_idle_connections = settings_.max_idle_connections;
    rest_ = std::make_unique<rest_client>(host(), net::parse_endpoint(settings_.rest_url), options);
    // Best effort, briefly: otherwise the first scan's 50 kline requests all queue behind
    // one GET /fapi/v1/time. Unreachable now means it is retried by the first call.
    try {
      rest_->sync_time(host().deadline_in(std::chrono::seconds(2)));
    } catch (const std::exception& e) {
      host().debug(label() + ": server time not synced at start (" + e.what() + ")");
    }
    market_ = std::make_unique<market_data>(host(), *rest_,
                                            std::chrono::seconds(settings_.exchange_info_ttl_s));
    orders_ = std::make_unique<orders>(host(), *rest_, *market_);
    kline_stream_options kline_options;
    kline_options.max_per_connection = settings_.ws_max_streams_per_connection;
    kline_options.ws.rotate_after = std::chrono::seconds(settings_.ws_rotate_after_s);
    klines_ = std::make_unique<kline_streams>(host(), net::parse_endpoint(settings_.ws_url), *market_,
                                              kline_options);
    host().info(label() + ": " + describe(settings_));
  }

  void stop() override {
    if (account_) account_->stop();  // joins, then deletes the listen key
    account_.reset();
    if (klines_) klines_->stop();
    if (rest_) rest_->close_idle();
  }

  void subscribe_candles(const std::vector<std::string>& symbols, const std::string& interval,
                         const sdk::market_sink& sink) override {
    guarded("subscribe_candles", [&] { streams().subscribe(symbols, interval, sink); });
  }

  void unsubscribe_candles(const std::vector<std::string>& symbols,
                           const std::string& interval) override {
    guarded("unsubscribe_candles", [&] { streams().unsubscribe(symbols, interval); });
  }

  // One account stream per started instance; it runs until stop().
  void subscribe_account(const sdk::market_sink& sink) override {
    guarded("subscribe_account", [&] {
      orders& account = trading();
      if (account_) {
        throw sdk::error(TB_E_STATE, "the account stream is already subscribed (until stop())");
      }
      user_data_stream_options options;
      options.keepalive = std::chrono::seconds(settings_.listen_key_keepalive_s);
      options.ws.rotate_after = std::chrono::seconds(settings_.ws_rotate_after_s);
      auto stream = std::make_unique<user_data_stream>(host(), net::parse_endpoint(settings_.ws_url),
                                                       *rest_, account, options, sink);
      stream->start(host().deadline_in(std::chrono::seconds(10)));
      account_ = std::move(stream);
    });
  }

  std::vector<sdk::symbol_info> list_symbols(sdk::deadline until) override {
    return guarded("list_symbols", [&] { return market().list_symbols(until); });
  }

  std::vector<sdk::candle> fetch_candles(const sdk::candle_request& request,
                                         sdk::deadline until) override {
    return guarded("fetch_candles", [&] {
      return market().fetch_candles(request, sdk::lane::bulk, until);
    });
  }

  std::vector<sdk::balance> get_balances(sdk::deadline until) override {
    return guarded("get_balances", [&] { return trading().balances(until); });
  }

  std::vector<sdk::position> get_positions(sdk::deadline until) override {
    return guarded("get_positions", [&] { return trading().positions(until); });
  }

  sdk::order_state place_order(const sdk::order_request& request, sdk::deadline until) override {
    return guarded("place_order", [&] { return trading().place(request, until); });
  }

  sdk::order_state cancel_order(const std::string& symbol, const std::string& client_order_id,
                                sdk::deadline until) override {
    return guarded("cancel_order", [&] { return trading().cancel(symbol, client_order_id, until); });
  }

  sdk::order_state query_order(const std::string& symbol, const std::string& client_order_id,
                               sdk::deadline until) override {
    return guarded("query_order", [&] { return trading().query(symbol, client_order_id, until); });
  }

  std::vector<sdk::fill> get_order_fills(const std::string& symbol,
                                         const std::string& client_order_id,
                                         sdk::deadline until) override {
    return guarded("get_order_fills", [&] { return trading().fills(symbol, client_order_id, until); });
  }

  std::vector<sdk::order_state> list_open_orders(const std::optional<std::string>& symbol,
                                                 sdk::deadline until) override {
    return guarded("list_open_orders", [&] { return trading().open_orders(symbol, until); });
  }

  void set_leverage(const std::string& symbol, std::int32_t leverage, sdk::deadline until) override {
    guarded("set_leverage", [&] { trading().set_leverage(symbol, leverage, until); });
  }

  void set_margin_type(const std::string& symbol, sdk::margin_type type,
                       sdk::deadline until) override {
    guarded("set_margin_type", [&] { trading().set_margin_type(symbol, type, until); });
  }

 private:
  // Runs `work`, prefixing any error with "<label>: <operation>: ".
  template <class Work>
  auto guarded(const char* operation, Work&& work) -> decltype(work()) {
    try {
      return work();
    } catch (const sdk::error& e) {
      throw sdk::error(e.status(), label() + ": " + operation + ": " + e.what(), e.remote_code());
    }
  }

  market_data& market() const {
    if (!market_) throw sdk::error(TB_E_STATE, "the instance is not started");
    return *market_;
  }

  kline_streams& streams() const {
    if (!klines_) throw sdk::error(TB_E_STATE, "the instance is not started");
    return *klines_;
  }

  orders& trading() const {
    if (!orders_) throw sdk::error(TB_E_STATE, "the instance is not started");
    if (!rest_->has_credentials()) {
      throw sdk::error(TB_E_AUTH, "api_key and api_secret are not set (market data only)");
    }
    return *orders_;
  }

  // "exchange_binance 0.2.0 (instance name)" when the instance is not named after the plugin.
  std::string label() const {
    std::string text = std::string(id()) + " " + std::string(version());
    if (instance_name() != id()) text += " (" + instance_name() + ")";
    return text;
  }

  settings settings_;
  std::unique_ptr<rest_client> rest_;
  std::unique_ptr<market_data> market_;
  std::unique_ptr<orders> orders_;
  std::unique_ptr<user_data_stream> account_;  // uses rest_ and orders_: destroyed before them
  std::unique_ptr<kline_streams> klines_;  // declared last: stopped and destroyed first
};

}  // namespace tb::binance

TB_PLUGIN_EXCHANGE(tb::binance::binance_exchange, tb::binance::plugin_id,
                   tb::binance::plugin_version,
                   "Binance USDT-M futures over REST and websockets");
