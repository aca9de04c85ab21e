#include "services/universe.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace tb::host {
namespace {

// A fixed-size char field of the ABI, up to its NUL (or its end when it has none).
template <std::size_t N>
std::string_view field(const char (&text)[N]) {
  return std::string_view(text, strnlen(text, N));
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::vector<std::string> select_universe(const std::vector<tb_symbol_info>& symbols,
                                         const universe_filter& filter) {
  std::vector<std::string> out;
  for (const auto& s : symbols) {
    const auto name = field(s.symbol);
    if (s.status != TB_SYMBOL_TRADING) continue;
    if (field(s.contract_type) != "PERPETUAL") continue;
    if (field(s.quote_asset) != filter.quote) continue;
    if (contains(filter.exclude, name)) continue;
    if (!filter.include.empty() && !contains(filter.include, name)) continue;
    out.emplace_back(name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tb::host
