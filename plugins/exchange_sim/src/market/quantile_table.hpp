// Sampling a distribution by table lookup of its inverse CDF: the hot loop turns 32 random
// bits into a variate with one load pair and one multiply-add, instead of log/sqrt/trig.
// The 4,096 cells interpolate linearly; the two outermost cells (probability 1/4,096 each)
// call the exact quantile function, so the tails are exact, not truncated.
#pragma once

#include <array>
#include <cstdint>

namespace tb::exchange_sim {

class quantile_table {
 public:
  using quantile_function = double (*)(double probability);

  static constexpr int index_bits = 12;
  static constexpr std::uint32_t cells = 1U << index_bits;

  // Tabulates `quantile` at i / cells for i = 1 .. cells - 1. `quantile` must be monotone and
  // finite on the open interval (0, 1).
  explicit quantile_table(quantile_function quantile);

  // A variate from 32 uniform random bits.
  double sample(std::uint32_t bits) const noexcept {
    const std::uint32_t cell = bits >> (32 - index_bits);
    if (cell == 0 || cell == cells - 1) [[unlikely]] return tail(bits);
    constexpr double fraction_scale = 1.0 / static_cast<double>(1U << (32 - index_bits));
    const double fraction = static_cast<double>(bits & ((1U << (32 - index_bits)) - 1)) * fraction_scale;
    return edges_[cell] + fraction * (edges_[cell + 1] - edges_[cell]);
  }

 private:
  double tail(std::uint32_t bits) const noexcept;

  quantile_function quantile_;
  std::array<double, cells> edges_{};  // edges_[i] = quantile(i / cells); edges_[0] unused
};

}  // namespace tb::exchange_sim
