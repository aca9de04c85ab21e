#include "plugin_net/endpoint.hpp"

namespace tb::net {

endpoint parse_endpoint(std::string_view url) {
  endpoint out;
  const std::size_t separator = url.find("://");
  const std::string_view scheme = url.substr(0, separator);
  out.tls = scheme == "https" || scheme == "wss";
  std::string_view rest = url.substr(separator + 3);
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) out.prefix = std::string(rest.substr(slash));
  while (!out.prefix.empty() && out.prefix.back() == '/') out.prefix.pop_back();
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  std::string_view host = authority;
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    out.port = std::string(authority.substr(colon + 1));
    host = authority.substr(0, colon);
  } else {
    out.port = out.tls ? "443" : "80";
  }
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
  out.host = std::string(host);
  return out;
}

std::string endpoint::host_header() const {
  const bool default_port = (tls && port == "443") || (!tls && port == "80");
  const std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return default_port ? name : name + ":" + port;
}

}  // namespace tb::net
