#include "server/fake_server.hpp"

#include <algorithm>

#include "fake_common/tcp_server.hpp"
#include "server/fake_context.hpp"
#include "server/http_session.hpp"

namespace tb::fake_discord {

struct fake_server::impl {
  explicit impl(const server_options& o) : ctx(std::make_shared<fake_context>(o)), server("fake-discord", o.port) {}

  std::shared_ptr<fake_context> ctx;
  fake_common::tcp_server server;
};

fake_server::fake_server(const server_options& options) : impl_(std::make_unique<impl>(options)) {
  impl_->ctx->set_port(impl_->server.port());
  impl_->server.start(std::max(1, options.threads), [ctx = impl_->ctx](boost::asio::ip::tcp::socket s) {
    start_http_session(ctx, std::move(s));
  });
}

fake_server::~fake_server() { stop(); }

std::uint16_t fake_server::port() const { return impl_->server.port(); }

fake_context& fake_server::context() { return *impl_->ctx; }

void fake_server::stop() { impl_->server.stop(); }

}  // namespace tb::fake_discord
