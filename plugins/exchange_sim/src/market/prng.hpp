// The random bits behind the synthetic market: splitmix64 to derive seeds from keys, and
// xoshiro256** as the stream generator. Both are tiny, fast and fully specified, so a path
// is bit-identical on every platform that has IEEE doubles.
#pragma once

#include <cstdint>
#include <string_view>

namespace tb::exchange_sim {

// One step of splitmix64 (Steele, Lea, Flood 2014): advances `state`, returns a mixed word.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A well-mixed key for (a, b); used to give every (symbol, hour, stream) its own generator.
constexpr std::uint64_t mix_key(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t state = a ^ (b * 0xD1B54A32D192ED03ULL);
  splitmix64(state);
  return splitmix64(state);
}

// FNV-1a of a name; combined with the global seed it makes the symbol's seed.
constexpr std::uint64_t hash_name(std::string_view name) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

// xoshiro256** 1.0 (Blackman, Vigna 2018), seeded through splitmix64 as its authors advise.
class xoshiro256ss {
 public:
  explicit constexpr xoshiro256ss(std::uint64_t seed) noexcept {
    for (auto& word : s_) word = splitmix64(seed);
  }

  constexpr std::uint64_t operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  constexpr double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }

  std::uint64_t s_[4]{};
};

}  // namespace tb::exchange_sim
