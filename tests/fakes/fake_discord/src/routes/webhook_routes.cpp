#include "routes/webhook_routes.hpp"

#include <variant>

#include "rest/api_error.hpp"
#include "rest/message_validation.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

// The webhook named by the path, or the error answer for a bad id or token.
std::variant<webhook_config, rest_response> authenticate(fake_context& ctx, const route_call& call) {
  const auto hook = ctx.messages.webhook(call.param("webhook_id"));
  if (!hook) return api_error(404, 10015, "Unknown Webhook");
  if (hook->token != call.param("webhook_token")) return api_error(401, 50027, "Invalid Webhook Token");
  return *hook;
}

std::optional<json> own_message(fake_context& ctx, const webhook_config& hook, const std::string& message_id) {
  const auto owner = ctx.messages.owner(message_id);
  if (!owner || *owner != hook.id) return std::nullopt;
  return ctx.messages.get(message_id);
}

rest_response unknown_message() { return api_error(404, 10008, "Unknown Message"); }

}  // namespace

rest_response execute_webhook(fake_context& ctx, const route_call& call) {
  auto auth = authenticate(ctx, call);
  if (auto* error = std::get_if<rest_response>(&auth)) return *error;
  const auto& hook = std::get<webhook_config>(auth);
  if (auto error = validate_message(call.body, message_rules{})) return *error;
  new_message m;
  m.channel_id = hook.channel_id;
  m.body = call.body;
  m.via = message_source::webhook;
  const auto name = call.body.find("username");
  m.author = {{"id", hook.id},
              {"username", name != call.body.end() && name->is_string() ? name->get<std::string>() : "Fake Webhook"},
              {"discriminator", "0000"},
              {"avatar", nullptr},
              {"bot", true}};
  m.webhook_id = hook.id;
  const auto created = ctx.messages.create(m);
  if (!query_bool(call.request.query, "wait", false)) return no_content();
  return json_response(200, created.message);
}

rest_response get_webhook_message(fake_context& ctx, const route_call& call) {
  auto auth = authenticate(ctx, call);
  if (auto* error = std::get_if<rest_response>(&auth)) return *error;
  const auto msg = own_message(ctx, std::get<webhook_config>(auth), call.param("message_id"));
  return msg ? json_response(200, *msg) : unknown_message();
}

rest_response edit_webhook_message(fake_context& ctx, const route_call& call) {
  auto auth = authenticate(ctx, call);
  if (auto* error = std::get_if<rest_response>(&auth)) return *error;
  if (!own_message(ctx, std::get<webhook_config>(auth), call.param("message_id"))) return unknown_message();
  message_rules rules;
  rules.require_content = false;
  if (auto error = validate_message(call.body, rules)) return *error;
  const auto msg = ctx.messages.edit(call.param("message_id"), call.body);
  return msg ? json_response(200, *msg) : unknown_message();
}

rest_response delete_webhook_message(fake_context& ctx, const route_call& call) {
  auto auth = authenticate(ctx, call);
  if (auto* error = std::get_if<rest_response>(&auth)) return *error;
  if (!own_message(ctx, std::get<webhook_config>(auth), call.param("message_id"))) return unknown_message();
  ctx.messages.remove(call.param("message_id"));
  return no_content();
}

}  // namespace tb::fake_discord
