#pragma once
// The query string of an admin API request, split and percent-decoded. Boost 1.74 has no
// Boost.URL, and the admin routes need no more than this.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tb::host {

struct query_param {
  std::string name;
  std::string value;  // "" for a bare name ("?limit")
};

// Splits `query` (what follows the '?', without it) at '&' into name=value pairs, in order,
// percent-decoding both and reading '+' as a space. Empty pieces ("a=1&&b=2") are skipped.
// Throws std::invalid_argument for a '%' not followed by two hex digits, quoting it.
std::vector<query_param> parse_query(std::string_view query);

// `text` as a reply may quote it: at most `max` bytes, then "...". Requests are the client's
// words, so an echo of them stays short.
std::string excerpt(std::string_view text, std::size_t max = 64);

// Throws std::invalid_argument naming the first parameter whose name is not in `allowed`
// (`route` says where, e.g. "/api/status"), or the first one given twice.
void check_query_names(const std::vector<query_param>& params,
                       const std::vector<std::string_view>& allowed, std::string_view route);

}  // namespace tb::host
