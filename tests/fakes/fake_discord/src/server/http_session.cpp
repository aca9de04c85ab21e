#include "server/http_session.hpp"

#include <chrono>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "control/control_routes.hpp"
#include "fake_common/http_session.hpp"
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

class discord_session : public fake_common::http_session {
 public:
  discord_session(std::shared_ptr<fake_context> ctx, net::ip::tcp::socket socket)
      : fake_common::http_session(std::move(socket), {max_body, "fake-discord"}),
        ctx_(std::move(ctx)), delay_(stream().get_executor()) {}

 private:
  void on_request() override {
    const auto& req = request();
    const std::string target(req.target());
    const auto q = target.find('?');
    rest_request r;
    r.method = std::string(req.method_string());
    r.path = target.substr(0, q);
    r.query = parse_query(q == std::string::npos ? "" : target.substr(q + 1));
    r.body = req.body();
    r.authorization = std::string(req[http::field::authorization]);
    r.user_agent = std::string(req[http::field::user_agent]);
    r.content_type = std::string(req[http::field::content_type]);
    r.peer = peer();

    if (beast::websocket::is_upgrade(req)) {
      if (!is_gateway_target(target)) return respond(api_error(404, 0, "404: Not Found"), r);
      ctx_->requests.add({"GET", r.path, 101, wall_ms()});
      stream().expires_never();
      return start_gateway_connection(ctx_, std::move(stream()), std::move(request()));
    }
    if (r.path == "/_control" || r.path.rfind("/_control/", 0) == 0) return respond(handle_control(*ctx_, r), std::nullopt);
    auto resp = r.path == "/api" || r.path.rfind("/api/", 0) == 0 ? handle_api(*ctx_, r) : api_error(404, 0, "404: Not Found");
    const auto delay = ctx_->faults.delay_ms();
    if (delay <= 0) return respond(std::move(resp), r);
    delay_.expires_after(std::chrono::milliseconds(delay));
    delay_.async_wait([self = shared_as<discord_session>(), resp = std::move(resp), r](beast::error_code ec) mutable {
      if (!ec) self->respond(std::move(resp), r);
    });
  }

  // `logged`: the request to record in /_control/requests (control requests are not).
  void respond(rest_response resp, const std::optional<rest_request>& logged) {
    if (logged) ctx_->requests.add({logged->method, logged->path, resp.status, wall_ms()});
    std::optional<std::string> body;
    if (resp.body) body = resp.body->dump();
    write_response(resp.status, resp.headers, std::move(body));
  }

  std::shared_ptr<fake_context> ctx_;
  net::steady_timer delay_;
};

}  // namespace

void start_http_session(std::shared_ptr<fake_context> ctx, net::ip::tcp::socket socket) {
  std::make_shared<discord_session>(std::move(ctx), std::move(socket))->run();
}

}  // namespace tb::fake_discord
