#include "api/query_string.hpp"

#include <algorithm>
#include <stdexcept>

namespace tb::host {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        throw std::invalid_argument("malformed query string: '" + std::string(text.substr(i, 3)) +
                                    "' is not a percent-escape (% and two hex digits)");
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  return std::string(text.substr(0, max)) + "...";
}

std::vector<query_param> parse_query(std::string_view query) {
  std::vector<query_param> params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    query_param p;
    p.name = percent_decode(piece.substr(0, eq));
    if (eq != std::string_view::npos) p.value = percent_decode(piece.substr(eq + 1));
    params.push_back(std::move(p));
  }
  return params;
}

void check_query_names(const std::vector<query_param>& params,
                       const std::vector<std::string_view>& allowed, std::string_view route) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string& name = params[i].name;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string known;
      for (const auto a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      throw std::invalid_argument(
          "unknown query parameter '" + excerpt(name) + "' on " + std::string(route) +
          (known.empty() ? " (it takes none)" : " (it takes " + known + ")"));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (params[j].name == name) {
        throw std::invalid_argument("query parameter '" + name + "' is given more than once");
      }
    }
  }
}

}  // namespace tb::host
