#include "server/http_session.hpp"

#include <chrono>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/admin_endpoints.hpp"
#include "server/ws_hub.hpp"
#include "server/ws_session.hpp"
#include "server/ws_target.hpp"

namespace tb::fake {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(std::shared_ptr<exchange_context> ctx, std::shared_ptr<rest_router> router,
               net::ip::tcp::socket socket)
      : ctx_(std::move(ctx)), router_(std::move(router)), stream_(std::move(socket)),
        timer_(stream_.get_executor()) {}

  void run() {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? "unknown" : ep.address().to_string();
    read();
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(1 << 20);
    stream_.expires_after(std::chrono::minutes(10));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->on_request(self->parser_->release());
    });
  }

  void on_request(http::request<http::string_body> req) {
    req_ = std::move(req);
    const std::string target(req_.target());
    const auto q = target.find('?');
    rest_request r;
    r.method = std::string(req_.method_string());
    r.path = target.substr(0, q);
    r.peer = peer_;
    if (const auto it = req_.find("X-MBX-APIKEY"); it != req_.end()) {
      r.has_api_key = true;
      r.api_key = std::string(it->value());
    }
    r.p = params(q == std::string::npos ? "" : target.substr(q + 1), req_.body());
    if (beast::websocket::is_upgrade(req_)) return upgrade(r, target);
    if (r.path.rfind("/_admin/", 0) == 0) return respond(handle_admin(*ctx_, r, req_.body()), false);

    request_record rec{0, r.method, r.path, r.p.raw_query(), req_.body(), r.api_key,
                       std::string(req_[http::field::content_type]), peer_, sim_clock::wall_ms(),
                       ctx_->clock.api_ms(), 0, "", 0};
    log_id_ = ctx_->requests.add(std::move(rec));
    std::int64_t weight = 0;
    if (!router_->matches(r, weight)) {
      return finish_binance(error_response(404, -1000, "Route " + r.method + " " + r.path + " is not served by this fake."), "ok");
    }
    const auto d = ctx_->weights.charge(peer_, weight);
    used_weight_ = d.used;
    if (d.status == 429) {
      auto resp = error_response(429, -1003, "Too many requests; current limit of IP(" + peer_ + ") is " +
                                                 std::to_string(ctx_->weights.limit()) +
                                                 " requests per minute. Please use the websocket for live updates to avoid polling the API.");
      resp.headers.emplace_back("Retry-After", std::to_string(d.retry_after_s));
      return finish_binance(std::move(resp), "limited");
    }
    if (d.status == 418) {
      auto resp = error_response(418, -1003, "Way too many requests; IP(" + peer_ + ") banned until " +
                                                 std::to_string(d.banned_until_ms) +
                                                 ". Please use the websocket for live updates to avoid bans.");
      resp.headers.emplace_back("Retry-After", std::to_string(d.retry_after_s));
      return finish_binance(std::move(resp), "banned");
    }
    fault_ = ctx_->faults.roll(r.path);
    request_ = std::move(r);
    const std::int64_t latency = ctx_->faults.latency_ms();
    if (latency <= 0) return execute();
    timer_.expires_after(std::chrono::milliseconds(latency));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->execute();
    });
  }

  void execute() {
    if (fault_) {
      switch (fault_->kind) {
        case fault_kind::reset: return reset();
        case fault_kind::timeout: return hold(fault_->hold_ms);
        case fault_kind::error_5xx:
          return finish_binance(fault_->status == 503
                                    ? error_response(503, -1001, "Service Unavailable.")
                                    : error_response(fault_->status, -1000, "An unknown error occured while processing the request."),
                                "error");
        case fault_kind::malformed: {
          auto resp = router_->handle(request_);
          resp.body = resp.body.substr(0, resp.body.size() / 2);
          return finish_binance(std::move(resp), "malformed");
        }
      }
    }
    auto resp = router_->handle(request_);
    if (resp.lose_after_execution)
      return finish_binance(error_response(503, -1006, "Unknown error, please check your request or try again later."), "lost-response");
    finish_binance(std::move(resp), "ok");
  }

  void finish_binance(rest_response resp, const std::string& outcome) {
    ctx_->requests.complete(log_id_, resp.status, outcome, used_weight_);
    resp.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(used_weight_));
    respond(std::move(resp), true);
  }

  void respond(rest_response resp, bool /*binance*/) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(resp.status), req_.version());
    res->set(http::field::server, "fake-binance");
    res->set(http::field::content_type, "application/json");
    for (const auto& [name, value] : resp.headers) res->set(name, value);
    res->keep_alive(req_.keep_alive());
    res->body() = std::move(resp.body);
    res->prepare_payload();
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !res->keep_alive()) return self->close();
      self->read();
    });
  }

  void upgrade(const rest_request& r, const std::string& target) {
    request_record rec{0, "WS", r.path, r.p.raw_query(), "", r.api_key, "", peer_, sim_clock::wall_ms(),
                       ctx_->clock.now_ms(), 101, "upgrade", 0};
    const auto t = parse_ws_target(target);
    if (!t) {
      rec.status = 404;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(404, -1000, "No websocket endpoint at " + r.path), false);
    }
    if (ctx_->hub->refusing(to_string(t->route))) {  // an admin-made outage
      rec.status = 503;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(503, -1001, "Service Unavailable."), false);
    }
    if (t->streams.size() > static_cast<std::size_t>(ctx_->options.ws_max_streams)) {
      rec.status = 400;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(400, 2, "Invalid request: too many streams; the limit is " +
                                                std::to_string(ctx_->options.ws_max_streams) + " per connection"),
                     false);
    }
    ctx_->requests.add(std::move(rec));
    start_ws_session(ctx_, std::move(stream_), std::move(req_), *t);
  }

  void reset() {
    ctx_->requests.complete(log_id_, 0, "reset", used_weight_);
    beast::error_code ignored;
    stream_.socket().set_option(net::socket_base::linger(true, 0), ignored);
    stream_.socket().close(ignored);
  }

  void hold(std::int64_t ms) {
    ctx_->requests.complete(log_id_, 0, "timeout", used_weight_);
    timer_.expires_after(std::chrono::milliseconds(ms));
    timer_.async_wait([self = shared_from_this()](beast::error_code) { self->close(); });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  std::shared_ptr<exchange_context> ctx_;
  std::shared_ptr<rest_router> router_;
  beast::tcp_stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> req_;
  rest_request request_;
  std::optional<fault_rule> fault_;
  std::string peer_;
  std::int64_t log_id_ = 0;
  std::int64_t used_weight_ = 0;
};

}  // namespace

void start_http_session(std::shared_ptr<exchange_context> ctx, std::shared_ptr<rest_router> router,
                        net::ip::tcp::socket socket) {
  std::make_shared<http_session>(std::move(ctx), std::move(router), std::move(socket))->run();
}

}  // namespace tb::fake
