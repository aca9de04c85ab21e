#pragma once
// SHA-256 (OpenSSL's) over bytes fed in pieces or all at once.
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace tb::host {

class sha256 {
 public:
  using digest = std::array<unsigned char, 32>;

  // Throws std::runtime_error when OpenSSL cannot start a digest.
  sha256();
  ~sha256();
  sha256(const sha256&) = delete;
  sha256& operator=(const sha256&) = delete;

  void add(const void* data, std::size_t size);
  // The digest of everything added; call once.
  digest finish();

  static digest of(std::string_view bytes);
  // 64 lower-case hex digits.
  static std::string hex(const digest& d);

 private:
  struct context;
  std::unique_ptr<context> context_;
};

}  // namespace tb::host
