#include "control/control_routes.hpp"

#include <cstdio>
#include <random>
#include <stdexcept>

#include "control/interaction_injection.hpp"
#include "server/fake_context.hpp"
#include "util/time_format.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

rest_response control_error(int status, const std::string& message) { return json_response(status, {{"error", message}}); }

std::int64_t int_param(const rest_request& r, const std::string& key, std::int64_t fallback) {
  const auto it = r.query.find(key);
  if (it == r.query.end()) return fallback;
  std::size_t used = 0;
  const auto n = std::stoll(it->second, &used);
  if (used != it->second.size()) throw std::invalid_argument(key + " must be an integer");
  return n;
}

double double_param(const rest_request& r, const std::string& key, double fallback) {
  const auto it = r.query.find(key);
  return it == r.query.end() ? fallback : std::stod(it->second);
}

bool bool_param(const rest_request& r, const std::string& key, bool fallback) {
  const auto it = r.query.find(key);
  if (it == r.query.end()) return fallback;
  const auto b = parse_bool(it->second);
  if (!b) throw std::invalid_argument(key + " must be true or false");
  return *b;
}

std::string interaction_token() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out = "fake-interaction-token-";
  char buf[17];
  for (int i = 0; i < 3; ++i) {
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    out += buf;
  }
  return out;
}

rest_response inject_interaction(fake_context& ctx, const rest_request& r) {
  const json body = json::parse(r.body.empty() ? "{}" : r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return control_error(400, "body must be a JSON object");
  if (!body.contains("command") || !body["command"].is_string()) return control_error(400, "\"command\" (a string) is required");
  const auto name = body["command"].get<std::string>();
  const auto guild = body.contains("guild_id") && body["guild_id"].is_string() ? body["guild_id"].get<std::string>() : "";
  const auto command = ctx.commands.find(name, guild);
  if (!command) return control_error(404, "no registered command named '" + name + "'");
  const auto id = ctx.ids.next();
  auto built = build_interaction(ctx.options, body, *command, id, interaction_token());
  if (auto* error = std::get_if<std::string>(&built)) return control_error(400, *error);
  auto& in = std::get<injected_interaction>(built);
  interaction_record rec;
  rec.id = in.id;
  rec.token = in.token;
  rec.command = name;
  rec.user_id = in.user_id;
  rec.channel_id = in.channel_id;
  rec.guild_id = in.guild_id;
  rec.created = std::chrono::steady_clock::now();
  rec.created_ms = wall_ms();
  // Recorded before the dispatch so a fast client's callback always finds it.
  ctx.interactions.add(rec);
  const auto seq = ctx.gateway->dispatch_current("INTERACTION_CREATE", in.payload);
  if (!seq) {
    ctx.interactions.remove(in.id);
    return control_error(409, "no gateway session (connected or resumable) to deliver to");
  }
  ctx.interactions.set_sequence(in.id, *seq);
  return json_response(200, {{"id", in.id}, {"token", in.token}, {"sequence", *seq}});
}

json interactions_json(fake_context& ctx) {
  auto out = json::array();
  for (const auto& r : ctx.interactions.all()) {
    auto followups = json::array();
    for (const auto& id : r.followup_ids)
      if (auto m = ctx.messages.get(id)) followups.push_back(*m);
    std::optional<json> original;
    if (!r.original_message_id.empty()) original = ctx.messages.get(r.original_message_id);
    out.push_back({{"id", r.id},
                   {"token", r.token},
                   {"command", r.command},
                   {"user_id", r.user_id},
                   {"channel_id", r.channel_id},
                   {"guild_id", r.guild_id.empty() ? json(nullptr) : json(r.guild_id)},
                   {"created", r.created_ms},
                   {"sequence", r.sequence},
                   {"callback_type", r.callback_type == 0 ? json(nullptr) : json(r.callback_type)},
                   {"callback_delay_ms", r.callback_delay_ms < 0 ? json(nullptr) : json(r.callback_delay_ms)},
                   {"loading", r.loading},
                   {"original", original ? *original : json(nullptr)},
                   {"followups", followups}});
  }
  return out;
}

rest_response route(fake_context& ctx, const rest_request& r) {
  const std::string path = r.path.substr(std::string("/_control").size());
  const bool get = r.method == "GET";
  const bool post = r.method == "POST";
  auto& hub = *ctx.gateway;
  if (post && path == "/gateway/drop") return json_response(200, {{"dropped", hub.drop_all()}});
  if (post && path == "/gateway/zombie") {
    const bool on = bool_param(r, "on", true);
    hub.set_zombie(on);
    return json_response(200, {{"zombie", on}});
  }
  if (post && path == "/gateway/reconnect") return json_response(200, {{"sent", hub.reconnect_all()}});
  if (post && path == "/gateway/invalid_session") {
    const bool resumable = bool_param(r, "resumable", false);
    return json_response(200, {{"sent", hub.invalid_session_all(resumable)}, {"resumable", resumable}});
  }
  if (post && path == "/gateway/close") {
    const auto code = int_param(r, "code", 4000);
    if (code < 1000 || code > 4999 || code == 1005 || code == 1006) return control_error(400, "code must be a sendable close code");
    return json_response(200, {{"closed", hub.close_all(static_cast<int>(code))}, {"code", code}});
  }
  if (post && path == "/gateway/refuse_resume") {
    const auto count = int_param(r, "count", 1);
    hub.refuse_resumes(count);
    return json_response(200, {{"refuse_resume", count}});
  }
  if (post && path == "/interactions") return inject_interaction(ctx, r);
  if (post && path == "/rest/fail") {
    const auto count = int_param(r, "count", 1);
    const auto status = int_param(r, "status", 500);
    if (status < 400 || status > 599) return control_error(400, "status must be 400-599");
    ctx.faults.fail_next(count, static_cast<int>(status));
    return json_response(200, {{"count", count}, {"status", status}});
  }
  if (post && path == "/rest/slow") {
    const auto ms = int_param(r, "ms", 0);
    ctx.faults.set_delay_ms(std::max<std::int64_t>(0, ms));
    return json_response(200, {{"ms", std::max<std::int64_t>(0, ms)}});
  }
  if (post && path == "/rest/rate_limit") {
    const auto count = int_param(r, "count", 1);
    const auto retry_after = double_param(r, "retry_after", 0.3);
    const bool global = bool_param(r, "global", false);
    ctx.faults.rate_limit_next(count, retry_after, global);
    return json_response(200, {{"count", count}, {"retry_after", retry_after}, {"global", global}});
  }
  if (get && path == "/messages") {
    const auto it = r.query.find("channel_id");
    return json_response(200, ctx.messages.to_json(it == r.query.end() ? "" : it->second));
  }
  if (get && path == "/requests") return json_response(200, ctx.requests.to_json());
  if (get && path == "/interactions") return json_response(200, interactions_json(ctx));
  if (get && path == "/gateway") return json_response(200, hub.stats());
  if (get && path == "/commands") return json_response(200, ctx.commands.to_json());
  return control_error(404, "no control endpoint " + r.method + " " + r.path);
}

}  // namespace

rest_response handle_control(fake_context& ctx, const rest_request& r) {
  try {
    return route(ctx, r);
  } catch (const std::exception& e) {
    return control_error(400, std::string("bad parameter: ") + e.what());
  }
}

}  // namespace tb::fake_discord
