#pragma once
// One gateway websocket connection: HELLO, heartbeat deadline and ACKs, the client send limits,
// payload decoding, IDENTIFY and RESUME checks (token, intents, shard) before handing the
// session work to gateway_hub.
#include <memory>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tb::fake_discord {

struct fake_context;

// Accepts the upgrade `request` (target "/" or "/resume") on `stream` and runs the session.
void start_gateway_connection(std::shared_ptr<fake_context> ctx, boost::beast::tcp_stream stream,
                              boost::beast::http::request<boost::beast::http::string_body> request);

// True for the paths the gateway serves ("/" and "/resume", any query).
bool is_gateway_target(const std::string& target);

}  // namespace tb::fake_discord
