#include "fake_common/tcp_server.hpp"

#include <stdexcept>
#include <utility>

#include <boost/asio/strand.hpp>

namespace tb::fake_common {

namespace net = boost::asio;

tcp_server::tcp_server(const std::string& name, std::uint16_t port) : acceptor_(ioc_) {
  const net::ip::tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port);
  boost::system::error_code ec;
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error(name + ": cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
}

tcp_server::~tcp_server() { stop(); }

void tcp_server::start(int threads, connection_handler on_connection) {
  on_connection_ = std::move(on_connection);
  accept();
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

void tcp_server::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](boost::system::error_code ec, net::ip::tcp::socket s) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) on_connection_(std::move(s));
    accept();
  });
}

void tcp_server::stop() {
  if (stopped_) return;
  stopped_ = true;
  ioc_.stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  // Pending handlers, and the sessions they own, go with the io_context.
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace tb::fake_common
