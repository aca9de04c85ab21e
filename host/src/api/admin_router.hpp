#pragma once
// The admin API's routes: which paths exist, which need the bearer token, which methods they
// take, their query parameters, the backend call behind each, and the JSON errors. Every
// reply is counted in tb_api_requests_total{route,code}, route being the route's path or
// "other", so the label's values stay few whatever clients send.
//
// Thread-safe: the server calls it from its workers, several requests at a time.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/logger.h>

#include "api/admin_backend.hpp"
#include "api/bearer_token.hpp"
#include "core/metric_handles.hpp"

namespace tb::host {

class metrics_registry;

// One request as read off the wire; views into the connection's buffers.
struct admin_request {
  std::string_view method;                        // as sent: "GET", "HEAD", "POST", ...
  std::string_view target;                        // path and query: "/api/trades?limit=5"
  std::optional<std::string_view> authorization;  // the header's value, when present
  std::string_view peer;                          // "127.0.0.1:50312", for logs
};

struct admin_reply {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Allow, WWW-Authenticate
};

class admin_router {
 public:
  // `metrics` may be null (nothing is counted); `log` must not be null.
  admin_router(admin_backend& backend, bearer_token token, std::shared_ptr<spdlog::logger> log,
               metrics_registry* metrics);

  // HEAD is routed as GET; the connection drops the body.
  admin_reply handle(const admin_request& request);

  // The reply to a request that could not be read whole: malformed, or a header or body over
  // its limit. Fields of `request` not read yet are empty. Logged and counted like the rest.
  admin_reply refuse(const admin_request& request, unsigned status, std::string_view why);

 private:
  struct route;
  static const route* find_route(std::string_view path);

  admin_reply answer(const route& r, const admin_request& request, std::string_view query);
  void finish(std::string_view route_label, const admin_request& request, std::string_view path,
              const admin_reply& reply);

  admin_backend& backend_;
  bearer_token token_;
  std::shared_ptr<spdlog::logger> log_;
  metrics_registry* metrics_;
  std::mutex requests_mutex_;
  std::map<std::pair<std::string_view, unsigned>, counter> requests_;  // by route, code
};

}  // namespace tb::host
