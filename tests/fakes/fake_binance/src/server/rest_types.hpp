#pragma once
// A REST exchange as the handlers see it, independent of the HTTP library.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/params.hpp"

namespace tb::fake {

struct rest_request {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // without the query string
  std::string peer;    // client IP
  std::string api_key; // X-MBX-APIKEY, empty when absent
  bool has_api_key = false;
  params p;
};

struct rest_response {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool lose_after_execution = false;  // the order ran; answer 503 "Unknown error" instead
};

rest_response json_response(int status, std::string body);
// Binance's error shape: {"code":-1121,"msg":"Invalid symbol."}
rest_response error_response(int status, int code, const std::string& msg);

}  // namespace tb::fake
