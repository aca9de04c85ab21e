#pragma once
// Bot channel messages: POST /channels/{id}/messages (with nonce de-duplication) and
// GET/PATCH/DELETE /channels/{id}/messages/{message_id}.
#include "routes/route_call.hpp"

namespace tb::fake_discord {

rest_response create_channel_message(fake_context& ctx, const route_call& call);
rest_response get_channel_message(fake_context& ctx, const route_call& call);
rest_response edit_channel_message(fake_context& ctx, const route_call& call);
rest_response delete_channel_message(fake_context& ctx, const route_call& call);

}  // namespace tb::fake_discord
