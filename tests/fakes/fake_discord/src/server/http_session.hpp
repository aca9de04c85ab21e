#pragma once
// One HTTP/1.1 keep-alive connection: /_control/ requests, /api/ requests (with the injected
// delay and the request log), and websocket upgrades handed to the gateway.
#include <memory>

#include <boost/asio/ip/tcp.hpp>

namespace tb::fake_discord {

struct fake_context;

void start_http_session(std::shared_ptr<fake_context> ctx, boost::asio::ip::tcp::socket socket);

}  // namespace tb::fake_discord
