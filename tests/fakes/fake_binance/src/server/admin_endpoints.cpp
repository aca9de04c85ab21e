#include "server/admin_endpoints.hpp"

#include <nlohmann/json.hpp>

#include "server/ws_hub.hpp"

namespace tb::fake {
namespace {

using nlohmann::json;

rest_response ok(json body = json{{"ok", true}}) { return json_response(200, body.dump()); }
rest_response bad(const std::string& msg) { return json_response(400, json{{"error", msg}}.dump()); }

rest_response add_fault(exchange_context& ctx, const json& b) {
  const auto kind = parse_fault_kind(b.value("type", std::string{}));
  if (!kind) return bad("'type' must be one of error, timeout, reset, malformed");
  fault_rule rule;
  rule.kind = *kind;
  rule.rate = b.value("rate", 0.0);
  rule.count = b.value("count", std::int64_t{0});
  rule.path = b.value("path", std::string{});
  rule.status = b.value("status", 503);
  rule.hold_ms = b.value("holdMs", std::int64_t{30000});
  if (rule.count <= 0 && rule.rate <= 0) return bad("give 'count' > 0 or 'rate' in (0, 1]");
  ctx.faults.add(rule);
  return ok();
}

json faults_json(exchange_context& ctx) {
  json rules = json::array();
  for (const auto& f : ctx.faults.rules())
    rules.push_back({{"type", to_string(f.kind)}, {"rate", f.rate}, {"count", f.count},
                     {"path", f.path}, {"status", f.status}, {"holdMs", f.hold_ms}});
  return {{"latencyMs", ctx.faults.latency_ms()}, {"rules", rules}};
}

}  // namespace

rest_response handle_admin(exchange_context& ctx, const rest_request& r, const std::string& body) {
  json b = json::object();
  if (!body.empty()) {
    b = json::parse(body, nullptr, false);
    if (b.is_discarded() || !b.is_object()) return bad("the body must be a JSON object");
  }
  const auto& p = r.path;
  const auto& m = r.method;
  try {
    if (p == "/_admin/requests" && m == "GET") return ok(ctx.requests.to_json());
    if (p == "/_admin/requests" && m == "DELETE") {
      ctx.requests.clear();
      return ok();
    }
    if (p == "/_admin/faults" && m == "POST") return add_fault(ctx, b);
    if (p == "/_admin/faults" && m == "GET") return ok(faults_json(ctx));
    if (p == "/_admin/latency" && m == "POST") {
      ctx.faults.set_latency_ms(b.value("ms", std::int64_t{0}));
      return ok();
    }
    if (p == "/_admin/clock" && m == "POST") {
      ctx.clock.set_skew_ms(b.value("skewMs", std::int64_t{0}));
      return ok();
    }
    if (p == "/_admin/clock" && m == "GET")
      return ok({{"serverTime", ctx.clock.now_ms()}, {"skewMs", ctx.clock.skew_ms()}, {"speed", ctx.clock.speed()}});
    if (p == "/_admin/weight" && m == "POST") {
      if (b.contains("limit")) ctx.weights.set_limit(b.at("limit").get<std::int64_t>());
      if (b.value("clear", false)) ctx.weights.reset();
      return ok({{"limit", ctx.weights.limit()}});
    }
    if (p == "/_admin/ws" && m == "GET") return ok(ctx.hub->to_json());
    if (p == "/_admin/ws/drop" && m == "POST") {
      const auto refuse_ms = b.value("refuseMs", std::int64_t{0});
      const auto until = refuse_ms > 0 ? std::chrono::steady_clock::now() + std::chrono::milliseconds(refuse_ms)
                                       : std::chrono::steady_clock::time_point{};
      return ok({{"dropped", ctx.hub->drop(b.value("route", std::string{}), until)}});
    }
    if (p == "/_admin/orders/lose-response" && m == "POST") {
      ctx.faults.arm_lost_order_responses(b.value("count", std::int64_t{1}));
      return ok();
    }
    if (p == "/_admin/orders/fill" && m == "POST") {
      for (const char* field : {"symbol", "clientOrderId", "quantity"})
        if (!b.contains(field) || !b.at(field).is_string()) return bad(std::string("give '") + field + "' as a string");
      return ctx.fill_order(b.at("symbol").get<std::string>(), b.at("clientOrderId").get<std::string>(),
                            b.at("quantity").get<std::string>());
    }
    if (p == "/_admin/orders/hold-limits" && m == "POST") {
      if (!b.contains("hold") || !b.at("hold").is_boolean()) return bad("give 'hold' as true or false");
      ctx.hold_limits(b.at("hold").get<bool>());
      return ok({{"hold", b.at("hold").get<bool>()}});
    }
    if (p == "/_admin/listen-key/expire" && m == "POST") {
      if (ctx.expire_listen_key) ctx.expire_listen_key();
      return ok();
    }
    if (p == "/_admin/user-event" && m == "POST") {
      // Test hook: any text (a malformed or unknown event) on the private route.
      if (!b.contains("text") || !b.at("text").is_string()) return bad("give the event as a string in 'text'");
      const std::string key = ctx.active_listen_key ? ctx.active_listen_key() : std::string{};
      if (key.empty()) return bad("no active listen key");
      ctx.hub->broadcast_user(key, b.at("text").get<std::string>());
      return ok();
    }
    if (p == "/_admin/reset" && m == "POST") {
      ctx.faults.reset();
      ctx.clock.set_skew_ms(0);
      ctx.weights.set_limit(ctx.options.weight_limit);
      ctx.weights.reset();
      ctx.requests.clear();
      return ok();
    }
  } catch (const json::exception& e) {
    return bad(std::string("bad field type: ") + e.what());
  }
  return json_response(404, json{{"error", "no admin route " + m + " " + p}}.dump());
}

}  // namespace tb::fake
