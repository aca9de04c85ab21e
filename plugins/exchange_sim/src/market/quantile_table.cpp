#include "market/quantile_table.hpp"

namespace tb::exchange_sim {

quantile_table::quantile_table(quantile_function quantile) : quantile_(quantile) {
  for (std::uint32_t i = 1; i < cells; ++i) {
    edges_[i] = quantile_(static_cast<double>(i) / static_cast<double>(cells));
  }
}

double quantile_table::tail(std::uint32_t bits) const noexcept {
  // The midpoint of the 2^-32 slot: never exactly 0 or 1.
  return quantile_((static_cast<double>(bits) + 0.5) * 0x1.0p-32);
}

}  // namespace tb::exchange_sim
