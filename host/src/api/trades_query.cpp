#include "api/trades_query.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

namespace tb::host {

namespace {

// Plain decimal digits only: from_chars alone would accept a leading '-' for a signed type.
std::optional<std::int64_t> whole_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return {};
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return {};
  return value;
}

}  // namespace

trades_query read_trades_query(const std::vector<query_param>& params) {
  check_query_names(params, {"limit", "since"}, "/api/trades");
  trades_query query;
  for (const auto& p : params) {
    const auto number = whole_number(p.value);
    if (p.name == "limit") {
      if (!number || *number < 1 || *number > static_cast<std::int64_t>(trades_query::max_limit)) {
        throw std::invalid_argument("query parameter 'limit' must be a whole number from 1 to " +
                                    std::to_string(trades_query::max_limit) + ", got '" +
                                    excerpt(p.value) + "'");
      }
      query.limit = static_cast<std::size_t>(*number);
    } else {
      if (!number) {
        throw std::invalid_argument(
            "query parameter 'since' must be a time in epoch milliseconds (a whole number >= 0), "
            "got '" +
            excerpt(p.value) + "'");
      }
      query.since_ms = *number;
    }
  }
  return query;
}

}  // namespace tb::host
