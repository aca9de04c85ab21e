#pragma once
// The skeleton a fake serves from: a listener on 127.0.0.1, the io threads that run it, and a
// clean stop. What a connection means is the owner's (`start`'s handler).
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace tb::fake_common {

class tcp_server {
 public:
  using connection_handler = std::function<void(boost::asio::ip::tcp::socket)>;

  // Binds and listens on 127.0.0.1:`port` (0: the OS picks); throws std::runtime_error
  // "<name>: cannot listen on 127.0.0.1:<port>: <why>" when it cannot.
  tcp_server(const std::string& name, std::uint16_t port);
  ~tcp_server();  // stop()
  tcp_server(const tcp_server&) = delete;
  tcp_server& operator=(const tcp_server&) = delete;

  std::uint16_t port() const { return port_; }
  // For the owner's own timers; they run on the same threads.
  boost::asio::io_context& io() { return ioc_; }

  // Accepts connections, each on its own strand (its handlers never run concurrently) and handed
  // to `on_connection`, and runs the io_context on `threads` threads.
  void start(int threads, connection_handler on_connection);
  // Stops accepting, closes every connection and joins the threads. Idempotent.
  void stop();

 private:
  void accept();

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  connection_handler on_connection_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace tb::fake_common
