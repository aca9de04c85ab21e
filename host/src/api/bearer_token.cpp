#include "api/bearer_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

#include <boost/beast/core/string.hpp>

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
  expected_ = sha256(token);
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
  const digest presented = sha256(value.substr(start));
  return CRYPTO_memcmp(presented.data(), expected_.data(), expected_.size()) == 0
             ? token_verdict::accepted
             : token_verdict::wrong;
}

bearer_token::digest bearer_token::sha256(std::string_view text) {
  digest out{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != out.size()) {
    throw std::runtime_error("bearer token: SHA-256 failed in OpenSSL");
  }
  return out;
}

}  // namespace tb::host
