#include "server/fake_server.hpp"

#include <chrono>

#include <boost/asio/steady_timer.hpp>

#include "fake_common/tcp_server.hpp"
#include "server/exchange_context.hpp"
#include "server/http_session.hpp"
#include "server/rest_router.hpp"
#include "server/ws_hub.hpp"

namespace tb::fake {

namespace net = boost::asio;

struct fake_server::impl {
  explicit impl(const server_options& o)
      : ctx(std::make_shared<exchange_context>(o)),
        router(std::make_shared<rest_router>(*ctx)),
        server("fake-binance", o.port),
        matcher(server.io()) {}

  void schedule_matching() {
    matcher.expires_after(std::chrono::milliseconds(100));
    matcher.async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      router->tick();
      schedule_matching();
    });
  }

  std::shared_ptr<exchange_context> ctx;
  std::shared_ptr<rest_router> router;
  fake_common::tcp_server server;
  net::steady_timer matcher;
};

fake_server::fake_server(const server_options& options) : impl_(std::make_unique<impl>(options)) {
  impl_->schedule_matching();
  impl_->server.start(options.threads, [ctx = impl_->ctx, router = impl_->router](net::ip::tcp::socket s) {
    start_http_session(ctx, router, std::move(s));
  });
}

fake_server::~fake_server() { stop(); }

std::uint16_t fake_server::port() const { return impl_->server.port(); }

exchange_context& fake_server::context() { return *impl_->ctx; }

void fake_server::stop() { impl_->server.stop(); }

}  // namespace tb::fake
