#include "server/fake_server.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "server/fake_context.hpp"
#include "server/http_session.hpp"

namespace tb::fake_discord {

namespace net = boost::asio;

struct fake_server::impl {
  explicit impl(const server_options& o) : ctx(std::make_shared<fake_context>(o)), acceptor(ioc) {}

  void accept() {
    // Each connection gets its own strand: its handlers never run concurrently.
    acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec, net::ip::tcp::socket s) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) start_http_session(ctx, std::move(s));
      accept();
    });
  }

  std::shared_ptr<fake_context> ctx;
  net::io_context ioc;
  net::ip::tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool stopped = false;
};

fake_server::fake_server(const server_options& options) : impl_(std::make_unique<impl>(options)) {
  const net::ip::tcp::endpoint ep(net::ip::make_address("127.0.0.1"), options.port);
  boost::system::error_code ec;
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("fake-discord: cannot listen on 127.0.0.1:" + std::to_string(options.port) + ": " + ec.message());
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->ctx->set_port(impl_->port);
  impl_->accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
}

fake_server::~fake_server() { stop(); }

std::uint16_t fake_server::port() const { return impl_->port; }

fake_context& fake_server::context() { return *impl_->ctx; }

void fake_server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  // Pending handlers, and the sessions they own, go with the io_context.
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
}

}  // namespace tb::fake_discord
