#pragma once
// Interaction responses: the one initial callback within the interaction window, then the
// interaction webhook (application id + interaction token) for @original and follow-ups until
// the follow-up window ends.
#include "routes/route_call.hpp"

namespace tb::fake_discord {

rest_response interaction_callback(fake_context& ctx, const route_call& call);
// POST /webhooks/{application_id}/{interaction_token}
rest_response create_followup(fake_context& ctx, const route_call& call);
// GET/PATCH/DELETE /webhooks/{application_id}/{interaction_token}/messages/{@original|id}
rest_response get_interaction_message(fake_context& ctx, const route_call& call);
rest_response edit_interaction_message(fake_context& ctx, const route_call& call);
rest_response delete_interaction_message(fake_context& ctx, const route_call& call);

}  // namespace tb::fake_discord
