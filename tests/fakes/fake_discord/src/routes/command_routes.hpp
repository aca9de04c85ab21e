#pragma once
// Application commands: bulk overwrite (PUT) and list (GET), global and per guild.
#include "routes/route_call.hpp"

namespace tb::fake_discord {

rest_response put_global_commands(fake_context& ctx, const route_call& call);
rest_response get_global_commands(fake_context& ctx, const route_call& call);
rest_response put_guild_commands(fake_context& ctx, const route_call& call);
rest_response get_guild_commands(fake_context& ctx, const route_call& call);

}  // namespace tb::fake_discord
