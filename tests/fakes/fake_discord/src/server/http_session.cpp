#include "server/http_session.hpp"

#include <chrono>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "control/control_routes.hpp"
#include "gateway/gateway_connection.hpp"
#include "rest/api_error.hpp"
#include "routes/api_router.hpp"
#include "server/fake_context.hpp"
#include "util/time_format.hpp"

namespace tb::fake_discord {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

constexpr std::size_t max_body = 25 * 1024 * 1024;  // Discord's request size limit

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(std::shared_ptr<fake_context> ctx, net::ip::tcp::socket socket)
      : ctx_(std::move(ctx)), stream_(std::move(socket)), delay_(stream_.get_executor()) {}

  void run() {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? "unknown" : ep.address().to_string();
    read();
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(max_body);
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
    r.query = parse_query(q == std::string::npos ? "" : target.substr(q + 1));
    r.body = req_.body();
    r.authorization = std::string(req_[http::field::authorization]);
    r.user_agent = std::string(req_[http::field::user_agent]);
    r.content_type = std::string(req_[http::field::content_type]);
    r.peer = peer_;

    if (beast::websocket::is_upgrade(req_)) {
      if (!is_gateway_target(target)) return respond(api_error(404, 0, "404: Not Found"), r);
      ctx_->requests.add({"GET", r.path, 101, wall_ms()});
      stream_.expires_never();
      return start_gateway_connection(ctx_, std::move(stream_), std::move(req_));
    }
    if (r.path == "/_control" || r.path.rfind("/_control/", 0) == 0) return respond(handle_control(*ctx_, r), std::nullopt);
    auto resp = r.path == "/api" || r.path.rfind("/api/", 0) == 0 ? handle_api(*ctx_, r) : api_error(404, 0, "404: Not Found");
    const auto delay = ctx_->faults.delay_ms();
    if (delay <= 0) return respond(std::move(resp), r);
    delay_.expires_after(std::chrono::milliseconds(delay));
    delay_.async_wait([self = shared_from_this(), resp = std::move(resp), r](beast::error_code ec) mutable {
      if (!ec) self->respond(std::move(resp), r);
    });
  }

  // `logged`: the request to record in /_control/requests (control requests are not).
  void respond(rest_response resp, const std::optional<rest_request>& logged) {
    if (logged) ctx_->requests.add({logged->method, logged->path, resp.status, wall_ms()});
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(resp.status), req_.version());
    res->set(http::field::server, "fake-discord");
    if (resp.body) {
      res->set(http::field::content_type, "application/json");
      res->body() = resp.body->dump();
    }
    for (const auto& [name, value] : resp.headers) res->set(name, value);
    res->keep_alive(req_.keep_alive());
    res->prepare_payload();
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !res->keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  std::shared_ptr<fake_context> ctx_;
  beast::tcp_stream stream_;
  net::steady_timer delay_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> req_;
  std::string peer_;
};

}  // namespace

void start_http_session(std::shared_ptr<fake_context> ctx, net::ip::tcp::socket socket) {
  std::make_shared<http_session>(std::move(ctx), std::move(socket))->run();
}

}  // namespace tb::fake_discord
