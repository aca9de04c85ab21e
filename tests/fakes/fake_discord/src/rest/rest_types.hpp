#pragma once
// The transport-free shape of one REST exchange, so routes can be written and tested without
// Beast types.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/query_string.hpp"

namespace tb::fake_discord {

struct rest_request {
  std::string method;
  std::string path;  // without the query
  query_map query;
  std::string body;
  std::string authorization;
  std::string user_agent;
  std::string content_type;
  std::string peer;
};

struct rest_response {
  int status = 200;
  std::optional<nlohmann::json> body;  // empty: no body (204)
  std::vector<std::pair<std::string, std::string>> headers;
};

inline rest_response json_response(int status, nlohmann::json body) { return {status, std::move(body), {}}; }
inline rest_response no_content() { return {204, std::nullopt, {}}; }

}  // namespace tb::fake_discord
