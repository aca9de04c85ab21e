#pragma once
// GET /gateway and GET /gateway/bot: the fake's own websocket URL and the session start limit.
#include "routes/route_call.hpp"

namespace tb::fake_discord {

rest_response get_gateway(fake_context& ctx, const route_call& call);
rest_response get_gateway_bot(fake_context& ctx, const route_call& call);

}  // namespace tb::fake_discord
