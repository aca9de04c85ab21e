#include "websocket/user_event_parsers.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "execution/order_parsers.hpp"

namespace tb::binance {
namespace {

using json = nlohmann::json;

// Reads the fields of one event object; every error names the event and the field.
class reader {
 public:
  reader(const json& object, std::string where) : object_(object), where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw parse_error(where_ + ": " + what);
  }
  // A string (or a whole number, as text); empty when absent or null unless `required`.
  std::string text(const char* key, bool required = false) const {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) fail(std::string("no \"") + key + "\"");
      return {};
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    fail(std::string("\"") + key + "\" is not a string");
  }
  std::int64_t number(const char* key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return 0;
    if (!it->is_number_integer()) fail(std::string("\"") + key + "\" is not a whole number");
    return it->get<std::int64_t>();
  }
  const json& object(const char* key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || !it->is_object()) fail(std::string("no \"") + key + "\" object");
    return *it;
  }
  // An array, empty when absent.
  const json& array(const char* key) const {
    static const json empty = json::array();
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return empty;
    if (!it->is_array()) fail(std::string("\"") + key + "\" is not an array");
    return *it;
  }
  const std::string& where() const { return where_; }

 private:
  const json& object_;
  std::string where_;
};

sdk::side side_of(const reader& r) {
  const std::string side = r.text("S", true);
  if (side == "BUY") return sdk::side::long_;
  if (side == "SELL") return sdk::side::short_;
  r.fail("side \"" + side + "\" is neither BUY nor SELL");
}

sdk::order_state order_update(const json& event) {
  const reader o(reader(event, "ORDER_TRADE_UPDATE").object("o"), "ORDER_TRADE_UPDATE");
  sdk::order_state s;
  const std::string status = o.text("X", true);
  s.status = order_status_of(status);
  if (static_cast<int>(s.status) == 0) o.fail("unknown order status \"" + status + "\"");
  s.direction = side_of(o);
  // "ot" is the type as placed; "o" can differ (a triggered order, a liquidation).
  const std::string original = o.text("ot");
  s.type = order_type_of(original.empty() ? o.text("o") : original);
  s.symbol = o.text("s", true);
  s.client_order_id = o.text("c", true);
  s.exchange_order_id = o.text("i");
  s.quantity = o.text("q");
  s.filled_quantity = o.text("z");
  s.average_price = nonzero(o.text("ap"));
  s.stop_price = nonzero(o.text("sp"));
  if (o.text("x") == "TRADE") {  // a fill: what it was, what it cost, what it realized
    s.last_fill_quantity = o.text("l");
    s.last_fill_price = o.text("L");
    s.commission = o.text("n");
    s.commission_asset = o.text("N");
    s.realized_pnl = o.text("rp");
  }
  s.update_time_ms = o.number("T");
  return s;
}

sdk::order_state algo_update(const json& event) {
  const reader o(reader(event, "ALGO_UPDATE").object("o"), "ALGO_UPDATE");
  sdk::order_state s;
  const std::string status = o.text("X", true);
  const std::string executed = o.text("aq");
  s.status = algo_status_of(status, !nonzero(executed).empty());
  if (static_cast<int>(s.status) == 0) o.fail("unknown algo status \"" + status + "\"");
  s.direction = side_of(o);
  s.type = order_type_of(o.text("o"));
  s.symbol = o.text("s", true);
  s.client_order_id = o.text("caid", true);
  s.exchange_order_id = o.text("aid");
  s.quantity = o.text("q");
  s.filled_quantity = nonzero(executed);
  s.average_price = nonzero(o.text("ap"));
  s.stop_price = nonzero(o.text("tp"));
  // ALGO_UPDATE has no transaction time: the trigger time once it fired, else the event's.
  s.update_time_ms = o.number("tt") != 0 ? o.number("tt") : reader(event, "ALGO_UPDATE").number("E");
  return s;
}

void account_update(const json& event, user_event& out) {
  const reader top(event, "ACCOUNT_UPDATE");
  const reader a(top.object("a"), "ACCOUNT_UPDATE");
  const std::int64_t time = top.number("T") != 0 ? top.number("T") : top.number("E");
  for (const json& item : a.array("B")) {
    if (!item.is_object()) a.fail("a balance entry is not an object");
    const reader b(item, "ACCOUNT_UPDATE balance");
    sdk::balance x;
    x.asset = b.text("a", true);
    x.wallet_balance = b.text("wb", true);
    // The event carries neither the available balance nor the unrealized PnL: left empty
    // (unknown) rather than guessed; get_balances has them.
    x.update_time_ms = time;
    out.balances.push_back(std::move(x));
  }
  for (const json& item : a.array("P")) {
    if (!item.is_object()) a.fail("a position entry is not an object");
    const reader p(item, "ACCOUNT_UPDATE position");
    sdk::position x;
    x.symbol = p.text("s", true);
    x.quantity = p.text("pa", true);  // "0" when the position was closed: pushed as such
    x.entry_price = p.text("ep");
    x.unrealized_pnl = p.text("up");
    x.margin = p.text("mt") == "isolated" ? sdk::margin_type::isolated : sdk::margin_type::cross;
    x.update_time_ms = time;
    out.positions.push_back(std::move(x));
  }
}

}  // namespace

user_event parse_user_event(std::string_view text) {
  json root = parse_json(text, "user-data event");
  if (root.is_object() && root.contains("data") && root.contains("stream")) {
    json data = std::move(root["data"]);
    root = std::move(data);
  }
  if (!root.is_object()) throw parse_error("user-data event: expected a JSON object");
  const auto e = root.find("e");
  if (e == root.end() || !e->is_string()) throw parse_error("user-data event: no \"e\" (event type)");
  user_event out;
  out.type = e->get<std::string>();
  out.event_time_ms = reader(root, out.type).number("E");
  if (out.type == "ORDER_TRADE_UPDATE") {
    out.kind = user_event_kind::order;
    out.order = order_update(root);
  } else if (out.type == "ALGO_UPDATE") {
    out.kind = user_event_kind::algo_order;
    out.order = algo_update(root);
  } else if (out.type == "ACCOUNT_UPDATE") {
    out.kind = user_event_kind::account;
    account_update(root, out);
  } else if (out.type == "listenKeyExpired") {
    out.kind = user_event_kind::listen_key_expired;
  }
  return out;
}

}  // namespace tb::binance
