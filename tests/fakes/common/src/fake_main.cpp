#include "fake_common/fake_main.hpp"

#include <csignal>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

namespace tb::fake_common {

struct stop_signals::impl {
  boost::asio::io_context ctx;
  boost::asio::signal_set signals{ctx, SIGINT, SIGTERM};
};

stop_signals::stop_signals() : impl_(std::make_unique<impl>()) {}

stop_signals::~stop_signals() = default;

void stop_signals::wait() {
  impl_->signals.async_wait([](const boost::system::error_code&, int) {});
  impl_->ctx.run();
}

void print_listening(std::uint16_t port) { std::cout << "listening 127.0.0.1:" << port << std::endl; }

}  // namespace tb::fake_common
