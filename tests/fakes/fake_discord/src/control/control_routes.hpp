#pragma once
// /_control/: the test-only API (no auth, JSON answers) that breaks the gateway on purpose,
// injects interactions, arms REST faults and exposes what the fake recorded.
#include "rest/rest_types.hpp"

namespace tb::fake_discord {

struct fake_context;

rest_response handle_control(fake_context& ctx, const rest_request& request);

}  // namespace tb::fake_discord
