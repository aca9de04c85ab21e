#include "services/client_order_id.hpp"

#include <cstdint>
#include <stdexcept>

namespace tb::host {
namespace {

constexpr std::string_view prefix = "tb-";
constexpr std::size_t time_digits = 7;
constexpr std::size_t hash_digits = 6;
constexpr std::size_t key_length = time_digits + hash_digits;
constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// `width` base-36 digits of `value` (its low digits when it has more).
std::string base36(std::uint64_t value, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i-- > 0; value /= 36) out[i] = digits[value % 36];
  return out;
}

// FNV-1a, 64 bits: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ull) {
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool is_key(std::string_view key) {
  if (key.size() != key_length) return false;
  for (const char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

char letter(order_role role) {
  switch (role) {
    case order_role::entry: return 'e';
    case order_role::stop: return 's';
    case order_role::take_profit: return 't';
    case order_role::close: return 'c';
  }
  return '?';
}

std::optional<order_role> role_of(char c) {
  for (const order_role role :
       {order_role::entry, order_role::stop, order_role::take_profit, order_role::close}) {
    if (letter(role) == c) return role;
  }
  return std::nullopt;
}

}  // namespace

std::string intent_key(const trade_signal& signal) {
  // Fields separated by a byte no symbol or strategy name contains.
  const std::string identity = signal.strategy + '\x1f' + signal.symbol + '\x1f' +
                               std::to_string(signal.side) + '\x1f' +
                               std::to_string(signal.interval_s) + '\x1f' +
                               std::to_string(signal.time_ms);
  const auto seconds = static_cast<std::uint64_t>(signal.time_ms < 0 ? 0 : signal.time_ms / 1000);
  return base36(seconds, time_digits) + base36(fnv1a(identity), hash_digits);
}

std::string client_order_id(std::string_view key, order_role role, unsigned attempt) {
  if (!is_key(key)) {
    throw std::invalid_argument("client_order_id: intent key '" + std::string(key) +
                                "' is not 13 characters of 0-9 a-z");
  }
  if (attempt < 1 || attempt > 99) {
    throw std::invalid_argument("client_order_id: attempt " + std::to_string(attempt) +
                                " is outside 1..99");
  }
  return std::string(prefix) + std::string(key) + '-' + letter(role) + std::to_string(attempt);
}

std::optional<parsed_order_id> parse_client_order_id(std::string_view id) {
  // tb- + key + - + role + 1 or 2 digits, no leading zero.
  if (id.size() < prefix.size() + key_length + 3 || id.size() > prefix.size() + key_length + 4 ||
      id.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  const std::string_view key = id.substr(prefix.size(), key_length);
  std::string_view rest = id.substr(prefix.size() + key_length);
  const auto role = role_of(rest[1]);
  if (!is_key(key) || rest[0] != '-' || !role) return std::nullopt;
  const std::string_view number = rest.substr(2);
  if (number[0] == '0') return std::nullopt;
  unsigned attempt = 0;
  for (const char c : number) {
    if (c < '0' || c > '9') return std::nullopt;
    attempt = attempt * 10 + static_cast<unsigned>(c - '0');
  }
  return parsed_order_id{std::string(key), *role, attempt};
}

}  // namespace tb::host
