#include "routes/gateway_routes.hpp"

#include "gateway/gateway_payloads.hpp"
#include "server/fake_context.hpp"

namespace tb::fake_discord {

rest_response get_gateway(fake_context& ctx, const route_call&) {
  return json_response(200, {{"url", gateway_url(ctx.port)}});
}

rest_response get_gateway_bot(fake_context& ctx, const route_call&) {
  return json_response(200, {{"url", gateway_url(ctx.port)},
                             {"shards", 1},
                             {"session_start_limit", ctx.gateway->session_start_limit()}});
}

}  // namespace tb::fake_discord
