// Request signing for Binance's SIGNED endpoints: HMAC-SHA256 over the exact bytes sent,
// lower-case hex, appended as the last parameter. The secret never leaves this object.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tb::binance {

// Percent-encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view value);

// Ordered query parameters; encode() joins them as k=v&k=v with the values percent-encoded.
class query {
 public:
  query& add(std::string key, std::string value) {
    params_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  std::string encode() const;
  bool empty() const noexcept { return params_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// Lower-case hex HMAC-SHA256 of `message` with `key` (OpenSSL).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

class signer {
 public:
  signer() = default;
  explicit signer(std::string secret) : secret_(std::move(secret)) {}
  bool has_secret() const noexcept { return !secret_.empty(); }
  // `encoded` (query string and body joined, as sent) plus "&signature=<hex>".
  std::string sign(const std::string& encoded) const;

 private:
  std::string secret_;
};

}  // namespace tb::binance
