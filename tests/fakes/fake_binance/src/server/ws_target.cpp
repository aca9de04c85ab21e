#include "server/ws_target.hpp"

#include <cctype>

#include "util/params.hpp"

namespace tb::fake {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto pos = s.find(sep, start);
    const auto part = s.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    if (!part.empty()) out.push_back(part);
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  return out;
}

}  // namespace

std::string to_string(ws_route route) {
  switch (route) {
    case ws_route::market: return "market";
    case ws_route::public_: return "public";
    case ws_route::legacy: return "legacy";
    case ws_route::private_: return "private";
  }
  return "?";
}

std::optional<ws_target> parse_ws_target(const std::string& target) {
  const auto q = target.find('?');
  std::string path = target.substr(0, q);
  const params query(q == std::string::npos ? "" : target.substr(q + 1), "");
  ws_target t;
  if (path.rfind("/market/", 0) == 0) {
    t.route = ws_route::market;
    path.erase(0, 7);
  } else if (path.rfind("/public/", 0) == 0) {
    t.route = ws_route::public_;
    path.erase(0, 7);
  } else if (path.rfind("/private/", 0) == 0) {
    t.route = ws_route::private_;
    path.erase(0, 8);
  } else {
    t.route = ws_route::legacy;
  }
  if (path == "/stream") {
    t.combined = true;
    if (const auto s = query.get("streams")) t.streams = split(*s, '/');
  } else if (path == "/ws" || path.rfind("/ws/", 0) == 0) {
    t.streams = split(path.substr(3), '/');
  } else {
    return std::nullopt;
  }
  if (t.route == ws_route::private_) {
    t.listen_keys = t.streams;
    t.streams.clear();
    if (const auto k = query.get("listenKey")) t.listen_keys.push_back(*k);
  }
  return t;
}

std::optional<kline_stream> parse_kline_stream(const std::string& stream) {
  const auto at = stream.find("@kline_");
  if (at == std::string::npos || at == 0) return std::nullopt;
  kline_stream k;
  for (char c : stream.substr(0, at)) k.symbol.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  k.interval = stream.substr(at + 7);
  return k;
}

}  // namespace tb::fake
