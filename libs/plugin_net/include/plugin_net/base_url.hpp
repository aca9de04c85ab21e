// Checks on the base URLs the plugin is configured with.
#pragma once

#include <initializer_list>
#include <string_view>

namespace tb::net {

// A base URL of the form scheme://host[:port][/path], with `scheme` one of `schemes`: no
// credentials, query, fragment or whitespace; the host a DNS name, IPv4 or [IPv6] address;
// the port 1-65535. Empty when well-formed, otherwise what is wrong with it.
std::string_view base_url_problem(std::string_view url,
                                  std::initializer_list<std::string_view> schemes);

}  // namespace tb::net
