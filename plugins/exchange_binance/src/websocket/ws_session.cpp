#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "websocket/kline_shard.hpp"

namespace tb::binance {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock = std::chrono::steady_clock;

// Runs one asynchronous step, checking every 100 ms whether to give up (stop, rotation or
// the step's deadline); giving up closes the socket, which completes the step.
template <class Start, class Close>
beast::error_code step(asio::io_context& ioc, kline_shard& shard, clock::time_point give_up_at,
                       Start start, Close close) {
  beast::error_code result = asio::error::would_block;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  while (!done) {
    ioc.run_for(std::chrono::milliseconds(100));
    if (!done && (shard.stopping() || clock::now() >= give_up_at)) {
      close();
      // The websocket's own timers keep the context busy: wait for the step's handler only.
      ioc.restart();
      for (int i = 0; i < 50 && !done; ++i) ioc.run_one_for(std::chrono::milliseconds(100));
      if (!done) result = asio::error::operation_aborted;
      done = true;
    }
  }
  return result;
}

template <class Ws>
std::string session(asio::io_context& ioc, Ws& ws, kline_shard& shard, bool& connected) {
  const endpoint& target = shard.ws();
  auto& socket_layer = beast::get_lowest_layer(ws);
  auto close = [&] {
    beast::error_code ignored;
    socket_layer.socket().close(ignored);
  };
  const auto connect_by = clock::now() + std::chrono::seconds(15);
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type results;
  beast::error_code ec = step(ioc, shard, connect_by, [&](auto handler) {
    resolver.async_resolve(target.host, target.port,
                           [&, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
                             results = std::move(r);
                             handler(e);
                           });
  }, [&] { resolver.cancel(); });
  if (ec) return "resolving " + target.host + ": " + ec.message();
  ec = step(ioc, shard, connect_by, [&](auto handler) { socket_layer.async_connect(results, handler); }, close);
  if (ec) return "connecting to " + target.host_header() + ": " + ec.message();
  if constexpr (!std::is_same_v<typename Ws::next_layer_type, beast::tcp_stream>) {
    beast::error_code ip_ec;
    asio::ip::make_address(target.host, ip_ec);
    if (ip_ec) SSL_set_tlsext_host_name(ws.next_layer().native_handle(), target.host.c_str());
    ws.next_layer().set_verify_callback(asio::ssl::host_name_verification(target.host));
    ec = step(ioc, shard, connect_by, [&](auto handler) {
      ws.next_layer().async_handshake(asio::ssl::stream_base::client, handler);
    }, close);
    if (ec) return "TLS handshake with " + target.host_header() + ": " + ec.message();
  }
  socket_layer.expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(15);
  timeouts.idle_timeout = shard.options().idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ec = step(ioc, shard, connect_by, [&](auto handler) {
    ws.async_handshake(target.host_header(), shard.target(), handler);
  }, close);
  if (ec) return "websocket handshake with " + target.host_header() + ": " + ec.message();
  connected = true;
  shard.sink().push_stream_status("klines", sdk::stream_status::connected, shard.target().c_str());
  shard.backfill_all();
  const auto rotate_at = clock::now() + shard.options().rotate_after;
  beast::flat_buffer buffer;
  for (;;) {
    ec = step(ioc, shard, rotate_at, [&](auto handler) { ws.async_read(buffer, handler); }, close);
    if (ec) {
      if (shard.stopping()) return "stopped";
      if (clock::now() >= rotate_at) return "rotated before the 24 h limit";
      return "connection lost: " + ec.message();
    }
    shard.on_message(beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
    // A busy stream completes every read: check here too, not only while a read waits.
    if (shard.stopping()) return "stopped";
    if (clock::now() >= rotate_at) return "rotated before the 24 h limit";
  }
}

}  // namespace

std::string run_ws_session(kline_shard& shard, bool& connected) {
  asio::io_context ioc;
  if (shard.ws().tls) {
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
    websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(ioc, tls);
    return session(ioc, ws, shard, connected);
  }
  websocket::stream<beast::tcp_stream> ws(ioc);
  return session(ioc, ws, shard, connected);
}

}  // namespace tb::binance
