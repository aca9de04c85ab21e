#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace tb::host {

struct sha256::context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~context() { EVP_MD_CTX_free(md); }
};

sha256::sha256() : context_(std::make_unique<context>()) {
  if (context_->md == nullptr || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not start a SHA-256 digest");
  }
}

sha256::~sha256() = default;

void sha256::add(const void* data, std::size_t size) {
  if (EVP_DigestUpdate(context_->md, data, size) != 1) {
    throw std::runtime_error("OpenSSL's SHA-256 digest failed");
  }
}

sha256::digest sha256::finish() {
  digest out{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_->md, out.data(), &length) != 1 || length != out.size()) {
    throw std::runtime_error("OpenSSL's SHA-256 digest failed");
  }
  return out;
}

sha256::digest sha256::of(std::string_view bytes) {
  sha256 s;
  s.add(bytes.data(), bytes.size());
  return s.finish();
}

std::string sha256::hex(const digest& d) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * d.size());
  for (const unsigned char byte : d) {
    text += digits[byte >> 4];
    text += digits[byte & 0xf];
  }
  return text;
}

}  // namespace tb::host
