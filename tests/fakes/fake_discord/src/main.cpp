// fake-discord: serves the fake Discord API until SIGINT or SIGTERM.
#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "server/fake_server.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto parsed = tb::fake_discord::parse_options(args);
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
    return parsed.exit_code;
  }
  try {
    // The handler is installed before the listening line, so a SIGTERM right after it is caught.
    boost::asio::io_context signals_ctx;
    boost::asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
    tb::fake_discord::fake_server server(*parsed.options);
    std::cout << "listening 127.0.0.1:" << server.port() << std::endl;
    signals.async_wait([](const boost::system::error_code&, int) {});
    signals_ctx.run();
    server.stop();
    std::cerr << "fake-discord: stopped\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
