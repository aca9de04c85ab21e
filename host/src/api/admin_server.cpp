#include "api/admin_server.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/sinks/null_sink.h>

#include "api/admin_connection.hpp"
#include "api/admin_router.hpp"
#include "api/bearer_token.hpp"

namespace tb::host {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// After a failed accept (out of file descriptors, typically) wait this long before the next
// one, rather than spinning on the same error.
constexpr std::chrono::milliseconds accept_retry_delay{100};

// Threads that run the backend's calls: so many requests can wait on slow ones (a reload
// waits for the scan in flight) while health probes and the rest are still answered.
constexpr std::size_t backend_threads = 4;

}  // namespace

// Member order matters: connections refer to the router and the open set, and may be
// destroyed with the io_context, so those are declared before it.
struct admin_server::impl {
  impl(admin_server_config c, admin_backend& b, std::shared_ptr<spdlog::logger> l,
       metrics_registry* m)
      : config(std::move(c)),
        backend(b),
        log(l ? std::move(l)
              : std::make_shared<spdlog::logger>("admin_api",
                                                 std::make_shared<spdlog::sinks::null_sink_mt>())),
        metrics(m) {}

  void listen();
  void accept();
  void on_accept(boost::system::error_code ec, tcp::socket socket);
  void close_everything();

  admin_server_config config;
  admin_backend& backend;
  std::shared_ptr<spdlog::logger> log;
  metrics_registry* metrics;
  std::optional<admin_router> router;
  admin_connection_set open;
  bool refusing = false;  // over max_connections; logged once until a connection is taken again
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  net::steady_timer accept_retry{ioc};
  net::thread_pool workers{backend_threads};  // destroyed first: its jobs post to ioc
  std::thread thread;
  std::atomic<std::uint16_t> port{0};
  std::mutex lifecycle;  // start() and stop()
  bool started = false;  // the thread runs from start() until stop() joins it
};

void admin_server::impl::listen() {
  const std::string where = host_port(config.bind, config.port);
  boost::system::error_code ec;
  const auto address = net::ip::make_address(config.bind, ec);
  if (ec) {
    throw std::runtime_error("admin API: cannot listen on " + where + ": '" + config.bind +
                             "' is not an IP address");
  }
  const tcp::endpoint endpoint(address, config.port);
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR lets a restart bind despite connections in TIME_WAIT; on Linux it does not
  // let two servers listen on one port.
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) port = acceptor.local_endpoint(ec).port();
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error("admin API: cannot listen on " + where + ": " + ec.message());
  }
}

void admin_server::impl::accept() {
  acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void admin_server::impl::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (!acceptor.is_open()) return;  // stopping
  if (ec) {
    log->warn("admin API: accept failed: {}; retrying in {} ms", ec.message(),
              accept_retry_delay.count());
    accept_retry.expires_after(accept_retry_delay);
    accept_retry.async_wait([this](boost::system::error_code wait_ec) {
      if (!wait_ec && acceptor.is_open()) accept();
    });
    return;
  }
  if (open.size() >= config.max_connections) {
    if (!refusing) {
      log->warn("admin API: {} connections open, the most allowed; closing new ones until one ends",
                open.size());
      refusing = true;
    }
    boost::system::error_code ignored;
    socket.close(ignored);
  } else {
    refusing = false;
    std::make_shared<admin_connection>(
        std::move(socket), *router, workers.get_executor(),
        admin_connection_limits{admin_server::body_limit, config.read_timeout}, open)
        ->start();
  }
  accept();
}

void admin_server::impl::close_everything() {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  // close() only cancels; the connections leave `open` later, from their last handlers.
  const std::vector<admin_connection*> connections(open.begin(), open.end());
  for (auto* c : connections) c->close();
}

admin_server::admin_server(admin_server_config config, admin_backend& backend,
                           std::shared_ptr<spdlog::logger> log, metrics_registry* metrics)
    : impl_(std::make_unique<impl>(std::move(config), backend, std::move(log), metrics)) {}

admin_server::~admin_server() { stop(); }

void admin_server::start() {
  std::lock_guard lock(impl_->lifecycle);
  if (impl_->started) throw std::logic_error("admin API: start() called twice");
  if (impl_->config.token.empty()) {
    throw std::invalid_argument(
        "admin API: the bearer token is empty; set api.token (as ${TB_API_TOKEN}) to serve "
        "the API");
  }
  impl_->listen();
  impl_->router.emplace(impl_->backend, bearer_token(impl_->config.token), impl_->log,
                        impl_->metrics);
  impl_->accept();
  impl_->started = true;
  impl_->thread = std::thread([i = impl_.get()] {
    // A handler that throws would otherwise end the process; log it and keep serving.
    for (;;) {
      try {
        i->ioc.run();
        return;
      } catch (const std::exception& e) {
        i->log->error("admin API: unexpected error on the server thread: {}", e.what());
      }
    }
  });
  impl_->log->info("admin API: listening on {}", host_port(impl_->config.bind, impl_->port.load()));
}

void admin_server::stop() {
  std::lock_guard lock(impl_->lifecycle);
  if (!impl_->thread.joinable()) return;  // not started, or stopped already
  // On the server's thread. With the acceptor and every socket closed, and the backend calls
  // running now returned, the io_context runs out of work and run() returns.
  net::post(impl_->ioc, [i = impl_.get()] { i->close_everything(); });
  impl_->thread.join();
  impl_->workers.join();
  impl_->log->info("admin API: stopped");
}

std::uint16_t admin_server::port() const noexcept { return impl_->port.load(); }

}  // namespace tb::host
