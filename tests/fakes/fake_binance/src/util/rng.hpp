#pragma once
// Counter-based randomness: every value is a pure function of (seed, keys), so the market is
// reproducible from its seed whatever order clients ask for data in.
#include <cmath>
#include <cstdint>
#include <string_view>

namespace tb::fake {

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) { return splitmix64(a ^ splitmix64(b)); }

constexpr std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return h;
}

// Uniform in (0, 1).
inline double unit(std::uint64_t h) {
  return (static_cast<double>(h >> 11U) + 0.5) * (1.0 / 9007199254740992.0);
}

// Standard normal (Box-Muller over two derived uniforms).
inline double normal(std::uint64_t h) {
  const double u1 = unit(splitmix64(h));
  const double u2 = unit(splitmix64(h ^ 0x5851F42D4C957F2DULL));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// A small sequential generator for start-up choices (symbol filters, fault rolls).
class rng {
 public:
  explicit rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64(state_++); }
  double uniform() { return unit(next()); }

 private:
  std::uint64_t state_;
};

}  // namespace tb::fake
