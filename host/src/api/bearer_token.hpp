#pragma once
// The admin API's bearer-token check (RFC 6750 "Authorization: Bearer <token>").
//
// Only the SHA-256 digest of the expected token is kept; a presented token is hashed too and
// the two digests are compared with CRYPTO_memcmp, so the comparison's timing reveals
// neither the expected token's content nor its length.
#include <optional>
#include <string_view>

#include "core/sha256.hpp"

namespace tb::host {

enum class token_verdict {
  accepted,
  missing,    // no Authorization header
  malformed,  // an Authorization header that is not "Bearer <token>"
  wrong,      // a bearer token, but not ours
};

// For logs and replies: "no Authorization header", ... Never contains a token.
const char* describe(token_verdict verdict) noexcept;

class bearer_token {
 public:
  // Throws std::invalid_argument when `token` is empty: an empty token would let anyone in.
  explicit bearer_token(std::string_view token);

  // `authorization`: the Authorization header's value, nullopt when the request has none.
  // The scheme is matched without regard to case, as RFC 7235 asks.
  token_verdict check(std::optional<std::string_view> authorization) const;

 private:
  sha256::digest expected_;
};

}  // namespace tb::host
