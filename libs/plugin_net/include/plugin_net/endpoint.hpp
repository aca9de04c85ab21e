// A parsed base URL (already validated by config/url.hpp): where to connect and whether TLS
// is used.
#pragma once

#include <string>
#include <string_view>

namespace tb::net {

struct endpoint {
  bool tls = true;
  std::string host;   // without [brackets] for IPv6
  std::string port;   // "443" when the URL has none
  std::string prefix; // path before the API paths, without a trailing '/'; usually empty

  // The value of the Host header ("fapi.binance.com", "127.0.0.1:40123").
  std::string host_header() const;
};

// `url` must have passed base_url_problem(); "https"/"wss" mean TLS.
endpoint parse_endpoint(std::string_view url);

}  // namespace tb::net
