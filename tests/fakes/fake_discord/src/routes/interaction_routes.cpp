#include "routes/interaction_routes.hpp"

#include <algorithm>
#include <chrono>
#include <variant>

#include "gateway/gateway_payloads.hpp"
#include "rest/api_error.hpp"
#include "rest/message_validation.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

namespace callback_type {
constexpr int channel_message = 4;
constexpr int deferred_channel_message = 5;
constexpr int modal = 9;
}  // namespace callback_type

constexpr int chat_input_command_message = 20;

rest_response unknown_interaction() { return api_error(404, 10062, "Unknown interaction"); }
rest_response unknown_message() { return api_error(404, 10008, "Unknown Message"); }

message_rules reply_rules(bool require_content) {
  message_rules r;
  r.require_content = require_content;
  r.allowed_flags = message_flags::suppress_embeds | message_flags::ephemeral | message_flags::suppress_notifications |
                    message_flags::is_components_v2;
  return r;
}

std::int64_t flags_of(const json& data) {
  const auto f = data.find("flags");
  return f != data.end() && f->is_number_integer() ? f->get<std::int64_t>() : 0;
}

// The interaction behind an interaction-webhook path, while its token is still valid.
std::variant<interaction_record, rest_response> by_webhook_path(fake_context& ctx, const route_call& call) {
  const auto r = ctx.interactions.by_token(call.param("webhook_token"));
  if (!r) return api_error(401, 50027, "Invalid Webhook Token");
  const auto age = std::chrono::steady_clock::now() - r->created;
  if (age > std::chrono::milliseconds(ctx.options.followup_window_ms)) return api_error(401, 50027, "Invalid Webhook Token");
  // The interaction webhook only exists once the interaction has been acknowledged.
  if (r->callback_type == 0) return api_error(404, 10015, "Unknown Webhook");
  return *r;
}

// "@original" or a follow-up of this interaction; empty when the id is not one of its messages.
std::optional<std::string> resolve_message_id(const interaction_record& r, const std::string& id) {
  if (id == "@original") {
    if (r.original_message_id.empty()) return std::nullopt;
    return r.original_message_id;
  }
  if (id == r.original_message_id) return id;
  if (std::find(r.followup_ids.begin(), r.followup_ids.end(), id) != r.followup_ids.end()) return id;
  return std::nullopt;
}

new_message interaction_message(fake_context& ctx, const interaction_record& r, json body, int type) {
  new_message m;
  m.channel_id = r.channel_id;
  m.body = std::move(body);
  m.body.erase("nonce");
  m.via = message_source::interaction;
  m.author = bot_user(ctx.options);
  m.type = type;
  m.webhook_id = ctx.options.application_id;
  m.application_id = ctx.options.application_id;
  return m;
}

std::optional<rest_response> validate_callback(const json& body) {
  form_errors errors;
  if (!body.is_object() || !body.contains("type") || !body["type"].is_number_integer()) {
    errors.add({"type"}, "BASE_TYPE_REQUIRED", "This field is required");
    return errors.response();
  }
  const int type = body["type"].get<int>();
  const json data = body.contains("data") && !body["data"].is_null() ? body["data"] : json::object();
  switch (type) {
    case callback_type::channel_message:
      return validate_message(data, reply_rules(true));
    case callback_type::deferred_channel_message:
      if ((flags_of(data) & ~message_flags::ephemeral) != 0) {
        errors.add({"data", "flags"}, "MESSAGE_FLAGS_INVALID", "Only EPHEMERAL may be set on a deferred response.");
        return errors.response();
      }
      return std::nullopt;
    case callback_type::modal:
      return std::nullopt;
    default:
      errors.add({"type"}, "INTERACTION_RESPONSE_TYPE_INVALID",
                 "This response type is not valid for an application command interaction.");
      return errors.response();
  }
}

}  // namespace

rest_response interaction_callback(fake_context& ctx, const route_call& call) {
  const auto& id = call.param("interaction_id");
  const auto& token = call.param("interaction_token");
  const auto window = std::chrono::milliseconds(ctx.options.interaction_window_ms);
  // Cheap checks first so an already-answered interaction reports 40060 whatever the body.
  const auto existing = ctx.interactions.by_id(id);
  if (!existing || existing->token != token) return unknown_interaction();
  if (existing->callback_type != 0)
    return api_error(400, 40060, "Interaction has already been acknowledged.");
  if (auto error = validate_callback(call.body)) return *error;
  const int type = call.body["type"].get<int>();
  switch (ctx.interactions.claim_callback(id, token, type, window)) {
    case callback_claim::claimed: break;
    case callback_claim::already_acknowledged: return api_error(400, 40060, "Interaction has already been acknowledged.");
    case callback_claim::unknown:
    case callback_claim::expired: return unknown_interaction();
  }
  const json data = call.body.contains("data") && call.body["data"].is_object() ? call.body["data"] : json::object();
  std::optional<json> message;
  bool loading = false;
  if (type == callback_type::channel_message) {
    message = ctx.messages.create(interaction_message(ctx, *existing, data, chat_input_command_message)).message;
  } else if (type == callback_type::deferred_channel_message) {
    auto m = interaction_message(ctx, *existing, json{{"content", ""}}, chat_input_command_message);
    m.extra_flags = message_flags::loading | (flags_of(data) & message_flags::ephemeral);
    message = ctx.messages.create(m).message;
    loading = true;
  }
  if (message) ctx.interactions.set_original(id, (*message)["id"].get<std::string>(), loading);
  if (!query_bool(call.request.query, "with_response", false)) return no_content();
  json interaction{{"id", id}, {"type", 2}};
  json resource{{"type", type}};
  if (message) {
    interaction["response_message_id"] = (*message)["id"];
    interaction["response_message_loading"] = loading;
    interaction["response_message_ephemeral"] = ((*message)["flags"].get<std::int64_t>() & message_flags::ephemeral) != 0;
    resource["message"] = *message;
  }
  return json_response(200, {{"interaction", interaction}, {"resource", resource}});
}

rest_response create_followup(fake_context& ctx, const route_call& call) {
  auto found = by_webhook_path(ctx, call);
  if (auto* error = std::get_if<rest_response>(&found)) return *error;
  const auto& r = std::get<interaction_record>(found);
  if (auto error = validate_message(call.body, reply_rules(true))) return *error;
  // Right after a deferred response, the first follow-up fills in the loading message.
  if (r.loading && !r.original_message_id.empty()) {
    const auto msg = ctx.messages.edit(r.original_message_id, call.body);
    ctx.interactions.mark_filled(r.id);
    if (msg) return json_response(200, *msg);
  }
  const auto created = ctx.messages.create(interaction_message(ctx, r, call.body, 0)).message;
  ctx.interactions.add_followup(r.id, created["id"].get<std::string>());
  return json_response(200, created);
}

rest_response get_interaction_message(fake_context& ctx, const route_call& call) {
  auto found = by_webhook_path(ctx, call);
  if (auto* error = std::get_if<rest_response>(&found)) return *error;
  const auto id = resolve_message_id(std::get<interaction_record>(found), call.param("message_id"));
  const auto msg = id ? ctx.messages.get(*id) : std::nullopt;
  return msg ? json_response(200, *msg) : unknown_message();
}

rest_response edit_interaction_message(fake_context& ctx, const route_call& call) {
  auto found = by_webhook_path(ctx, call);
  if (auto* error = std::get_if<rest_response>(&found)) return *error;
  const auto& r = std::get<interaction_record>(found);
  const auto id = resolve_message_id(r, call.param("message_id"));
  if (!id) return unknown_message();
  if (auto error = validate_message(call.body, reply_rules(false))) return *error;
  const auto msg = ctx.messages.edit(*id, call.body);
  if (!msg) return unknown_message();
  if (*id == r.original_message_id) ctx.interactions.mark_filled(r.id);
  return json_response(200, *msg);
}

rest_response delete_interaction_message(fake_context& ctx, const route_call& call) {
  auto found = by_webhook_path(ctx, call);
  if (auto* error = std::get_if<rest_response>(&found)) return *error;
  const auto id = resolve_message_id(std::get<interaction_record>(found), call.param("message_id"));
  if (!id || !ctx.messages.remove(*id)) return unknown_message();
  return no_content();
}

}  // namespace tb::fake_discord
