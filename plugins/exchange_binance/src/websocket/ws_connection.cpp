#include "websocket/ws_connection.hpp"

#include <random>

namespace tb::binance {

ws_connection::ws_connection(sdk::host host, net::endpoint ws, ws_options options, std::string label,
                             ws_handler& handler)
    : host_(host), ws_(std::move(ws)), options_(options), label_(std::move(label)),
      handler_(handler) {}

ws_connection::~ws_connection() { stop(); }

void ws_connection::start() { thread_ = std::thread([this] { run(); }); }

void ws_connection::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_.store(true);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ws_connection::run() {
  std::mt19937_64 random(std::random_device{}());
  unsigned attempt = 0;
  while (!stop_.load()) {
    bool connected = false;
    std::string why;
    try {
      why = run_ws_session(*this, handler_, handler_.prepare(), connected);
    } catch (const std::exception& e) {  // nothing may escape a plugin-owned thread
      why = e.what();
    }
    if (connected) {
      try {
        handler_.on_close(why);
      } catch (const std::exception& e) {
        host_.warn("exchange_binance: " + label_ + ": closing: " + e.what());
      }
      attempt = 0;
    }
    if (stop_.load()) break;
    const auto delay = net::backoff_delay(options_.backoff, attempt++, random());
    host_.warn("exchange_binance: " + label_ + ": " + why + "; reconnecting in " +
               std::to_string(delay.count()) + " ms");
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stop_.load(); });
  }
}

}  // namespace tb::binance
