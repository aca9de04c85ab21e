#include "order_fixture.hpp"

#include <cstdio>
#include <cstring>
#include <thread>

#include "filters/decimal.hpp"

namespace tb::binance::testing {
namespace {

using namespace std::chrono_literals;

template <std::size_t N>
void copy_text(char (&field)[N], const std::string& text) {
  ASSERT_LT(text.size(), N) << text;
  std::memcpy(field, text.c_str(), text.size() + 1);
}

bool is_order_post(const nlohmann::json& r) {
  const std::string path = r.value("path", "");
  return r.value("method", "") == "POST" && (path == "/fapi/v1/order" || path == "/fapi/v1/algoOrder");
}

// A 400 that Binance gives for the timestamp (-1021) rather than for the order itself: the
// fake logs its own clock at receipt, so the rule of section 4.1 can be re-applied here.
bool is_timestamp_refusal(const nlohmann::json& r) {
  const std::string query = r.value("query", "");
  const std::string ts = query_param(query, "timestamp");
  const std::string window = query_param(query, "recvWindow");
  if (ts.empty()) return false;
  const std::int64_t server = r.value("serverTime", std::int64_t{0});
  const std::int64_t sent = std::stoll(ts);
  return sent >= server + 1000 || server - sent > (window.empty() ? 5000 : std::stoll(window));
}

}  // namespace

tb_order_request order_spec::raw() const {
  tb_order_request r{};
  r.struct_size = sizeof r;
  r.side = side;
  r.type = type;
  r.time_in_force = TB_TIF_GTC;
  r.flags = flags;
  copy_text(r.symbol, symbol);
  copy_text(r.quantity, quantity);
  copy_text(r.price, price);
  copy_text(r.stop_price, stop_price);
  copy_text(r.client_order_id, client_id);
  return r;
}

order_spec limit(std::int32_t side, const std::string& qty, const std::string& price,
                 const std::string& id) {
  order_spec o;
  o.side = side;
  o.type = TB_ORDER_LIMIT;
  o.quantity = qty;
  o.price = price;
  o.client_id = id;
  return o;
}

order_spec market(std::int32_t side, const std::string& symbol, const std::string& qty,
                  const std::string& id) {
  order_spec o;
  o.side = side;
  o.type = TB_ORDER_MARKET;
  o.symbol = symbol;
  o.quantity = qty;
  o.client_id = id;
  return o;
}

// A stop or target protecting a position: closePosition when `qty` is empty, else reduce-only.
order_spec protective(std::int32_t type, std::int32_t side, const std::string& trigger,
                      const std::string& qty, const std::string& id) {
  order_spec o;
  o.side = side;
  o.type = type;
  o.stop_price = trigger;
  o.quantity = qty;
  o.flags = qty.empty() ? TB_ORDER_CLOSE_POSITION : TB_ORDER_REDUCE_ONLY;
  o.client_id = id;
  return o;
}


std::string query_param(const std::string& query, const std::string& key) {
  const std::string prefix = key + "=";
  for (std::size_t at = 0; at <= query.size();) {
    const std::size_t end = std::min(query.find('&', at), query.size());
    if (query.compare(at, prefix.size(), prefix) == 0) {
      return query.substr(at + prefix.size(), end - at - prefix.size());
    }
    at = end + 1;
  }
  return {};
}

void order_fixture::start(const std::vector<std::string>& fake_args, const std::string& secret) {
  std::vector<std::string> args = {"--symbols", "60", "--api-key", fake_api_key, "--api-secret",
                                   fake_api_secret};
  args.insert(args.end(), fake_args.begin(), fake_args.end());
  fake_ = std::make_unique<fake_process>(args);
  secret_ = secret;
  host_.add_bucket("binance.ip_weight", 2400, 60s);
  host_.add_bucket("binance.orders_10s", 300, 10s);
  host_.add_bucket("binance.orders_1m", 1200, 60s);
  host_.config = nlohmann::json{{"rest_url", fake_->rest_url()},
                                {"ws_url", fake_->ws_url()},
                                {"api_key", fake_api_key},
                                {"api_secret", secret}}.dump();
  plugin_ = std::make_unique<loaded_plugin>(host_.api(), &err_);
  ASSERT_EQ(plugin_->start(&err_), TB_OK) << err_.message;
}

void order_fixture::TearDown() {
  if (fake_ && !HasFatalFailure()) expect_order_requests_clean();
  for (const std::string& line : host_.logs()) {
    EXPECT_EQ(line.find(fake_api_secret), std::string::npos) << line;
    if (!secret_.empty()) {
      EXPECT_EQ(line.find(secret_), std::string::npos) << line;
    }
  }
  plugin_.reset();
  fake_.reset();
}

tb_status order_fixture::place(const order_spec& order, std::chrono::milliseconds timeout) {
  const tb_order_request request = order.raw();
  state_ = tb_order_state{};
  state_.struct_size = sizeof state_;
  err_ = tb_error{};
  return plugin_->exchange().place_order(plugin_->self(), &request, deadline_in(timeout), &state_,
                                         &err_);
}

tb_status order_fixture::query(const std::string& symbol, const std::string& client_id) {
  state_ = tb_order_state{};
  state_.struct_size = sizeof state_;
  err_ = tb_error{};
  return plugin_->exchange().query_order(plugin_->self(), symbol.c_str(), client_id.c_str(),
                                         deadline_in(10s), &state_, &err_);
}

std::vector<tb_fill> order_fixture::fills(const std::string& symbol, const std::string& client_id) {
  err_ = tb_error{};
  std::vector<tb_fill> out(16);
  std::size_t count = 0;
  const tb_status status = plugin_->exchange().get_order_fills(
      plugin_->self(), symbol.c_str(), client_id.c_str(), deadline_in(10s), out.data(), out.size(),
      &count, &err_);
  EXPECT_EQ(status, TB_OK) << err_.message;
  out.resize(status == TB_OK ? count : 0);
  return out;
}

tb_status order_fixture::cancel(const std::string& symbol, const std::string& client_id) {
  state_ = tb_order_state{};
  state_.struct_size = sizeof state_;
  err_ = tb_error{};
  return plugin_->exchange().cancel_order(plugin_->self(), symbol.c_str(), client_id.c_str(),
                                          deadline_in(10s), &state_, &err_);
}

std::vector<tb_order_state> order_fixture::open_orders(const char* symbol) {
  std::vector<tb_order_state> out(64);
  for (auto& o : out) o.struct_size = sizeof o;
  std::size_t count = 0;
  const tb_status s = plugin_->exchange().list_open_orders(plugin_->self(), symbol, deadline_in(10s),
                                                           out.data(), out.size(), &count, &err_);
  EXPECT_EQ(s, TB_OK) << err_.message;
  out.resize(s == TB_OK ? count : 0);
  return out;
}

std::vector<tb_position> order_fixture::positions() {
  std::vector<tb_position> out(64);
  for (auto& p : out) p.struct_size = sizeof p;
  std::size_t count = 0;
  const tb_status s = plugin_->exchange().get_positions(plugin_->self(), deadline_in(10s),
                                                        out.data(), out.size(), &count, &err_);
  EXPECT_EQ(s, TB_OK) << err_.message;
  out.resize(s == TB_OK ? count : 0);
  return out;
}

std::vector<tb_balance> order_fixture::balances() {
  std::vector<tb_balance> out(8);
  for (auto& b : out) b.struct_size = sizeof b;
  std::size_t count = 0;
  const tb_status s = plugin_->exchange().get_balances(plugin_->self(), deadline_in(10s),
                                                       out.data(), out.size(), &count, &err_);
  EXPECT_EQ(s, TB_OK) << err_.message;
  out.resize(s == TB_OK ? count : 0);
  return out;
}

void order_fixture::open_position(std::int32_t side, const std::string& id) {
  ASSERT_EQ(place(market(side, "BTCUSDT", "0.002", id)), TB_OK) << err_.message;
  ASSERT_EQ(state_.state, TB_ORDER_STATE_FILLED);
}

double order_fixture::btc_position() {
  for (const tb_position& p : positions()) {
    if (std::string(p.symbol) == "BTCUSDT") return std::stod(p.quantity);
  }
  return 0;
}

bool order_fixture::wait_for_state(const std::string& id, std::int32_t state) {
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until) {
    if (query("BTCUSDT", id) == TB_OK && state_.state == state) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

double order_fixture::mark(const std::string& symbol) {
  const auto answer = fake_->admin("GET", "/fapi/v1/premiumIndex?symbol=" + symbol);
  return std::stod(answer.at("markPrice").get<std::string>());
}

const nlohmann::json& order_fixture::filters_of(const std::string& symbol) {
  if (exchange_info_.is_null()) exchange_info_ = fake_->admin("GET", "/fapi/v1/exchangeInfo");
  for (const auto& s : exchange_info_.at("symbols")) {
    if (s.at("symbol") == symbol) return s.at("filters");
  }
  throw std::runtime_error("no symbol " + symbol + " in the fake's exchangeInfo");
}

std::string order_fixture::price_text(const std::string& symbol, double value) {
  std::string tick;
  for (const auto& f : filters_of(symbol)) {
    if (f.at("filterType") == "PRICE_FILTER") tick = f.at("tickSize").get<std::string>();
  }
  // The fake's ticks are powers of ten: "0.10" has one significant decimal.
  const std::string fraction = tick.find('.') == std::string::npos ? "" : tick.substr(tick.find('.') + 1);
  const int decimals = static_cast<int>(fraction.find_last_not_of('0') + 1);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::vector<nlohmann::json> order_fixture::order_posts(const std::string& client_id) {
  std::vector<nlohmann::json> out;
  for (const auto& r : fake_->requests()) {
    const std::string q = r.value("query", "");
    if (is_order_post(r) &&
        (query_param(q, "newClientOrderId") == client_id || query_param(q, "clientAlgoId") == client_id)) {
      out.push_back(r);
    }
  }
  return out;
}

std::size_t order_fixture::executed(const std::string& client_id) {
  std::size_t n = 0;
  for (const auto& r : order_posts(client_id)) {
    const std::string outcome = r.value("outcome", "");
    n += (r.value("status", 0) == 200 || outcome == "lost-response") ? 1 : 0;
  }
  return n;
}

bool order_fixture::logged(const std::string& fragment) const {
  for (const std::string& line : host_.logs()) {
    if (line.find(fragment) != std::string::npos) return true;
  }
  return false;
}

// Every order the fake received is on its symbol's grids and none was refused for a filter
// (a 400 is allowed only when the timestamp explains it).
void order_fixture::expect_order_requests_clean() {
  for (const auto& r : fake_->requests()) {
    if (!is_order_post(r)) continue;
    const std::string q = r.value("query", "");
    if (r.value("status", 0) == 400) {
      EXPECT_TRUE(is_timestamp_refusal(r)) << "an order was refused for itself: " << r.dump();
    }
    const auto& filters = filters_of(query_param(q, "symbol"));
    std::string tick, step;
    for (const auto& f : filters) {
      if (f.at("filterType") == "PRICE_FILTER") tick = f.at("tickSize").get<std::string>();
      if (f.at("filterType") == "LOT_SIZE") step = f.at("stepSize").get<std::string>();
    }
    const auto on = [](const std::string& value, const std::string& grid) {
      const auto v = decimal::parse(value);
      const auto g = decimal::parse(grid);
      return v && g && on_grid(*v, *g, decimal{});
    };
    for (const char* key : {"price", "triggerPrice"}) {
      const std::string v = query_param(q, key);
      if (!v.empty()) {
        EXPECT_TRUE(on(v, tick)) << key << " off the tick grid: " << r.dump();
      }
    }
    const std::string qty = query_param(q, "quantity");
    if (!qty.empty()) {
      EXPECT_TRUE(on(qty, step)) << "quantity off the step grid: " << r.dump();
    }
  }
}

}  // namespace tb::binance::testing
