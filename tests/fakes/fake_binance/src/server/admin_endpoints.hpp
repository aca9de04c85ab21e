#pragma once
// The test-control API under /_admin/ (not part of Binance): faults, clock skew, websocket
// drops, weight limits, the request log and order fills. Documented in the folder's README.md.
#include "server/exchange_context.hpp"
#include "server/rest_types.hpp"

namespace tb::fake {

rest_response handle_admin(exchange_context& ctx, const rest_request& r, const std::string& body);

}  // namespace tb::fake
