#pragma once
// One websocket client: market streams (klines pushed every kline_push_ms, combined or raw),
// live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY, server pings with a
// pong deadline, a message-rate limit and a maximum lifetime.
#include <memory>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/exchange_context.hpp"
#include "server/ws_target.hpp"

namespace tb::fake {

void start_ws_session(std::shared_ptr<exchange_context> ctx, boost::beast::tcp_stream stream,
                      boost::beast::http::request<boost::beast::http::string_body> request,
                      ws_target target);

}  // namespace tb::fake
