// A signed client of the fake's account routes, shared by the account tests.
#pragma once

#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "account/signature.hpp"
#include "server_fixture.hpp"

namespace tb::fake::test {

class trader {
 public:
  explicit trader(running_server& s)
      : client_(s.client()), secret_(s.context().options.api_secret), key_(s.context().options.api_key) {}
  // A signed request: `params` plus the server's timestamp and the signature.
  http_reply send(const std::string& method, const std::string& path, std::string params) {
    const auto now = client_.get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
    params += std::string(params.empty() ? "" : "&") + "timestamp=" + std::to_string(now);
    params += "&signature=" + hmac_sha256_hex(secret_, params);
    return client_.request(method, path + "?" + params, "", {{"X-MBX-APIKEY", key_}});
  }
  std::string listen_key() {
    return client_.request("POST", "/fapi/v1/listenKey", "", {{"X-MBX-APIKEY", key_}}).json().at("listenKey");
  }
  http_reply admin(const std::string& path, const nlohmann::json& body) {
    return client_.request("POST", path, body.dump());
  }
  http_client& raw() { return client_; }

 private:
  http_client client_;
  std::string secret_;
  std::string key_;
};

}  // namespace tb::fake::test
