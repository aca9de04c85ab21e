#pragma once
// Everything under /api/: the version check, the User-Agent policy, forced faults, route
// matching, bot authorization, the global and per-route rate limits, JSON body parsing and
// the X-RateLimit-* headers around the route handlers.
#include "rest/rest_types.hpp"

namespace tb::fake_discord {

struct fake_context;

rest_response handle_api(fake_context& ctx, const rest_request& request);

}  // namespace tb::fake_discord
