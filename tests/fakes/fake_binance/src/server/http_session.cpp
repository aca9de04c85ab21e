#include "server/http_session.hpp"

#include <chrono>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "fake_common/http_session.hpp"
#include "server/admin_endpoints.hpp"
#include "server/ws_hub.hpp"
#include "server/ws_session.hpp"
#include "server/ws_target.hpp"

namespace tb::fake {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

class binance_session : public fake_common::http_session {
 public:
  binance_session(std::shared_ptr<exchange_context> ctx, std::shared_ptr<rest_router> router,
                  net::ip::tcp::socket socket)
      : fake_common::http_session(std::move(socket), {1 << 20, "fake-binance"}),
        ctx_(std::move(ctx)), router_(std::move(router)), timer_(stream().get_executor()) {}

 private:
  void on_request() override {
    const auto& req = request();
    const std::string target(req.target());
    const auto q = target.find('?');
    rest_request r;
    r.method = std::string(req.method_string());
    r.path = target.substr(0, q);
    r.peer = peer();
    if (const auto it = req.find("X-MBX-APIKEY"); it != req.end()) {
      r.has_api_key = true;
      r.api_key = std::string(it->value());
    }
    r.p = params(q == std::string::npos ? "" : target.substr(q + 1), req.body());
    if (beast::websocket::is_upgrade(req)) return upgrade(r, target);
    if (r.path.rfind("/_admin/", 0) == 0) return respond(handle_admin(*ctx_, r, req.body()));

    request_record rec{0, r.method, r.path, r.p.raw_query(), req.body(), r.api_key,
                       std::string(req[http::field::content_type]), peer(), sim_clock::wall_ms(),
                       ctx_->clock.api_ms(), 0, "", 0};
    log_id_ = ctx_->requests.add(std::move(rec));
    std::int64_t weight = 0;
    if (!router_->matches(r, weight)) {
      return finish_binance(error_response(404, -1000, "Route " + r.method + " " + r.path + " is not served by this fake."), "ok");
    }
    const auto d = ctx_->weights.charge(peer(), weight);
    used_weight_ = d.used;
    if (d.status == 429) {
      auto resp = error_response(429, -1003, "Too many requests; current limit of IP(" + peer() + ") is " +
                                                 std::to_string(ctx_->weights.limit()) +
                                                 " requests per minute. Please use the websocket for live updates to avoid polling the API.");
      resp.headers.emplace_back("Retry-After", std::to_string(d.retry_after_s));
      return finish_binance(std::move(resp), "limited");
    }
    if (d.status == 418) {
      auto resp = error_response(418, -1003, "Way too many requests; IP(" + peer() + ") banned until " +
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
    timer_.async_wait([self = shared_as<binance_session>()](beast::error_code ec) {
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
    respond(std::move(resp));
  }

  // Every answer, even an empty one, is JSON.
  void respond(rest_response resp) { write_response(resp.status, resp.headers, std::move(resp.body)); }

  void upgrade(const rest_request& r, const std::string& target) {
    request_record rec{0, "WS", r.path, r.p.raw_query(), "", r.api_key, "", peer(), sim_clock::wall_ms(),
                       ctx_->clock.now_ms(), 101, "upgrade", 0};
    const auto t = parse_ws_target(target);
    if (!t) {
      rec.status = 404;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(404, -1000, "No websocket endpoint at " + r.path));
    }
    if (ctx_->hub->refusing(to_string(t->route))) {  // an admin-made outage
      rec.status = 503;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(503, -1001, "Service Unavailable."));
    }
    if (t->streams.size() > static_cast<std::size_t>(ctx_->options.ws_max_streams)) {
      rec.status = 400;
      ctx_->requests.add(std::move(rec));
      return respond(error_response(400, 2, "Invalid request: too many streams; the limit is " +
                                                std::to_string(ctx_->options.ws_max_streams) + " per connection"));
    }
    ctx_->requests.add(std::move(rec));
    start_ws_session(ctx_, std::move(stream()), std::move(request()), *t);
  }

  void reset() {
    ctx_->requests.complete(log_id_, 0, "reset", used_weight_);
    beast::error_code ignored;
    stream().socket().set_option(net::socket_base::linger(true, 0), ignored);
    stream().socket().close(ignored);
  }

  void hold(std::int64_t ms) {
    ctx_->requests.complete(log_id_, 0, "timeout", used_weight_);
    timer_.expires_after(std::chrono::milliseconds(ms));
    timer_.async_wait([self = shared_as<binance_session>()](beast::error_code) { self->close(); });
  }

  std::shared_ptr<exchange_context> ctx_;
  std::shared_ptr<rest_router> router_;
  net::steady_timer timer_;
  rest_request request_;
  std::optional<fault_rule> fault_;
  std::int64_t log_id_ = 0;
  std::int64_t used_weight_ = 0;
};

}  // namespace

void start_http_session(std::shared_ptr<exchange_context> ctx, std::shared_ptr<rest_router> router,
                        net::ip::tcp::socket socket) {
  std::make_shared<binance_session>(std::move(ctx), std::move(router), std::move(socket))->run();
}

}  // namespace tb::fake
