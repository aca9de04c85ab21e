#pragma once
// Request parameters as Binance reads them: from the query string and a form body, the query
// string winning when a name appears in both. The raw strings are kept for signature checks.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tb::fake {

std::string percent_decode(std::string_view text);

class params {
 public:
  params() = default;
  params(std::string raw_query, std::string raw_body);

  std::optional<std::string> get(const std::string& name) const;
  bool has(const std::string& name) const { return values_.contains(name); }
  const std::string& raw_query() const { return raw_query_; }
  const std::string& raw_body() const { return raw_body_; }
  // Names given more than once within the same part (Binance answers -1101).
  const std::string& duplicated() const { return duplicated_; }

 private:
  std::string raw_query_;
  std::string raw_body_;
  std::map<std::string, std::string> values_;
  std::string duplicated_;
};

}  // namespace tb::fake
