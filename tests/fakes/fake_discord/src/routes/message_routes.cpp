#include "routes/message_routes.hpp"

#include "gateway/gateway_payloads.hpp"
#include "rest/api_error.hpp"
#include "rest/message_validation.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

namespace {

rest_response unknown_channel() { return api_error(404, 10003, "Unknown Channel"); }
rest_response unknown_message() { return api_error(404, 10008, "Unknown Message"); }

// The message, when it exists, was sent by the bot and lives in the route's channel.
std::optional<nlohmann::json> bot_message(fake_context& ctx, const route_call& call) {
  const auto owner = ctx.messages.owner(call.param("message_id"));
  if (!owner || !owner->empty()) return std::nullopt;
  auto msg = ctx.messages.get(call.param("message_id"));
  if (!msg || (*msg)["channel_id"] != call.param("channel_id")) return std::nullopt;
  return msg;
}

}  // namespace

rest_response create_channel_message(fake_context& ctx, const route_call& call) {
  if (!ctx.messages.has_channel(call.param("channel_id"))) return unknown_channel();
  message_rules rules;
  rules.nonce_allowed = true;
  if (auto error = validate_message(call.body, rules)) return *error;
  new_message m;
  m.channel_id = call.param("channel_id");
  m.body = call.body;
  m.via = message_source::bot;
  m.author = bot_user(ctx.options);
  return json_response(200, ctx.messages.create(m).message);
}

rest_response get_channel_message(fake_context& ctx, const route_call& call) {
  if (!ctx.messages.has_channel(call.param("channel_id"))) return unknown_channel();
  const auto msg = bot_message(ctx, call);
  return msg ? json_response(200, *msg) : unknown_message();
}

rest_response edit_channel_message(fake_context& ctx, const route_call& call) {
  if (!ctx.messages.has_channel(call.param("channel_id"))) return unknown_channel();
  if (!bot_message(ctx, call)) return unknown_message();
  message_rules rules;
  rules.require_content = false;
  if (auto error = validate_message(call.body, rules)) return *error;
  const auto msg = ctx.messages.edit(call.param("message_id"), call.body);
  return msg ? json_response(200, *msg) : unknown_message();
}

rest_response delete_channel_message(fake_context& ctx, const route_call& call) {
  if (!ctx.messages.has_channel(call.param("channel_id"))) return unknown_channel();
  if (!bot_message(ctx, call)) return unknown_message();
  ctx.messages.remove(call.param("message_id"));
  return no_content();
}

}  // namespace tb::fake_discord
