#include "api/bearer_token.hpp"

#include <openssl/crypto.h>

#include <stdexcept>

#include <boost/beast/core/string.hpp>

#include "core/sha256.hpp"

namespace tb::host {

const char* describe(token_verdict verdict) noexcept {
  switch (verdict) {
    case token_verdict::accepted: return "token accepted";
    case token_verdict::missing: return "no Authorization header";
    case token_verdict::malformed: return "the Authorization header is not a Bearer token";
    case token_verdict::wrong: return "wrong bearer token";
  }
  return "unknown verdict";
}

bearer_token::bearer_token(std::string_view token) {
  if (token.empty()) throw std::invalid_argument("bearer token: the token is empty");
  expected_ = sha256::of(token);
}

token_verdict bearer_token::check(std::optional<std::string_view> authorization) const {
  if (!authorization) return token_verdict::missing;
  const std::string_view value = *authorization;
  const auto space = value.find(' ');
  // Beast's iequals folds ASCII case only, whatever the locale, as RFC 7235 wants.
  if (space == std::string_view::npos ||
      !boost::beast::iequals(boost::beast::string_view(value.data(), space), "Bearer")) {
    return token_verdict::malformed;
  }
  const auto start = value.find_first_not_of(' ', space);
  if (start == std::string_view::npos) return token_verdict::malformed;
  const sha256::digest presented = sha256::of(value.substr(start));
  return CRYPTO_memcmp(presented.data(), expected_.data(), expected_.size()) == 0
             ? token_verdict::accepted
             : token_verdict::wrong;
}

}  // namespace tb::host
