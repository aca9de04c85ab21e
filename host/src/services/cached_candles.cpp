#include "services/cached_candles.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "services/compact_candle.hpp"

namespace tb::host {
namespace {

struct header {
  std::uint32_t magic = 0;
  std::int32_t scale = 0;
  std::uint32_t compact = 0;  // compact records first
  std::uint32_t whole = 0;    // then whole tb_candles
};
constexpr std::uint32_t magic_v1 = 0x31434243;  // "CBC1"

bool closed(const tb_candle& c) { return (c.flags & TB_CANDLE_CLOSED) != 0; }

template <class T>
void append(std::string& out, const T* items, std::size_t count) {
  out.append(reinterpret_cast<const char*>(items), count * sizeof(T));
}

}  // namespace

std::string encode_cached_candles(const std::vector<tb_candle>& candles) {
  // The closed prefix is compacted; everything from the first open candle on stays whole.
  const auto first_open = std::find_if(candles.begin(), candles.end(),
                                       [](const tb_candle& c) { return !closed(c); });
  const bool ordered = std::all_of(first_open, candles.end(),
                                   [](const tb_candle& c) { return !closed(c); });
  const auto compact_end = ordered ? first_open : candles.begin();
  header h;
  h.magic = magic_v1;
  h.scale = price_codec::min_scale;
  double largest = 0;
  for (auto it = candles.begin(); it != compact_end; ++it) {
    h.scale = std::max(h.scale, price_codec::decimals_needed(*it));
    largest = std::max(largest, price_codec::largest_price(*it));
  }
  while (h.scale > price_codec::min_scale && !price_codec::fits(largest, h.scale)) --h.scale;
  h.compact = static_cast<std::uint32_t>(compact_end - candles.begin());
  h.whole = static_cast<std::uint32_t>(candles.end() - compact_end);
  std::vector<compact_candle> packed;
  packed.reserve(h.compact);
  for (auto it = candles.begin(); it != compact_end; ++it) {
    packed.push_back(price_codec::pack(*it, h.scale));
  }
  std::string out;
  out.reserve(sizeof h + h.compact * sizeof(compact_candle) + h.whole * sizeof(tb_candle));
  append(out, &h, 1);
  append(out, packed.data(), packed.size());
  append(out, &*compact_end, h.whole);
  return out;
}

bool decode_cached_candles(std::string_view bytes, std::vector<tb_candle>& out) {
  header h;
  if (bytes.size() < sizeof h) return false;
  std::memcpy(&h, bytes.data(), sizeof h);
  const std::size_t expected =
      sizeof h + std::size_t{h.compact} * sizeof(compact_candle) + std::size_t{h.whole} * sizeof(tb_candle);
  if (h.magic != magic_v1 || bytes.size() != expected || h.scale < price_codec::min_scale ||
      h.scale > price_codec::max_scale) {
    return false;
  }
  out.resize(std::size_t{h.compact} + h.whole);
  const char* at = bytes.data() + sizeof h;
  for (std::size_t i = 0; i < h.compact; ++i, at += sizeof(compact_candle)) {
    compact_candle c;
    std::memcpy(&c, at, sizeof c);
    out[i] = price_codec::unpack(c, h.scale);
  }
  if (h.whole > 0) std::memcpy(out.data() + h.compact, at, std::size_t{h.whole} * sizeof(tb_candle));
  return true;
}

}  // namespace tb::host
