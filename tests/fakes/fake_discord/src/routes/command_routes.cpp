#include "routes/command_routes.hpp"

#include <algorithm>

#include "rest/api_error.hpp"
#include "rest/command_validation.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

namespace {

// The bot may only manage its own application, and guild commands only in guilds it is in.
std::optional<rest_response> check_scope(fake_context& ctx, const route_call& call, bool guild) {
  if (call.param("application_id") != ctx.options.application_id) return api_error(403, 50001, "Missing Access");
  if (guild) {
    const auto& g = ctx.options.guilds;
    if (std::find(g.begin(), g.end(), call.param("guild_id")) == g.end()) return api_error(403, 50001, "Missing Access");
  }
  return std::nullopt;
}

rest_response put_commands(fake_context& ctx, const route_call& call, const std::string& guild_id) {
  if (auto error = validate_command_array(call.body)) return *error;
  return json_response(200, ctx.commands.overwrite(guild_id, call.body));
}

}  // namespace

rest_response put_global_commands(fake_context& ctx, const route_call& call) {
  if (auto error = check_scope(ctx, call, false)) return *error;
  return put_commands(ctx, call, "");
}

rest_response get_global_commands(fake_context& ctx, const route_call& call) {
  if (auto error = check_scope(ctx, call, false)) return *error;
  return json_response(200, ctx.commands.list(""));
}

rest_response put_guild_commands(fake_context& ctx, const route_call& call) {
  if (auto error = check_scope(ctx, call, true)) return *error;
  return put_commands(ctx, call, call.param("guild_id"));
}

rest_response get_guild_commands(fake_context& ctx, const route_call& call) {
  if (auto error = check_scope(ctx, call, true)) return *error;
  return json_response(200, ctx.commands.list(call.param("guild_id")));
}

}  // namespace tb::fake_discord
