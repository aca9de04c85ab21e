#include "server/ws_session.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "market/market_json.hpp"
#include "server/ws_hub.hpp"

namespace tb::fake {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using nlohmann::json;
using steady = std::chrono::steady_clock;

constexpr std::size_t max_outbox = 20'000;
constexpr int max_finals_per_push = 50;

class ws_session : public ws_connection, public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(std::shared_ptr<exchange_context> ctx, beast::tcp_stream stream, ws_target target)
      : ctx_(std::move(ctx)),
        ws_(std::move(stream)),
        target_(std::move(target)),
        combined_(target_.combined),
        push_timer_(ws_.get_executor()),
        ping_timer_(ws_.get_executor()),
        life_timer_(ws_.get_executor()),
        stats_(std::make_shared<ws_stats>()) {}

  void start(http::request<http::string_body> request) {
    stats_->path = std::string(request.target());
    stats_->route = to_string(target_.route);
    for (const auto& s : target_.streams) add_stream(s);
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds(30), websocket::stream_base::none(), false});
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) last_pong_ = steady::now();
    });
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
  }

  void drop() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      beast::get_lowest_layer(self->ws_).socket().shutdown(net::socket_base::shutdown_both, ignored);
      beast::get_lowest_layer(self->ws_).socket().close(ignored);
      self->finish();
    });
  }

  void deliver_user(const std::string& listen_key, const std::string& text) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), listen_key, text] {
      const auto& keys = self->target_.listen_keys;
      if (self->finished_ || std::find(keys.begin(), keys.end(), listen_key) == keys.end()) return;
      ++self->stats_->data_sent;
      self->send(text);
    });
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;
    hub_id_ = ctx_->hub->add(weak_from_this(), stats_);
    last_pong_ = steady::now();
    window_start_ = steady::now();
    read();
    schedule_push();
    schedule_ping();
    life_timer_.expires_after(std::chrono::milliseconds(ctx_->options.ws_max_lifetime_ms));
    life_timer_.async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e) self->close(websocket::close_code::going_away);
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      const std::string text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      if (!self->count_message()) return self->close(websocket::close_code::policy_error);
      self->on_message(text);
      self->read();
    });
  }

  bool count_message() {
    const auto now = steady::now();
    if (now - window_start_ >= std::chrono::seconds(1)) {
      window_start_ = now;
      messages_in_window_ = 0;
    }
    return ++messages_in_window_ <= ctx_->options.ws_max_messages_per_second;
  }

  void reply(json body) {
    ++stats_->replies_sent;
    send(body.dump());
  }

  void on_message(const std::string& text) {
    const json m = json::parse(text, nullptr, false);
    if (m.is_discarded() || !m.is_object()) return reply({{"code", 3}, {"msg", "Invalid JSON: expected a JSON object"}});
    const json id = m.contains("id") ? m.at("id") : json(nullptr);
    if (!id.is_null() && !id.is_number_unsigned())
      return reply({{"code", 2}, {"msg", "Invalid request: request ID must be an unsigned integer"}, {"id", nullptr}});
    const std::string method = m.value("method", std::string{});
    const json params = m.contains("params") ? m.at("params") : json::array();
    if (method == "SUBSCRIBE" || method == "UNSUBSCRIBE") {
      if (!params.is_array() || std::any_of(params.begin(), params.end(), [](const json& p) { return !p.is_string(); }))
        return reply({{"code", 2}, {"msg", "Invalid request: 'params' must be an array of stream names"}, {"id", id}});
      if (method == "SUBSCRIBE") {
        std::size_t fresh = 0;
        for (const auto& p : params) fresh += has_stream(p.get<std::string>()) ? 0 : 1;
        if (streams_.size() + fresh > static_cast<std::size_t>(ctx_->options.ws_max_streams))
          return reply({{"code", 2},
                        {"msg", "Invalid request: too many streams; the limit is " +
                                    std::to_string(ctx_->options.ws_max_streams) + " per connection"},
                        {"id", id}});
        for (const auto& p : params) add_stream(p.get<std::string>());
      } else {
        for (const auto& p : params) remove_stream(p.get<std::string>());
      }
      return reply({{"result", nullptr}, {"id", id}});
    }
    if (method == "LIST_SUBSCRIPTIONS") return reply({{"result", streams_}, {"id", id}});
    if (method == "SET_PROPERTY" || method == "GET_PROPERTY") {
      if (!params.is_array() || params.empty() || params[0] != "combined")
        return reply({{"code", 0}, {"msg", "Unknown property"}, {"id", id}});
      if (method == "GET_PROPERTY") return reply({{"result", combined_}, {"id", id}});
      if (params.size() < 2 || !params[1].is_boolean())
        return reply({{"code", 1}, {"msg", "Invalid value type: expected Boolean"}, {"id", id}});
      combined_ = params[1].get<bool>();
      return reply({{"result", nullptr}, {"id", id}});
    }
    reply({{"code", 2}, {"msg", "Invalid request: unknown method '" + method + "'"}, {"id", id}});
  }

  bool has_stream(const std::string& s) const { return std::find(streams_.begin(), streams_.end(), s) != streams_.end(); }

  void add_stream(const std::string& s) {
    if (has_stream(s)) return;
    streams_.push_back(s);
    sync_stats();
  }

  void remove_stream(const std::string& s) {
    streams_.erase(std::remove(streams_.begin(), streams_.end(), s), streams_.end());
    last_open_.erase(s);
    sync_stats();
  }

  void sync_stats() {
    std::lock_guard lock(stats_->mutex);
    stats_->streams = streams_;
  }

  void schedule_push() {
    push_timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(1, ctx_->options.kline_push_ms)));
    push_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->finished_) return;
      self->push_klines();
      self->schedule_push();
    });
  }

  // Only the /market route carries klines; the others stay silent, as the real exchange does.
  void push_klines() {
    if (target_.route != ws_route::market) return;
    const std::int64_t now = ctx_->clock.now_ms();
    for (const auto& name : streams_) {
      const auto k = parse_kline_stream(name);
      if (!k) continue;
      const auto* spec = ctx_->catalog.find(k->symbol);
      const auto iv = parse_interval(k->interval);
      if (spec == nullptr || !iv) continue;
      const std::int64_t open = iv->open_of(now);
      auto it = last_open_.find(name);
      if (it != last_open_.end() && it->second < open) {
        int finals = 0;
        for (std::int64_t o = it->second; o < open && finals < max_finals_per_push; o = iv->next(o), ++finals)
          publish(name, kline_event(*spec, *iv, ctx_->prices.bar(*spec, *iv, o, now), now, true));
      }
      last_open_[name] = open;
      publish(name, kline_event(*spec, *iv, ctx_->prices.bar(*spec, *iv, open, now), now, false));
    }
  }

  void publish(const std::string& stream, json payload) {
    ++stats_->data_sent;
    send(combined_ ? json{{"stream", stream}, {"data", std::move(payload)}}.dump() : payload.dump());
  }

  void send(std::string text) {
    if (finished_) return;
    if (outbox_.size() >= max_outbox) return close(websocket::close_code::policy_error);
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write_next();
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      self->outbox_.pop_front();
      if (!self->outbox_.empty()) self->write_next();
    });
  }

  void schedule_ping() {
    ping_timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(1, ctx_->options.ws_ping_interval_ms)));
    ping_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->finished_) return;
      const auto silent = steady::now() - self->last_pong_;
      if (silent > std::chrono::milliseconds(self->ctx_->options.ws_pong_timeout_ms))
        return self->close(websocket::close_code::policy_error);
      if (!self->ping_in_flight_) {
        self->ping_in_flight_ = true;
        self->ws_.async_ping({}, [self](beast::error_code e) {
          self->ping_in_flight_ = false;
          if (e) self->finish();
        });
      }
      self->schedule_ping();
    });
  }

  void close(websocket::close_code code) {
    if (finished_ || closing_) return;
    closing_ = true;
    ws_.async_close(code, [self = shared_from_this()](beast::error_code) { self->finish(); });
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    push_timer_.cancel();
    ping_timer_.cancel();
    life_timer_.cancel();
    if (hub_id_ != 0) ctx_->hub->remove(hub_id_);
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

  std::shared_ptr<exchange_context> ctx_;
  websocket::stream<beast::tcp_stream> ws_;
  ws_target target_;
  bool combined_;
  net::steady_timer push_timer_;
  net::steady_timer ping_timer_;
  net::steady_timer life_timer_;
  std::shared_ptr<ws_stats> stats_;
  std::int64_t hub_id_ = 0;
  beast::flat_buffer buffer_;
  std::vector<std::string> streams_;
  std::map<std::string, std::int64_t> last_open_;
  std::deque<std::string> outbox_;
  steady::time_point last_pong_{};
  steady::time_point window_start_{};
  int messages_in_window_ = 0;
  bool ping_in_flight_ = false;
  bool closing_ = false;
  bool finished_ = false;
};

}  // namespace

void start_ws_session(std::shared_ptr<exchange_context> ctx, beast::tcp_stream stream,
                      http::request<http::string_body> request, ws_target target) {
  auto session = std::make_shared<ws_session>(std::move(ctx), std::move(stream), std::move(target));
  session->start(std::move(request));
}

}  // namespace tb::fake
