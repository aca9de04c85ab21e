// paper_gateway's account as JSON, so that paper positions, their stops and targets, and the
// paper wallet outlive the process (docs/risk-and-execution.md, "Paper mode").
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "services/order_records.hpp"
#include "services/paper_gateway.hpp"

namespace tb::host {
namespace {

using json = nlohmann::json;
constexpr int state_version = 1;

template <std::size_t N>
void read_text(const json& j, const char* key, char (&field)[N], const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    throw std::invalid_argument(where + "." + key + ": expected a string");
  }
  const std::string value = it->get<std::string>();
  if (value.size() >= N) throw std::invalid_argument(where + "." + key + ": too long");
  copy_text(field, value);
}

template <class T>
T read_number(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) {
    throw std::invalid_argument(where + "." + key + ": expected a number");
  }
  return it->get<T>();
}

}  // namespace

std::string paper_gateway::save_state() const {
  std::lock_guard lock(mutex_);
  json orders = json::array();
  for (const auto& [id, o] : orders_) {
    const tb_order_request& r = o.request;
    const tb_order_state& s = o.state;
    orders.push_back({{"side", r.side}, {"type", r.type}, {"time_in_force", r.time_in_force},
                      {"flags", r.flags}, {"symbol", r.symbol}, {"quantity", r.quantity},
                      {"price", r.price}, {"stop_price", r.stop_price},
                      {"client_order_id", r.client_order_id}, {"state", s.state},
                      {"exchange_order_id", s.exchange_order_id},
                      {"filled_quantity", s.filled_quantity}, {"average_price", s.average_price},
                      {"update_time_ms", s.update_time_ms}});
  }
  json positions = json::object();
  for (const auto& [symbol, p] : positions_) {
    positions[symbol] = {{"quantity", p.quantity}, {"entry_price", p.entry_price},
                         {"leverage", p.leverage}, {"margin_type", p.margin_type}};
  }
  json prices = json::object();
  for (const auto& [symbol, price] : prices_) prices[symbol] = price;
  return json{{"version", state_version}, {"quote_asset", settings_.quote_asset},
              {"realized", realized_}, {"fees", fees_}, {"now_ms", now_ms_},
              {"trade_count", trade_count_}, {"positions", positions}, {"prices", prices},
              {"orders", orders}}
      .dump(1);
}

void paper_gateway::load_state(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(std::string("not JSON: ") + e.what());
  }
  if (!root.is_object()) throw std::invalid_argument("expected an object");
  if (root.value("version", 0) != state_version) {
    throw std::invalid_argument("version: expected " + std::to_string(state_version));
  }
  if (root.value("quote_asset", "") != settings_.quote_asset) {
    throw std::invalid_argument("quote_asset: the account is in another asset than " +
                                settings_.quote_asset);
  }
  std::map<std::string, order> orders;
  std::map<std::string, position> positions;
  std::map<std::string, double> prices;
  const auto& listed = root.at("orders");
  if (!listed.is_array()) throw std::invalid_argument("orders: expected an array");
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const json& j = listed[i];
    const std::string where = "orders[" + std::to_string(i) + "]";
    order o;
    o.request.struct_size = sizeof o.request;
    o.request.side = read_number<std::int32_t>(j, "side", where);
    o.request.type = read_number<std::int32_t>(j, "type", where);
    o.request.time_in_force = read_number<std::int32_t>(j, "time_in_force", where);
    o.request.flags = read_number<std::uint32_t>(j, "flags", where);
    read_text(j, "symbol", o.request.symbol, where);
    read_text(j, "quantity", o.request.quantity, where);
    read_text(j, "price", o.request.price, where);
    read_text(j, "stop_price", o.request.stop_price, where);
    read_text(j, "client_order_id", o.request.client_order_id, where);
    o.state.struct_size = sizeof o.state;
    o.state.state = read_number<std::int32_t>(j, "state", where);
    o.state.side = o.request.side;
    o.state.type = o.request.type;
    copy_text(o.state.symbol, o.request.symbol);
    copy_text(o.state.client_order_id, o.request.client_order_id);
    copy_text(o.state.quantity, o.request.quantity);
    copy_text(o.state.stop_price, o.request.stop_price);
    read_text(j, "exchange_order_id", o.state.exchange_order_id, where);
    read_text(j, "filled_quantity", o.state.filled_quantity, where);
    read_text(j, "average_price", o.state.average_price, where);
    o.state.update_time_ms = read_number<std::int64_t>(j, "update_time_ms", where);
    orders[o.request.client_order_id] = o;
  }
  const auto& held = root.at("positions");
  if (!held.is_object()) throw std::invalid_argument("positions: expected an object");
  for (const auto& [symbol, j] : held.items()) {
    const std::string where = "positions." + symbol;
    positions[symbol] = {read_number<double>(j, "quantity", where),
                         read_number<double>(j, "entry_price", where),
                         read_number<std::int32_t>(j, "leverage", where),
                         read_number<std::int32_t>(j, "margin_type", where)};
  }
  const auto& last = root.at("prices");
  if (!last.is_object()) throw std::invalid_argument("prices: expected an object");
  for (const auto& [symbol, price] : last.items()) {
    if (!price.is_number()) throw std::invalid_argument("prices." + symbol + ": expected a number");
    prices[symbol] = price.get<double>();
  }
  std::lock_guard lock(mutex_);
  orders_ = std::move(orders);
  positions_ = std::move(positions);
  prices_ = std::move(prices);
  realized_ = read_number<double>(root, "realized", "state");
  fees_ = read_number<double>(root, "fees", "state");
  now_ms_ = read_number<std::int64_t>(root, "now_ms", "state");
  trade_count_ = read_number<std::int64_t>(root, "trade_count", "state");
}

std::int64_t paper_gateway::last_price_time() const {
  std::lock_guard lock(mutex_);
  return now_ms_;
}

}  // namespace tb::host
