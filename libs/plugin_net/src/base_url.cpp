#include "plugin_net/base_url.hpp"

#include <cstddef>

namespace tb::net {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string_view host_problem(std::string_view host) {
  if (host.empty()) return "the host is empty";
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return "the IPv6 address is not in [brackets]";
    for (char c : host.substr(1, host.size() - 2)) {
      if (!(is_alnum(c) || c == ':' || c == '.')) return "the IPv6 address has a bad character";
    }
    return {};
  }
  if (host.front() == '.' || host.front() == '-' || host.back() == '.' || host.back() == '-') {
    return "the host starts or ends with '.' or '-'";
  }
  for (char c : host) {
    if (!(is_alnum(c) || c == '.' || c == '-')) {
      return "the host has a character other than a-z, 0-9, '.', '-'";
    }
  }
  return {};
}

std::string_view port_problem(std::string_view port) {
  if (port.empty() || port.size() > 5) return "the port is not 1 to 5 digits";
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return "the port is not a number";
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return "the port is not in 1-65535";
  return {};
}

}  // namespace

std::string_view base_url_problem(std::string_view url,
                                  std::initializer_list<std::string_view> schemes) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return "it contains whitespace or a control character";
    }
  }
  const std::size_t separator = url.find("://");
  if (separator == std::string_view::npos) return "it has no scheme (\"https://...\")";
  const std::string_view scheme = url.substr(0, separator);
  bool known = false;
  for (std::string_view allowed : schemes) known = known || scheme == allowed;
  if (!known) return "its scheme is not one of those allowed here";

  const std::string_view rest = url.substr(separator + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return "a base URL has no query or fragment";
  }
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) {
    return "credentials do not belong in the URL";
  }
  // The port follows the last ':' outside an [IPv6] address.
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    const std::string_view problem = port_problem(authority.substr(colon + 1));
    if (!problem.empty()) return problem;
    return host_problem(authority.substr(0, colon));
  }
  return host_problem(authority);
}

}  // namespace tb::net
