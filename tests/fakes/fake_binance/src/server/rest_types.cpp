#include "server/rest_types.hpp"

#include <nlohmann/json.hpp>

namespace tb::fake {

rest_response json_response(int status, std::string body) {
  rest_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

rest_response error_response(int status, int code, const std::string& msg) {
  return json_response(status, nlohmann::json{{"code", code}, {"msg", msg}}.dump());
}

}  // namespace tb::fake
