#include "routes/api_router.hpp"

#include <functional>
#include <map>
#include <variant>
#include <vector>

#include "rest/api_error.hpp"
#include "rest/rate_limiter.hpp"
#include "routes/command_routes.hpp"
#include "routes/gateway_routes.hpp"
#include "routes/interaction_routes.hpp"
#include "routes/message_routes.hpp"
#include "routes/webhook_routes.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

enum class auth_kind {
  none,  // public, or the path carries its own credential (webhooks)
  bot,  // Authorization: Bot <token>
  interaction,  // path token; exempt from the global limit
};

enum class limit_kind { channel_messages, webhook_execute, other };

struct route {
  std::string method;
  std::vector<std::string> pattern;  // "{name}" segments capture
  auth_kind auth;
  limit_kind limit;
  std::vector<std::string> major;  // parameters forming the top-level id
  route_handler handler;
  // Extra condition on the captured parameters (interaction webhooks share webhook paths).
  std::function<bool(const fake_context&, const std::map<std::string, std::string>&)> when;
  std::string name() const {
    std::string out = method + " ";
    for (const auto& s : pattern) out += "/" + s;
    return out;
  }
};

bool is_interaction_webhook(const fake_context& ctx, const std::map<std::string, std::string>& p) {
  return p.at("{webhook_id}") == ctx.options.application_id;
}

const std::vector<route>& routes() {
  static const std::vector<route> table = [] {
    const auto interaction_hook = is_interaction_webhook;
    const std::vector<std::string> hook_major{"webhook_id", "webhook_token"};
    return std::vector<route>{
        {"GET", {"gateway"}, auth_kind::none, limit_kind::other, {}, get_gateway, {}},
        {"GET", {"gateway", "bot"}, auth_kind::bot, limit_kind::other, {}, get_gateway_bot, {}},
        {"POST", {"channels", "{channel_id}", "messages"}, auth_kind::bot, limit_kind::channel_messages, {"channel_id"},
         create_channel_message, {}},
        {"GET", {"channels", "{channel_id}", "messages", "{message_id}"}, auth_kind::bot, limit_kind::other,
         {"channel_id"}, get_channel_message, {}},
        {"PATCH", {"channels", "{channel_id}", "messages", "{message_id}"}, auth_kind::bot, limit_kind::other,
         {"channel_id"}, edit_channel_message, {}},
        {"DELETE", {"channels", "{channel_id}", "messages", "{message_id}"}, auth_kind::bot, limit_kind::other,
         {"channel_id"}, delete_channel_message, {}},
        {"POST", {"webhooks", "{webhook_id}", "{webhook_token}"}, auth_kind::interaction, limit_kind::other, hook_major,
         create_followup, interaction_hook},
        {"GET", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::interaction,
         limit_kind::other, hook_major, get_interaction_message, interaction_hook},
        {"PATCH", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::interaction,
         limit_kind::other, hook_major, edit_interaction_message, interaction_hook},
        {"DELETE", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::interaction,
         limit_kind::other, hook_major, delete_interaction_message, interaction_hook},
        {"POST", {"webhooks", "{webhook_id}", "{webhook_token}"}, auth_kind::none, limit_kind::webhook_execute,
         hook_major, execute_webhook, {}},
        {"GET", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::none,
         limit_kind::other, hook_major, get_webhook_message, {}},
        {"PATCH", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::none,
         limit_kind::other, hook_major, edit_webhook_message, {}},
        {"DELETE", {"webhooks", "{webhook_id}", "{webhook_token}", "messages", "{message_id}"}, auth_kind::none,
         limit_kind::other, hook_major, delete_webhook_message, {}},
        {"GET", {"applications", "{application_id}", "commands"}, auth_kind::bot, limit_kind::other,
         {"application_id"}, get_global_commands, {}},
        {"PUT", {"applications", "{application_id}", "commands"}, auth_kind::bot, limit_kind::other,
         {"application_id"}, put_global_commands, {}},
        {"GET", {"applications", "{application_id}", "guilds", "{guild_id}", "commands"}, auth_kind::bot,
         limit_kind::other, {"guild_id"}, get_guild_commands, {}},
        {"PUT", {"applications", "{application_id}", "guilds", "{guild_id}", "commands"}, auth_kind::bot,
         limit_kind::other, {"guild_id"}, put_guild_commands, {}},
        {"POST", {"interactions", "{interaction_id}", "{interaction_token}", "callback"}, auth_kind::interaction,
         limit_kind::other, {"interaction_id"}, interaction_callback, {}},
    };
  }();
  return table;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<std::map<std::string, std::string>> match(const route& r, const std::vector<std::string>& segments) {
  if (r.pattern.size() != segments.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (r.pattern[i].front() == '{') params[r.pattern[i]] = segments[i];
    else if (r.pattern[i] != segments[i]) return std::nullopt;
  }
  return params;
}

route_limit limit_for(const fake_context& ctx, const route& r, const std::map<std::string, std::string>& params) {
  route_limit l;
  l.route = r.name();
  for (const auto& m : r.major) l.major += params.at("{" + m + "}") + "/";
  switch (r.limit) {
    case limit_kind::channel_messages:
      l.limit = ctx.options.message_limit;
      l.window_ms = ctx.options.message_window_ms;
      break;
    case limit_kind::webhook_execute:
      l.limit = ctx.options.webhook_limit;
      l.window_ms = ctx.options.webhook_window_ms;
      break;
    case limit_kind::other:
      l.limit = ctx.options.route_limit;
      l.window_ms = ctx.options.route_window_ms;
      break;
  }
  return l;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The body of a POST/PUT/PATCH as JSON, or the error answer (content type, invalid JSON).
std::variant<json, rest_response> parse_body(const rest_request& req) {
  if (req.method == "GET" || req.method == "DELETE") return json(nullptr);
  if (req.body.empty()) return req.method == "PUT" ? json(nullptr) : json::object();
  if (!starts_with(req.content_type, "application/json")) {
    form_errors errors;
    errors.add({}, "CONTENT_TYPE_INVALID", "Expected \"Content-Type\" header to be one of {'application/json'}.");
    return errors.response();
  }
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return api_error(400, 50109, "The request body contains invalid JSON.");
  return body;
}

}  // namespace

rest_response handle_api(fake_context& ctx, const rest_request& req) {
  auto segments = split_path(req.path);
  // segments[0] == "api"; without a version Discord uses v6, which this fake rejects like v3-5.
  if (segments.size() < 2 || segments[1] != "v10")
    return api_error(400, 50041, "Invalid API version provided (this fake serves v10 only)");
  // Policy: 400 rather than a Cloudflare-style 403, so the message reaches the test log.
  if (!starts_with(req.user_agent, "DiscordBot"))
    return api_error(400, 0, "User-Agent must start with \"DiscordBot\", e.g. \"DiscordBot (https://example, 1.0)\"");
  if (auto forced = ctx.faults.take()) return *forced;
  segments.erase(segments.begin(), segments.begin() + 2);

  const route* found = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  for (const auto& r : routes()) {
    auto p = match(r, segments);
    if (!p || (r.when && !r.when(ctx, *p))) continue;
    path_known = true;
    if (r.method != req.method) continue;
    found = &r;
    params = std::move(*p);
    break;
  }
  if (found == nullptr)
    return path_known ? api_error(405, 0, "405: Method Not Allowed") : api_error(404, 0, "404: Not Found");

  if (found->auth == auth_kind::bot && req.authorization != "Bot " + ctx.options.token) return unauthorized();
  if (found->auth != auth_kind::interaction) {
    const std::string key = req.authorization.empty() ? "peer:" + req.peer : "auth:" + req.authorization;
    if (const auto wait = ctx.limiter.take_global(key, ctx.options.global_limit))
      return too_many_requests(*wait, true, std::nullopt);
  }
  const auto decision = ctx.limiter.take_route(limit_for(ctx, *found, params));
  if (!decision.allowed)
    return too_many_requests(static_cast<double>(decision.state.reset_after_ms) / 1000.0, false, decision.state);

  auto body = parse_body(req);
  rest_response out;
  if (auto* error = std::get_if<rest_response>(&body)) {
    out = std::move(*error);
  } else {
    route_call call{req, {}, std::move(std::get<json>(body))};
    for (auto& [k, v] : params) call.params[k.substr(1, k.size() - 2)] = v;
    out = found->handler(ctx, call);
  }
  add_rate_limit_headers(out, decision.state);
  return out;
}

}  // namespace tb::fake_discord
