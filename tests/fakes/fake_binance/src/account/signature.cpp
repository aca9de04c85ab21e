#include "account/signature.hpp"

#include <array>
#include <cctype>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace tb::fake {

std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(), &length);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2U);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4U]);
    out.push_back(hex[digest[i] & 0xFU]);
  }
  return out;
}

std::string strip_signature(std::string_view raw, std::string& signature) {
  std::string out;
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (pair.rfind("signature=", 0) == 0) {
      signature = std::string(pair.substr(10));
      continue;
    }
    if (!out.empty()) out.push_back('&');
    out.append(pair);
  }
  return out;
}

std::string signed_payload(std::string_view raw_query, std::string_view raw_body, std::string& signature) {
  return strip_signature(raw_query, signature) + strip_signature(raw_body, signature);
}

bool signature_matches(std::string_view secret, std::string_view payload, std::string_view signature) {
  const std::string expected = hmac_sha256_hex(secret, payload);
  if (signature.size() != expected.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(signature[i])) != expected[i]) return false;
  return true;
}

}  // namespace tb::fake
