#include "api/admin_router.hpp"

#include <exception>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "api/query_string.hpp"
#include "api/trades_query.hpp"
#include "core/metrics_registry.hpp"

namespace tb::host {

namespace {

constexpr std::string_view other_route = "other";
constexpr std::string_view prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

// Invalid UTF-8 in a backend's strings (a symbol, an exchange message) must not turn a
// status page into a 500, so it is replaced rather than thrown on.
admin_reply json_reply(unsigned status, const nlohmann::json& body) {
  admin_reply reply;
  reply.status = status;
  reply.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return reply;
}

// {"error": message} with `status`.
admin_reply json_error(unsigned status, std::string_view message) {
  return json_reply(status, nlohmann::json{{"error", message}});
}

enum class route_method { get, post };

}  // namespace

struct admin_router::route {
  std::string_view path;
  route_method method;
  bool needs_token;
  bool takes_trades_query;  // every other route takes no query parameter
  admin_reply (*call)(admin_backend& backend, const trades_query& query);
};

namespace {

using route_call = admin_reply (*)(admin_backend&, const trades_query&);

constexpr route_call health = [](admin_backend&, const trades_query&) {
  return json_reply(200, {{"status", "ok"}});
};
constexpr route_call readiness = [](admin_backend& backend, const trades_query&) {
  std::string why;
  if (backend.ready(why)) return json_reply(200, {{"ready", true}});
  return json_reply(503, {{"ready", false}, {"reason", why}});
};
constexpr route_call metrics_text = [](admin_backend& backend, const trades_query&) {
  admin_reply reply;
  reply.content_type = prometheus_content_type;
  reply.body = backend.metrics_text();
  return reply;
};

}  // namespace

const admin_router::route* admin_router::find_route(std::string_view path) {
  using g = admin_backend;
  static const route routes[] = {
      {"/healthz", route_method::get, false, false, health},
      {"/readyz", route_method::get, false, false, readiness},
      {"/metrics", route_method::get, true, false, metrics_text},
      {"/api/status", route_method::get, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.status()); }},
      {"/api/stats", route_method::get, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.stats()); }},
      {"/api/positions", route_method::get, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.positions()); }},
      {"/api/trades", route_method::get, true, true,
       [](g& b, const trades_query& q) { return json_reply(200, b.trades(q.limit, q.since_ms)); }},
      {"/api/signals", route_method::get, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.signals()); }},
      {"/api/pause", route_method::post, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.pause()); }},
      {"/api/resume", route_method::post, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.resume()); }},
      {"/api/reload", route_method::post, true, false,
       [](g& b, const trades_query&) { return json_reply(200, b.reload()); }},
  };
  for (const auto& r : routes) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

admin_router::admin_router(admin_backend& backend, bearer_token token,
                           std::shared_ptr<spdlog::logger> log, metrics_registry* metrics)
    : backend_(backend), token_(token), log_(std::move(log)), metrics_(metrics) {}

admin_reply admin_router::handle(const admin_request& request) {
  const auto question = request.target.find('?');
  const std::string_view path = request.target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : request.target.substr(question + 1);
  const route* r = find_route(path);
  if (r == nullptr) {
    auto reply = json_error(404, "no route for '" + excerpt(path) + "'");
    finish(other_route, request, path, reply);
    return reply;
  }
  auto reply = answer(*r, request, query);
  finish(r->path, request, path, reply);
  return reply;
}

admin_reply admin_router::answer(const route& r, const admin_request& request,
                                 std::string_view query) {
  if (r.needs_token) {
    const token_verdict verdict = token_.check(request.authorization);
    if (verdict != token_verdict::accepted) {
      // Never log the header's value: a wrong token is often a real one with a typo.
      log_->warn("admin API: refused {} {} from {}: {}", excerpt(request.method), r.path,
                 request.peer, describe(verdict));
      auto reply = json_error(401, std::string("unauthorized: ") + describe(verdict));
      reply.headers.emplace_back("WWW-Authenticate", "Bearer");
      return reply;
    }
  }
  const bool is_get = request.method == "GET" || request.method == "HEAD";
  if (r.method == route_method::get ? !is_get : request.method != "POST") {
    const std::string allowed = r.method == route_method::get ? "GET, HEAD" : "POST";
    auto reply = json_error(405, "method " + excerpt(request.method) + " is not allowed on " +
                                     std::string(r.path) + "; use " + allowed);
    reply.headers.emplace_back("Allow", allowed);
    return reply;
  }
  trades_query trades;
  try {
    const auto params = parse_query(query);
    if (r.takes_trades_query) {
      trades = read_trades_query(params);
    } else {
      check_query_names(params, {}, r.path);
    }
  } catch (const std::invalid_argument& e) {
    return json_error(400, e.what());
  }
  try {
    return r.call(backend_, trades);
  } catch (const std::exception& e) {
    log_->error("admin API: {} {} from {} failed: {}", excerpt(request.method), r.path,
                request.peer, e.what());
    return json_error(500, e.what());
  } catch (...) {
    log_->error("admin API: {} {} from {} failed with a non-standard exception",
                excerpt(request.method), r.path, request.peer);
    return json_error(500, "unknown error (not a std::exception)");
  }
}

admin_reply admin_router::refuse(const admin_request& request, unsigned status,
                                 std::string_view why) {
  const std::string_view path = request.target.substr(0, request.target.find('?'));
  log_->warn("admin API: refused {} {} from {}: {}", excerpt(request.method),
             path.empty() ? "(unread request)" : excerpt(path), request.peer, why);
  auto reply = json_error(status, why);
  const route* r = find_route(path);
  finish(r != nullptr ? r->path : other_route, request, path, reply);
  return reply;
}

void admin_router::finish(std::string_view route_label, const admin_request& request,
                          std::string_view path, const admin_reply& reply) {
  log_->debug("admin API: {} {} from {}: {}", excerpt(request.method), excerpt(path), request.peer,
              reply.status);
  if (metrics_ == nullptr) return;
  const auto key = std::pair{route_label, reply.status};
  std::lock_guard lock(requests_mutex_);
  auto it = requests_.find(key);
  if (it == requests_.end()) {
    it = requests_
             .emplace(key, metrics_->register_counter("tb_api_requests_total",
                                                      "Admin API requests by route and status code",
                                                      {{"route", std::string(route_label)},
                                                       {"code", std::to_string(reply.status)}}))
             .first;
  }
  it->second.add();
}

}  // namespace tb::host
