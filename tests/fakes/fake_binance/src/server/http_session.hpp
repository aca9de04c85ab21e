#pragma once
// One HTTP/1.1 keep-alive connection: admin routes, then for Binance routes the request log,
// the weight limiter, injected faults and latency, the handler, and the weight header. A
// websocket upgrade is handed to ws_session.
#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "server/exchange_context.hpp"
#include "server/rest_router.hpp"

namespace tb::fake {

void start_http_session(std::shared_ptr<exchange_context> ctx, std::shared_ptr<rest_router> router,
                        boost::asio::ip::tcp::socket socket);

}  // namespace tb::fake
