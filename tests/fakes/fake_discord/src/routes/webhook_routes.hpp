#pragma once
// Incoming webhooks: POST /webhooks/{id}/{token} (204, or 200 with ?wait=true) and
// GET/PATCH/DELETE /webhooks/{id}/{token}/messages/{message_id}. The path token is the
// credential: unknown webhook 404 10015, wrong token 401 50027.
#include "routes/route_call.hpp"

namespace tb::fake_discord {

rest_response execute_webhook(fake_context& ctx, const route_call& call);
rest_response get_webhook_message(fake_context& ctx, const route_call& call);
rest_response edit_webhook_message(fake_context& ctx, const route_call& call);
rest_response delete_webhook_message(fake_context& ctx, const route_call& call);

}  // namespace tb::fake_discord
