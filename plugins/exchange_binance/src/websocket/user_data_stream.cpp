#include "websocket/user_data_stream.hpp"

#include <nlohmann/json.hpp>

#include "http/weights.hpp"
#include "websocket/user_event_parsers.hpp"

namespace tb::binance {
namespace {

constexpr char stream_name[] = "account";
constexpr char label[] = "exchange_binance: user-data stream: ";
constexpr std::chrono::seconds call_timeout{10};

}  // namespace

user_data_stream::user_data_stream(sdk::host host, net::endpoint ws, rest_client& rest,
                                   orders& trading, user_data_stream_options options,
                                   sdk::market_sink sink)
    : host_(host), rest_(rest), trading_(trading), options_(options), sink_(sink),
      connection_(host, std::move(ws), options.ws, "user-data stream", *this) {}

user_data_stream::~user_data_stream() { stop(); }

// POST answers {"listenKey":"..."}, PUT the same; DELETE {}. Returns the key ("" for DELETE).
std::string user_data_stream::listen_key_call(const char* method, sdk::deadline until) {
  rest_call call;
  call.method = method;
  call.path = "/fapi/v1/listenKey";
  call.auth = security::api_key;
  call.weight = weight_order_other;
  call.breaker = breaker_account;
  // Losing the key loses the stream: the keep-alive may use the reserve.
  call.lane = std::string_view(method) == "PUT" ? sdk::lane::critical : sdk::lane::normal;
  const std::string body = rest_.call(call, until);
  if (std::string_view(method) == "DELETE") return {};
  const auto value = nlohmann::json::parse(body, nullptr, false);
  if (!value.is_object() || !value.contains("listenKey") || !value["listenKey"].is_string() ||
      value["listenKey"].get<std::string>().empty()) {
    throw rest_error(TB_E_IO, std::string(method) + " /fapi/v1/listenKey: no listenKey in the answer",
                     0, 200, false);
  }
  return value["listenKey"].get<std::string>();
}

void user_data_stream::start(sdk::deadline until) {
  std::string key = listen_key_call("POST", until);
  {
    std::lock_guard lock(key_mutex_);
    key_ = std::move(key);
    key_fresh_ = true;
  }
  connection_.start();
  keepalive_ = std::thread([this] { keep_alive(); });
}

void user_data_stream::stop() {
  {
    std::lock_guard lock(wait_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  connection_.stop();
  if (keepalive_.joinable()) keepalive_.join();
  std::string key;
  {
    std::lock_guard lock(key_mutex_);
    key.swap(key_);
  }
  if (key.empty()) return;
  try {
    listen_key_call("DELETE", host_.deadline_in(std::chrono::seconds(5)));
  } catch (const std::exception& e) {  // the key lapses by itself within 60 min
    host_.warn(std::string(label) + "DELETE /fapi/v1/listenKey failed on stop (" + e.what() + ")");
  }
}

std::string user_data_stream::prepare() {
  renew_.store(nullptr);
  std::string key;
  {
    std::lock_guard lock(key_mutex_);
    if (key_fresh_) key = key_;
    key_fresh_ = false;
  }
  if (key.empty()) {
    key = listen_key_call("POST", host_.deadline_in(call_timeout));
    std::lock_guard lock(key_mutex_);
    key_ = key;
  }
  return connection_.ws().prefix + "/private/ws?listenKey=" + key;
}

void user_data_stream::keep_alive() {
  auto wait = options_.keepalive;
  for (;;) {
    {
      std::unique_lock lock(wait_mutex_);
      if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
    }
    wait = options_.keepalive;
    try {
      listen_key_call("PUT", host_.deadline_in(call_timeout));
    } catch (const sdk::error& e) {
      if (e.remote_code() == -1125) {
        host_.warn(std::string(label) + "the listen key is gone (-1125); reconnecting with a new one");
        renew_.store("the listen key is no longer valid (-1125)");
      } else {
        // The key lives 60 min: there is time for a few more tries.
        wait = std::min(wait, std::chrono::seconds(60));
        host_.warn(std::string(label) + "keep-alive failed (" + e.what() + "); retrying in " +
                   std::to_string(wait.count()) + " s");
      }
    }
  }
}

void user_data_stream::on_open(const std::string& path) {
  // The detail names the route, not the key.
  sink_.push_stream_status(stream_name, sdk::stream_status::connected,
                           path.substr(0, path.find('?')));
  resync();
}

void user_data_stream::on_close(const std::string& why) {
  sink_.push_stream_status(stream_name, sdk::stream_status::disconnected, why);
}

void user_data_stream::on_message(const std::string& text) {
  user_event event;
  try {
    event = parse_user_event(text);
  } catch (const std::exception& e) {  // parse_error, or anything else the JSON library throws
    host_.warn(std::string(label) + "malformed event ignored: " + e.what());
    return;
  }
  try {
    switch (event.kind) {
      case user_event_kind::order:
      case user_event_kind::algo_order:
        push(event.order);
        break;
      case user_event_kind::account:
        for (const auto& b : event.balances) push(b);
        for (const auto& p : event.positions) push(p);
        break;
      case user_event_kind::listen_key_expired:
        host_.info(std::string(label) + "the listen key expired; reconnecting with a new one");
        renew_.store("the listen key expired");
        break;
      case user_event_kind::other:
        host_.debug(std::string(label) + "event " + event.type + " ignored");
        break;
    }
  } catch (const sdk::error& e) {  // a field too long for the ABI
    host_.warn(std::string(label) + event.type + " not pushed: " + e.what());
  }
}

void user_data_stream::push(const sdk::order_state& order) {
  if (tracker_.accept(order)) sink_.push_order_update(order);
}

void user_data_stream::push(const sdk::position& position) {
  if (tracker_.accept(position)) sink_.push_position_update(position);
}

void user_data_stream::push(const sdk::balance& balance) {
  if (tracker_.accept(balance)) sink_.push_balance_update(balance);
}

void user_data_stream::resync() {
  // Each part on its own: one failing does not keep the others from being pushed.
  auto part = [&](const char* what, auto&& work) {
    if (connection_.stopping()) return;
    try {
      work(host_.deadline_in(call_timeout));
    } catch (const std::exception& e) {
      host_.warn(std::string(label) + "resync of " + what + " failed (" + e.what() +
                 "); changes missed while disconnected may be missing until the next reconnect");
    }
  };
  part("orders", [&](sdk::deadline until) {
    const auto open = trading_.open_orders(std::nullopt, until);
    for (const auto& o : open) push(o);
    for (const auto& [symbol, id] : tracker_.vanished(open)) {
      if (connection_.stopping()) return;
      try {
        push(trading_.query(symbol, id, host_.deadline_in(call_timeout)));
      } catch (const sdk::error& e) {
        if (e.status() != TB_E_NOT_FOUND) throw;
        host_.debug(std::string(label) + "order " + id + " is no longer known to Binance");
        tracker_.forget(id);
      }
    }
  });
  part("positions", [&](sdk::deadline until) {
    const auto open = trading_.positions(until);
    for (const auto& symbol : tracker_.closed(open)) {
      sdk::position flat;
      flat.symbol = symbol;
      flat.quantity = "0";
      push(flat);
    }
    for (const auto& p : open) push(p);
  });
  part("balances", [&](sdk::deadline until) {
    for (const auto& b : trading_.balances(until)) push(b);
  });
}

}  // namespace tb::binance
